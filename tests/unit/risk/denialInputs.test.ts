import { describe, expect, test } from 'vitest';
import type { TradingState } from '../../../core/contract/contract';
import { instrumentKey } from '../../../core/market/order';
import { OrderGate, type GateRequest } from '../../../core/risk/orderGate';
import { SPY, SPY_CALL } from '../../support/executionDoubles';
import { gateFacts, gateOrder, quoteOf, relaxedRiskLimits, riskLimits } from '../../support/riskFixtures';

const NOW = Date.parse('2025-03-03T15:00:00Z');
const ACTIVE: TradingState = { state: 'ACTIVE', changedAt: 0, changedBy: 'trader', reason: '', persisted: true };

describe('what a denial says the checks saw', () => {
  test('a refused order lists the trading state, its quote with its age, the position and working quantity, the flow, P&L, account and the limit of its code', () => {
    const gate = new OrderGate({ current: ACTIVE }, { ...relaxedRiskLimits(), maxOrderShares: 100 });
    const request: GateRequest = { action: 'place', orders: [gateOrder('buy', 200, SPY, 500)], source: 'ticket' };
    const facts = gateFacts({
      quotes: [quoteOf('SPY', { bid: 499.9, ask: 500, last: 499.95, ts: NOW - 1_500 })],
      positions: { SPY: 30 },
      working: { 'SPY buy': 20 },
      openOrders: 4,
      recentOrders: [{ instrumentKey: 'SPY', side: 'buy', limitPrice: 1, at: NOW - 500 }, { instrumentKey: 'SPY', side: 'buy', limitPrice: 2, at: NOW - 30_000 }],
      dayPnl: -120,
      dayPnlHigh: 80,
      netLiquidation: 250_000,
      greeks: { deltaDollars: 15_000 },
    });
    const denial = gate.check(request, facts, NOW)!;
    expect(denial.code).toBe('MAX_QUANTITY');
    expect(gate.inputs(request, facts, NOW, denial)).toEqual({
      tradingState: { state: 'ACTIVE', reason: '' },
      venue: { ready: true, reconciled: true },
      orders: [{
        instrument: 'SPY', side: 'buy', quantity: 200, type: 'LMT', limitPrice: 500, stopPrice: null, position: 30, working: 20,
        quote: { symbol: 'SPY', bid: 499.9, ask: 500, last: 499.95, volume: null, ageSeconds: 1.5 },
      }],
      openOrders: 4,
      ordersLastSecond: 1,
      ordersLastMinute: 2,
      dayPnl: -120,
      dayPnlHigh: 80,
      netLiquidation: 250_000,
      greeks: { deltaDollars: 15_000, gammaDollars: 0, vegaDollars: 0 },
      limits: { maxOrderShares: 100, maxOrderContracts: 1e9 },
      checkedAt: NOW,
    });
  });

  test('an option order lists its chain mark and greeks; a drawdown denial lists the drawdown limit', () => {
    const gate = new OrderGate({ current: ACTIVE }, riskLimits({ marketCalendar: 'always-open', maxDrawdown: 500, maxStaleDataSeconds: 1e6 }));
    const request: GateRequest = { action: 'place', orders: [gateOrder('buy', 1, SPY_CALL, 5)], source: 'ticket' };
    const option = { mark: 5, bid: 4.95, ask: 5.05, delta: 0.5, gamma: 0.02, vega: 0.3, underlyingPrice: 500 };
    const facts = gateFacts({ options: { [instrumentKey(SPY_CALL)]: option }, quotes: [quoteOf('SPY', { bid: 499.9, ask: 500, ts: NOW })], dayPnl: -100, dayPnlHigh: 400, netLiquidation: 1e6 });
    const denial = gate.check(request, facts, NOW)!;
    expect(denial.code).toBe('DRAWDOWN');
    const inputs = gate.inputs(request, facts, NOW, denial) as { orders: Array<Record<string, unknown>>; limits: unknown };
    expect(inputs.orders[0]).toMatchObject({ instrument: instrumentKey(SPY_CALL), option, quote: expect.objectContaining({ symbol: 'SPY', ageSeconds: 0 }) });
    expect(inputs.limits).toEqual({ maxDrawdown: 500 });
  });
});
