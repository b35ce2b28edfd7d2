import { describe, expect, test } from 'vitest';
import type { TradingState, TradingStateName } from '../../../core/contract/contract';
import { instrumentKey, type Instrument, type OrderSide } from '../../../core/market/order';
import { OrderGate, type GateOrder, type GateRequest, type OrderCheck } from '../../../core/risk/orderGate';
import { SPY, SPY_CALL } from '../../support/executionDoubles';
import { gateFacts, gateOrder, relaxedRiskLimits } from '../../support/riskFixtures';

function gateIn(state: TradingStateName, reason = 'test'): OrderGate {
  const current: TradingState = { state, changedAt: 0, changedBy: 'trader', reason, persisted: true };
  return new OrderGate({ current }, relaxedRiskLimits());
}

const facts = gateFacts;
const NOW = Date.parse('2025-03-03T15:00:00Z');

const leg = (side: OrderSide, quantity: number, instrument: Instrument = SPY): GateOrder => gateOrder(side, quantity, instrument, 1);
const place = (...orders: GateOrder[]): GateRequest => ({ action: 'place', orders, source: 'ticket' });

describe('order gate', () => {
  test('ACTIVE with the venue ready and reconciled lets an order through', () => {
    expect(gateIn('ACTIVE').check(place(leg('buy', 100)), facts(), NOW)).toBeNull();
  });

  test('HALTED refuses new orders and changes with HALTED, naming why; cancels always pass', () => {
    const gate = gateIn('HALTED', 'flash crash');
    const denial = gate.check(place(leg('sell', 100)), facts({ positions: { SPY: 100 } }), NOW);
    expect(denial?.code).toBe('HALTED');
    expect(denial?.message).toMatch(/Trading is HALTED \(flash crash\): no new order is sent\. Cancels still go through\./);
    expect(gate.check({ action: 'modify', orderId: 3, order: leg('buy', 10) }, facts(), NOW)?.code).toBe('HALTED');
    expect(gate.check({ action: 'cancel', orderId: 3 }, facts({ venueReady: false, reconciled: false }), NOW)).toBeNull();
  });

  test('REDUCING lets through an order that shrinks the position, up to flat', () => {
    const gate = gateIn('REDUCING');
    expect(gate.check(place(leg('sell', 100)), facts({ positions: { SPY: 100 } }), NOW)).toBeNull();
    expect(gate.check(place(leg('buy', 2, SPY_CALL)), facts({ positions: { [instrumentKey(SPY_CALL)]: -2 } }), NOW)).toBeNull();
  });

  test('REDUCING refuses an order that adds to the position, one without a position, and one past flat', () => {
    const gate = gateIn('REDUCING');
    const adds = gate.check(place(leg('buy', 10)), facts({ positions: { SPY: 100 } }), NOW);
    expect(adds).toEqual({ code: 'REDUCING_WOULD_INCREASE', message: 'Trading is REDUCING: only orders that shrink a position pass. You are long 100 SPY: a buy adds to it.' });
    expect(gate.check(place(leg('sell', 10)), facts(), NOW)?.message).toMatch(/You hold no SPY/);
    expect(gate.check(place(leg('sell', 101)), facts({ positions: { SPY: 100 } }), NOW)?.message).toMatch(/selling 101 more would go past flat/);
  });

  test('REDUCING counts the orders already working on the same side', () => {
    const gate = gateIn('REDUCING');
    const withWorking = facts({ positions: { SPY: 100 }, working: { 'SPY sell': 60 } });
    expect(gate.check(place(leg('sell', 40)), withWorking, NOW)).toBeNull();
    const denial = gate.check(place(leg('sell', 41)), withWorking, NOW);
    expect(denial?.code).toBe('REDUCING_WOULD_INCREASE');
    expect(denial?.message).toMatch(/already have 60 to sell working: selling 41 more would go past flat/);
  });

  test('REDUCING lets a working reducing order be modified up to flat, not past it', () => {
    const gate = gateIn('REDUCING');
    const withOthers = facts({ positions: { SPY: 100 }, working: { 'SPY sell': 30 } });
    expect(gate.check({ action: 'modify', orderId: 9, order: leg('sell', 70) }, withOthers, NOW)).toBeNull();
    expect(gate.check({ action: 'modify', orderId: 9, order: leg('sell', 71) }, withOthers, NOW)?.message).toMatch(/with this change selling 101 would be working, past flat/);
  });

  test('REDUCING refuses a bracket: its exit orders would open a new position', () => {
    const bracket = place({ ...leg('sell', 100), role: 'parent' }, { ...leg('buy', 100), role: 'takeProfit' }, { ...leg('buy', 100), role: 'stopLoss' });
    expect(gateIn('REDUCING').check(bracket, facts({ positions: { SPY: 100 } }), NOW)?.message).toMatch(/bracket is refused/);
  });

  test('a venue that is not ready refuses with VENUE_NOT_READY; one not reconciled since its connect with NOT_RECONCILED', () => {
    const gate = gateIn('ACTIVE');
    expect(gate.check(place(leg('buy', 1)), facts({ venueReady: false }), NOW)?.code).toBe('VENUE_NOT_READY');
    expect(gate.check(place(leg('buy', 1)), facts({ reconciled: false }), NOW)?.code).toBe('NOT_RECONCILED');
  });

  test('the trading state is said first when several checks would refuse', () => {
    expect(gateIn('HALTED').check(place(leg('buy', 1)), facts({ venueReady: false, reconciled: false }), NOW)?.code).toBe('HALTED');
  });

  test('a check added to the list takes part like the others', () => {
    const maxQuantity: OrderCheck = (request) =>
      request.action === 'place' && request.orders.some((o) => o.quantity > 500) ? { code: 'INVALID_ORDER', message: 'more than 500' } : null;
    const gate = new OrderGate({ current: { state: 'ACTIVE', changedAt: 0, changedBy: 'x', reason: '', persisted: true } }, relaxedRiskLimits(), [maxQuantity]);
    expect(gate.check(place(leg('buy', 501)), facts(), NOW)?.message).toBe('more than 500');
    expect(gate.check(place(leg('buy', 500)), facts(), NOW)).toBeNull();
  });
});
