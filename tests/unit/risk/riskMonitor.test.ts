import { afterEach, describe, expect, test } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { ApprovalView, RiskView, TradingState } from '../../../core/contract/contract';
import { ZERO_GREEKS } from '../../../core/execution/positionValuation';
import { instrumentKey, type AccountSnapshot, type Position } from '../../../core/market/order';
import { etToUtc } from '../../../core/market/newYorkTime';
import { BreakerLatches } from '../../../core/risk/breakerLatches';
import { CircuitBreakers } from '../../../core/risk/circuitBreakers';
import { DayHighWater } from '../../../core/risk/dayHighWater';
import { RiskMonitor, type OrderFlowUse } from '../../../core/risk/riskMonitor';
import { RuntimeRiskLimits } from '../../../core/risk/riskLimits';
import { SPY, SPY_CALL } from '../../support/executionDoubles';
import { quoteOf, riskLimits } from '../../support/riskFixtures';

const NOW = etToUtc('2025-03-03', 10, 0);
const APPROVAL: ApprovalView = { mode: 'manual', changedAt: 0, changedBy: 'config', reason: 'risk.approvalMode', deadManSeconds: 60, cockpits: 1 };

describe('the risk view', () => {
  const stops: Array<() => void> = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  function setUp(flow: OrderFlowUse | null = { venueReady: true, reconciled: true, workingOrders: 3, ordersLastSecond: 2, ordersLastMinute: 7 }) {
    const bus = createEngineBus();
    const tradingState = { current: { state: 'ACTIVE', changedAt: 0, changedBy: 'engine', reason: '', persisted: true } as TradingState, change: async () => undefined };
    const store = { loadLimits: async () => ({}), recordChange: async () => undefined, auditRefusal: async () => undefined };
    const limits = new RuntimeRiskLimits(riskLimits({ maxDailyLoss: 1_000, maxDrawdown: 500, maxPositionPerSymbol: 1_000, maxGammaDollars: 9_000, maxStaleDataSeconds: 5 }), { store, tradingState });
    const high = new DayHighWater();
    const breakers = new CircuitBreakers({ bus, tradingState, limits, high, clock: () => NOW });
    breakers.start(); // it sees each account figure into the shared high
    stops.push(() => breakers.stop());
    const latches = new BreakerLatches({ bus, limits, symbols: ['SPY', 'QQQ', 'IWM'], venue: () => flow, clock: () => NOW });
    latches.start();
    stops.push(() => latches.stop());
    const monitor = new RiskMonitor({ bus, limits, breakers, latches, high, approval: () => APPROVAL, flow: () => flow, clock: () => NOW });
    monitor.loadHistory([{ from: 'INIT', to: 'ACTIVE', at: 1, by: 'engine', reason: 'first start' }]);
    monitor.start();
    stops.push(() => monitor.stop());
    const limit = (view: RiskView, name: string) => view.limits.find((l) => l.name === name)!;
    return { bus, monitor, limit, latches };
  }

  test('each limit shows its use: today’s loss, drawdown from the high, working orders, order rate, largest position, concentration, greeks', () => {
    const { bus, monitor, limit } = setUp();
    bus.publish('accountChanged', account(400));
    bus.publish('accountChanged', account(-250)); // the drawdown breaker trips to REDUCING: not this test's concern
    bus.publish('positionsChanged', [position(SPY, 300, 1, 150_000), position(SPY_CALL, -5, 100, -2_500)]);
    const view = monitor.view();
    expect(view).toMatchObject({ dayPnl: -250, dayPnlHigh: 400, approval: APPROVAL });
    expect(limit(view, 'maxDailyLoss')).toMatchObject({ value: 1_000, configured: 1_000, used: 250, usedLabel: 'today’s loss', unit: '$' });
    expect(limit(view, 'maxDrawdown')).toMatchObject({ value: 500, used: 650, usedLabel: 'below today’s high of $400' });
    expect(limit(view, 'maxOpenOrders')).toMatchObject({ used: 3, usedLabel: 'working orders' });
    expect(limit(view, 'maxOrdersPerSecond')).toMatchObject({ used: 2 });
    expect(limit(view, 'maxOrdersPerMinute')).toMatchObject({ used: 7 });
    expect(limit(view, 'maxPositionPerSymbol')).toMatchObject({ used: 500, usedLabel: `${instrumentKey(SPY_CALL)} 500 shares` });
    expect(limit(view, 'maxConcentrationPercent')).toMatchObject({ used: 60, usedLabel: 'SPY of net liquidation' });
    expect(limit(view, 'maxGammaDollars')).toMatchObject({ value: 9_000, used: 1_200 });
    expect(limit(view, 'maxOrderShares')).toMatchObject({ used: null, usedLabel: null });
    expect(limit(view, 'maxConsecutiveRejections')).toMatchObject({ used: 0, usedLabel: 'rejections in a row' });
  });

  test('the connection and stale-data breakers show their latch: since when, why, the symbols blocked, and whether a reset would be taken now', () => {
    const cold = setUp({ venueReady: false, reconciled: false, workingOrders: 0, ordersLastSecond: 0, ordersLastMinute: 0 });
    const connection = cold.monitor.view().breakers.find((b) => b.name === 'connection');
    expect(connection, 'not ready from the start: nothing lost').toMatchObject({ tripped: false, resettable: false, condition: expect.stringMatching(/broker connection is still not ready/) });
    const seen = setUp();
    seen.bus.publish('venueOrderReadinessChanged', { venue: 'ibkr', ready: false, nextValidId: null, session: 3 });
    seen.bus.publish('quoteChanged', quoteOf('SPY', { bid: 1, ask: 2, ts: NOW - 6_000 }));
    seen.bus.publish('quoteChanged', quoteOf('QQQ', { bid: 1, ask: 2, ts: NOW - 1_000 }));
    seen.latches.checkQuotes();
    seen.latches.checkQuotes();
    const view = Object.fromEntries(seen.monitor.view().breakers.map((b) => [b.name, b]));
    expect(view.connection).toMatchObject({ tripped: true, trippedAt: NOW, reason: expect.stringMatching(/IB connection was lost \(session 3 ended\)/), resettable: true, label: expect.stringMatching(/reset by a trader/) });
    expect(view.staleData).toMatchObject({
      tripped: true, trippedAt: NOW, reason: 'no quote for SPY for 6 s, more than the 5 s allowed (risk.maxStaleDataSeconds)', resettable: false,
      symbols: [{ symbol: 'SPY', trippedAt: NOW, resettable: false, condition: expect.stringMatching(/the last quote for SPY is 6 s old/) }],
    });
    expect(view.dailyLoss).toMatchObject({ tripped: false, label: 'Daily loss limit → HALTED' });
    expect(view.dailyLoss).not.toHaveProperty('resettable');
  });

  test('the history starts from the audit trail and follows trading-state changes, newest first', () => {
    const { bus, monitor } = setUp();
    bus.publish('tradingStateChanged', { state: 'HALTED', changedAt: 5, changedBy: 'circuit breaker', reason: 'daily loss limit reached', persisted: true });
    bus.publish('tradingStateChanged', { state: 'HALTED', changedAt: 5, changedBy: 'circuit breaker', reason: 'daily loss limit reached', persisted: true });
    expect(monitor.view().history).toEqual([
      { from: 'ACTIVE', to: 'HALTED', at: 5, by: 'circuit breaker', reason: 'daily loss limit reached' },
      { from: 'INIT', to: 'ACTIVE', at: 1, by: 'engine', reason: 'first start' },
    ]);
  });
});

function account(dayPnl: number): AccountSnapshot {
  return { account: 'DU1', currency: 'USD', netLiquidation: 250_000, buyingPower: null, excessLiquidity: null, availableFunds: null, dayPnl, realizedPnl: 0, unrealizedPnl: 0, greeks: { ...ZERO_GREEKS, gammaDollars: -1_200 }, updatedAt: NOW };
}

function position(instrument: Position['instrument'], quantity: number, multiplier: number, marketValue: number): Position {
  return { instrument, quantity, avgCost: 0, multiplier, marketPrice: null, marketValue, unrealizedPnl: null, realizedPnl: 0, dayRealizedPnl: 0, greeks: null, updatedAt: NOW };
}
