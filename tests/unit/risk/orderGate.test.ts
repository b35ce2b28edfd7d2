import { describe, expect, test } from 'vitest';
import type { TradingState, TradingStateName } from '../../../core/contract/contract';
import { instrumentKey, type Instrument, type OrderSide } from '../../../core/market/order';
import { OrderGate, type GateFacts, type GateOrder, type GateRequest, type OrderCheck } from '../../../core/risk/orderGate';
import { SPY, SPY_CALL } from '../../support/executionDoubles';

function gateIn(state: TradingStateName, reason = 'test'): OrderGate {
  const current: TradingState = { state, changedAt: 0, changedBy: 'trader', reason, persisted: true };
  return new OrderGate({ current });
}

function facts(fields: { positions?: Record<string, number>; working?: Record<string, number>; venueReady?: boolean; reconciled?: boolean } = {}): GateFacts {
  return {
    venueReady: fields.venueReady ?? true,
    reconciled: fields.reconciled ?? true,
    exposure: {
      position: (i: Instrument) => fields.positions?.[instrumentKey(i)] ?? 0,
      // `working` lists what works besides the order a modification replaces.
      working: (i: Instrument, side: OrderSide, replacing?: { quantity: number }) => (fields.working?.[`${instrumentKey(i)} ${side}`] ?? 0) + (replacing?.quantity ?? 0),
    },
  };
}

const leg = (side: OrderSide, quantity: number, instrument: Instrument = SPY): GateOrder => ({ instrument, side, quantity, role: 'single' });
const place = (...orders: GateOrder[]): GateRequest => ({ action: 'place', orders, source: 'ticket' });

describe('order gate', () => {
  test('ACTIVE with the venue ready and reconciled lets an order through', () => {
    expect(gateIn('ACTIVE').check(place(leg('buy', 100)), facts())).toBeNull();
  });

  test('HALTED refuses new orders and changes with HALTED, naming why; cancels always pass', () => {
    const gate = gateIn('HALTED', 'flash crash');
    const denial = gate.check(place(leg('sell', 100)), facts({ positions: { SPY: 100 } }));
    expect(denial?.code).toBe('HALTED');
    expect(denial?.message).toMatch(/Trading is HALTED \(flash crash\): no new order is sent\. Cancels still go through\./);
    expect(gate.check({ action: 'modify', orderId: 3, order: leg('buy', 10) }, facts())?.code).toBe('HALTED');
    expect(gate.check({ action: 'cancel', orderId: 3 }, facts({ venueReady: false, reconciled: false }))).toBeNull();
  });

  test('REDUCING lets through an order that shrinks the position, up to flat', () => {
    const gate = gateIn('REDUCING');
    expect(gate.check(place(leg('sell', 100)), facts({ positions: { SPY: 100 } }))).toBeNull();
    expect(gate.check(place(leg('buy', 2, SPY_CALL)), facts({ positions: { [instrumentKey(SPY_CALL)]: -2 } }))).toBeNull();
  });

  test('REDUCING refuses an order that adds to the position, one without a position, and one past flat', () => {
    const gate = gateIn('REDUCING');
    const adds = gate.check(place(leg('buy', 10)), facts({ positions: { SPY: 100 } }));
    expect(adds).toEqual({ code: 'REDUCING_WOULD_INCREASE', message: 'Trading is REDUCING: only orders that shrink a position pass. You are long 100 SPY: a buy adds to it.' });
    expect(gate.check(place(leg('sell', 10)), facts())?.message).toMatch(/You hold no SPY/);
    expect(gate.check(place(leg('sell', 101)), facts({ positions: { SPY: 100 } }))?.message).toMatch(/selling 101 more would go past flat/);
  });

  test('REDUCING counts the orders already working on the same side', () => {
    const gate = gateIn('REDUCING');
    const withWorking = facts({ positions: { SPY: 100 }, working: { 'SPY sell': 60 } });
    expect(gate.check(place(leg('sell', 40)), withWorking)).toBeNull();
    const denial = gate.check(place(leg('sell', 41)), withWorking);
    expect(denial?.code).toBe('REDUCING_WOULD_INCREASE');
    expect(denial?.message).toMatch(/already have 60 to sell working: selling 41 more would go past flat/);
  });

  test('REDUCING lets a working reducing order be modified up to flat, not past it', () => {
    const gate = gateIn('REDUCING');
    const withOthers = facts({ positions: { SPY: 100 }, working: { 'SPY sell': 30 } });
    expect(gate.check({ action: 'modify', orderId: 9, order: leg('sell', 70) }, withOthers)).toBeNull();
    expect(gate.check({ action: 'modify', orderId: 9, order: leg('sell', 71) }, withOthers)?.message).toMatch(/with this change selling 101 would be working, past flat/);
  });

  test('REDUCING refuses a bracket: its exit orders would open a new position', () => {
    const bracket = place({ ...leg('sell', 100), role: 'parent' }, { ...leg('buy', 100), role: 'takeProfit' }, { ...leg('buy', 100), role: 'stopLoss' });
    expect(gateIn('REDUCING').check(bracket, facts({ positions: { SPY: 100 } }))?.message).toMatch(/bracket is refused/);
  });

  test('a venue that is not ready refuses with VENUE_NOT_READY; one not reconciled since its connect with NOT_RECONCILED', () => {
    const gate = gateIn('ACTIVE');
    expect(gate.check(place(leg('buy', 1)), facts({ venueReady: false }))?.code).toBe('VENUE_NOT_READY');
    expect(gate.check(place(leg('buy', 1)), facts({ reconciled: false }))?.code).toBe('NOT_RECONCILED');
  });

  test('the trading state is said first when several checks would refuse', () => {
    expect(gateIn('HALTED').check(place(leg('buy', 1)), facts({ venueReady: false, reconciled: false }))?.code).toBe('HALTED');
  });

  test('a check added to the list takes part like the others', () => {
    const maxQuantity: OrderCheck = (request) =>
      request.action === 'place' && request.orders.some((o) => o.quantity > 500) ? { code: 'INVALID_ORDER', message: 'more than 500' } : null;
    const gate = new OrderGate({ current: { state: 'ACTIVE', changedAt: 0, changedBy: 'x', reason: '', persisted: true } }, [maxQuantity]);
    expect(gate.check(place(leg('buy', 501)), facts())?.message).toBe('more than 500');
    expect(gate.check(place(leg('buy', 500)), facts())).toBeNull();
  });
});
