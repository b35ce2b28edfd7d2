import { describe, expect, test } from 'vitest';
import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import { tradingStateRestrictiveness, type TradingState, type TradingStateName } from '../../../core/contract/contract';
import { ZERO_GREEKS } from '../../../core/execution/positionValuation';
import type { AccountSnapshot, OrderRecord, OrderStatus } from '../../../core/market/order';
import { etToUtc } from '../../../core/market/newYorkTime';
import { CircuitBreakers } from '../../../core/risk/circuitBreakers';
import type { TradingStateChange } from '../../../core/risk/tradingState';
import { SPY } from '../../support/executionDoubles';
import { riskLimits } from '../../support/riskFixtures';

/** The trading state's rule in memory: tightening at once, loosening only confirmed; every change kept. */
class StateHolder {
  current: TradingState = { state: 'ACTIVE', changedAt: 0, changedBy: 'trader', reason: '', persisted: true };
  readonly changes: TradingStateChange[] = [];
  async change(change: TradingStateChange): Promise<TradingState> {
    if (tradingStateRestrictiveness[change.state] < tradingStateRestrictiveness[this.current.state] && !change.confirmed) throw new Error('needs confirmation');
    this.changes.push(change);
    this.current = { state: change.state, changedAt: 0, changedBy: change.by, reason: change.reason, persisted: true };
    return this.current;
  }
}

function setUp(limits = riskLimits({ maxDailyLoss: 1_000, maxDrawdown: 600, maxConsecutiveRejections: 3 })) {
  const bus: EngineBus = createEngineBus();
  const state = new StateHolder();
  const clock = { now: etToUtc('2025-03-03', 10, 0) };
  const breakers = new CircuitBreakers({ bus, tradingState: state, limits, clock: () => clock.now });
  breakers.start();
  const account = (dayPnl: number) => bus.publish('accountChanged', accountWith(dayPnl, clock.now));
  const order = (orderId: number, status: OrderStatus, fields: Partial<OrderRecord> = {}) => bus.publish('orderChanged', orderWith(orderId, status, clock.now, fields));
  return { bus, state, clock, breakers, account, order };
}

function accountWith(dayPnl: number, now: number): AccountSnapshot {
  return { account: 'DU1', currency: 'USD', netLiquidation: 100_000, buyingPower: null, excessLiquidity: null, availableFunds: null, dayPnl, realizedPnl: 0, unrealizedPnl: 0, greeks: ZERO_GREEKS, updatedAt: now };
}

function orderWith(orderId: number, status: OrderStatus, now: number, fields: Partial<OrderRecord>): OrderRecord {
  return {
    orderId, clientOrderKey: `k${orderId}`, role: 'single', parentId: null, instrument: SPY, side: 'buy', quantity: 1, type: 'LMT', limitPrice: 1, stopPrice: null, tif: 'DAY', outsideRth: false, ocaGroup: null,
    status, filled: 0, avgFillPrice: null, commission: 0, message: status === 'Rejected' ? 'no permissions' : null, permId: null, source: 'ticket', requestedBy: 't', external: false, createdAt: now, updatedAt: now, ...fields,
  };
}

const states = (holder: StateHolder): TradingStateName[] => holder.changes.map((c) => c.state);

describe('circuit breakers', () => {
  test('the day’s loss reaching maxDailyLoss halts trading, by the circuit breaker, with the figures as the reason', () => {
    const { state, account } = setUp();
    account(-999);
    expect(state.changes).toEqual([expect.objectContaining({ state: 'REDUCING' })]); // 999 below the high (0): the drawdown breaker first
    account(-1_000);
    expect(state.current.state).toBe('HALTED');
    expect(state.changes[1]).toEqual({ state: 'HALTED', confirmed: false, by: 'circuit breaker', reason: "daily loss limit reached: today's P&L -$1,000, limit $1,000 (risk.maxDailyLoss)" });
  });

  test('a drawdown of maxDrawdown from the day’s high sets REDUCING; less does not', () => {
    const { state, account } = setUp();
    account(900);
    account(300.01);
    expect(state.changes).toEqual([]);
    account(300);
    expect(state.changes).toEqual([expect.objectContaining({ state: 'REDUCING', by: 'circuit breaker', reason: expect.stringMatching(/P&L \$300 is \$600 below today's high of \$900/) })]);
  });

  test('a breaker only tightens: the drawdown breaker leaves HALTED alone', () => {
    const { state, account } = setUp();
    state.current = { ...state.current, state: 'HALTED' };
    account(-700);
    expect(state.changes).toEqual([]);
  });

  test('once a trader confirms a way out, a loss breaker stays quiet for the rest of the day and trips again the next day', async () => {
    const { state, account, clock } = setUp();
    account(-1_200);
    await state.change({ state: 'ACTIVE', reason: 'reviewed', confirmed: true, by: 'trader' });
    account(-1_300);
    expect(states(state)).toEqual(['HALTED', 'ACTIVE']);
    clock.now = etToUtc('2025-03-04', 9, 0);
    account(-1_000);
    expect(states(state)).toEqual(['HALTED', 'ACTIVE', 'HALTED']);
  });

  test('maxConsecutiveRejections rejections in a row set REDUCING; an accepted order in between starts the count again', () => {
    const { state, order, breakers } = setUp();
    order(1, 'PendingSubmit');
    order(1, 'Rejected');
    order(1, 'Rejected'); // the same rejection reported again counts once
    order(2, 'Rejected');
    order(3, 'Submitted');
    order(4, 'Rejected');
    order(5, 'Rejected');
    expect(state.changes).toEqual([]);
    expect(breakers.detail().rejectionsInARow).toBe(2);
    order(6, 'Rejected');
    expect(state.changes).toEqual([expect.objectContaining({ state: 'REDUCING', by: 'circuit breaker', reason: '3 orders in a row rejected by the gateway (risk.maxConsecutiveRejections), the last: order 6, "no permissions"' })]);
  });

  test('rejections of orders loaded from before the start and of other clients’ orders do not count', () => {
    const { state, order, clock } = setUp(riskLimits({ maxConsecutiveRejections: 1 }));
    order(1, 'Rejected', { updatedAt: clock.now - 1 });
    order(2, 'Rejected', { external: true });
    expect(state.changes).toEqual([]);
    order(3, 'Rejected');
    expect(states(state)).toEqual(['REDUCING']);
  });
});
