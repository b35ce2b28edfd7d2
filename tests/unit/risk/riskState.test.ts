import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { TradingState } from '../../../core/contract/contract';
import { ZERO_GREEKS } from '../../../core/execution/positionValuation';
import type { AccountSnapshot, OrderRequest } from '../../../core/market/order';
import { etToUtc } from '../../../core/market/newYorkTime';
import { ApprovalMode } from '../../../core/risk/approvalMode';
import { BreakerLatches, type VenueUse } from '../../../core/risk/breakerLatches';
import { CircuitBreakers } from '../../../core/risk/circuitBreakers';
import { DayHighWater } from '../../../core/risk/dayHighWater';
import { DenialLog } from '../../../core/risk/denialLog';
import type { TradingStateChange } from '../../../core/risk/tradingState';
import { keys } from '../../../core/store/keys';
import { RedisRiskStore } from '../../../core/store/riskStore';
import { SPY } from '../../support/executionDoubles';
import { quoteOf, riskLimits } from '../../support/riskFixtures';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

/** What a restart must not lose: each part written to a real Redis, then read back by a fresh one. */
describe('risk state kept across a restart', () => {
  let redis: TestRedis;
  let store: RedisRiskStore;
  const clock = { now: etToUtc('2025-03-03', 10, 0) };
  beforeAll(async () => {
    redis = await startTestRedis();
    store = new RedisRiskStore(redis.client);
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    await redis.client.flushall();
    clock.now = etToUtc('2025-03-03', 10, 0);
  });

  const settled = () => redis.client.ping();

  test('the day’s P&L high is stored and read back, so the drawdown reference survives a restart; the next day starts at 0', async () => {
    const before = new DayHighWater((mark) => store.saveDayHigh(mark));
    before.see(900, clock.now);
    before.see(300, clock.now);
    await settled();
    const after = new DayHighWater();
    after.load((await store.loadState()).dayHigh);
    expect(after.see(250, clock.now)).toBe(900);
    expect(after.see(250, etToUtc('2025-03-04', 9, 30))).toBe(250);
  });

  test('a loss breaker tripped before a restart does not trip again the same day after a trader confirmed a way out, and is still shown tripped', async () => {
    const bus = createEngineBus();
    const state = new StateHolder();
    const start = (high: DayHighWater) => {
      const breakers = new CircuitBreakers({ bus, tradingState: state, limits: riskLimits({ maxDailyLoss: 1_000 }), high, saveTrip: (name, trip) => store.saveBreaker(name, trip), clock: () => clock.now });
      return breakers;
    };
    const first = start(new DayHighWater());
    first.start();
    bus.publish('accountChanged', account(-1_200, clock.now));
    expect(state.current.state).toBe('HALTED');
    first.stop();
    await settled();
    await state.change({ state: 'ACTIVE', reason: 'reviewed', confirmed: true, by: 'trader' });

    const restarted = start(new DayHighWater());
    restarted.load((await store.loadState()).breakers);
    restarted.start();
    clock.now += 60_000;
    bus.publish('accountChanged', account(-1_300, clock.now));
    expect(state.current.state).toBe('ACTIVE');
    expect(restarted.states()[0]).toEqual({ name: 'dailyLoss', tripped: true, trippedAt: etToUtc('2025-03-03', 10, 0), reason: expect.stringMatching(/^daily loss limit reached/) });
    restarted.stop();
  });

  test('the latched connection and stale-data breakers survive a restart: a fresh engine reads them back, and only a reset, audited with who and why, removes them', async () => {
    const venue: { current: VenueUse } = { current: { venueReady: true, reconciled: true } };
    const start = (bus = createEngineBus()) => {
      const latches = new BreakerLatches({ bus, limits: riskLimits({ maxStaleDataSeconds: 5 }), symbols: ['SPY', 'QQQ'], venue: () => venue.current, store, clock: () => clock.now });
      return { bus, latches };
    };
    const first = start();
    first.latches.start();
    first.bus.publish('quoteChanged', quoteOf('SPY', { bid: 1, ask: 2, ts: clock.now }));
    clock.now += 6_000;
    first.latches.checkQuotes();
    first.latches.checkQuotes();
    first.bus.publish('venueOrderReadinessChanged', { venue: 'ibkr', ready: false, nextValidId: null, session: 4 });
    first.latches.stop();
    await settled();

    venue.current = { venueReady: false, reconciled: false }; // the restarted engine starts disconnected
    const restarted = start();
    restarted.latches.load((await store.loadState()).latched);
    restarted.latches.start();
    expect(restarted.latches.connection).toEqual({ at: clock.now, reason: expect.stringMatching(/IB connection was lost \(session 4 ended\)/) });
    expect(restarted.latches.stale('SPY')).toEqual({ at: clock.now, reason: expect.stringMatching(/^no quote for SPY for 6 s/) });

    venue.current = { venueReady: true, reconciled: true };
    restarted.bus.publish('quoteChanged', quoteOf('SPY', { bid: 1, ask: 2, ts: clock.now }));
    await restarted.latches.reset({ name: 'connection', confirmed: true, reason: 'gateway back, positions checked' }, 'alice via ipc');
    await restarted.latches.reset({ name: 'staleData', symbol: 'SPY', confirmed: true, reason: 'feed back' }, 'alice via ipc');
    await restarted.latches.reset({ name: 'staleData', confirmed: false, reason: 'oops' }, 'bob via ws').catch(() => undefined);
    restarted.latches.stop();
    await settled();

    expect(await redis.client.hgetall(keys.risk.latched.key)).toEqual({});
    const again = start();
    again.latches.load((await store.loadState()).latched);
    expect(again.latches.connection).toBeNull();
    expect(again.latches.stale('SPY')).toBeNull();
    const audit = await store.breakerAudit(10);
    expect(audit.map((row) => [row.what, row.breaker, row.symbol, row.by])).toEqual([
      ['reset refused', 'staleData', '', 'bob via ws'],
      ['reset', 'staleData', 'SPY', 'alice via ipc'],
      ['reset', 'connection', '', 'alice via ipc'],
      ['tripped', 'connection', '', 'circuit breaker'],
      ['tripped', 'staleData', 'SPY', 'circuit breaker'],
    ]);
    expect(audit[0]).toMatchObject({ code: 'NOT_CONFIRMED', reason: 'oops' });
    expect(audit[2]).toMatchObject({ reason: 'gateway back, positions checked', message: 'reset the connection breaker' });
  });

  test('the newest denials are kept (capped) and read back newest first', async () => {
    const bus = createEngineBus();
    const log = new DenialLog(bus, (record) => store.saveDenial(record));
    log.start();
    for (let i = 1; i <= 55; i++) {
      bus.publish('orderDenied', { request: request(i), denial: { code: 'MAX_QUANTITY', message: `too many: ${i}` }, at: i, inputs: { quantity: i } });
    }
    log.stop();
    await settled();
    const { denials } = await store.loadState();
    expect(denials).toHaveLength(50);
    expect(denials[0]).toMatchObject({ at: 55, code: 'MAX_QUANTITY', message: 'too many: 55', order: 'BUY 55 SPY LMT 10.00', requestedBy: 'trader', source: 'ticket', inputs: { quantity: 55 } });
    const reloaded = new DenialLog(bus, () => undefined);
    reloaded.load(denials);
    reloaded.start();
    expect(reloaded.topic.current?.map((d) => d.at).slice(0, 2)).toEqual([55, 54]);
    reloaded.stop();
  });

  test('each change of the approval mode is written to Redis, the dead-man rule’s fallback too', async () => {
    let cockpits = 1;
    const approval = new ApprovalMode({ bus: createEngineBus(), configured: 'auto', deadManSeconds: 5, cockpits: () => cockpits, save: (s) => store.saveApproval(s), clock: () => clock.now });
    approval.start();
    await settled();
    expect(JSON.parse((await redis.client.get(keys.risk.approval.key))!)).toMatchObject({ mode: 'auto', changedBy: 'config' });
    cockpits = 0;
    clock.now += 6_000;
    approval.check();
    approval.stop();
    await settled();
    expect(JSON.parse((await redis.client.get(keys.risk.approval.key))!)).toMatchObject({ mode: 'manual', changedBy: 'engine', reason: expect.stringMatching(/^dead-man rule/) });
    expect(approval.view()).toMatchObject({ mode: 'manual', deadManSeconds: 5, cockpits: 0 });
  });
});

class StateHolder {
  current: TradingState = { state: 'ACTIVE', changedAt: 0, changedBy: 'trader', reason: '', persisted: true };
  async change(change: TradingStateChange): Promise<TradingState> {
    this.current = { state: change.state, changedAt: 0, changedBy: change.by, reason: change.reason, persisted: true };
    return this.current;
  }
}

function account(dayPnl: number, now: number): AccountSnapshot {
  return { account: 'DU1', currency: 'USD', netLiquidation: 100_000, buyingPower: null, excessLiquidity: null, availableFunds: null, dayPnl, realizedPnl: 0, unrealizedPnl: 0, greeks: ZERO_GREEKS, updatedAt: now };
}

function request(quantity: number): OrderRequest {
  return { clientOrderKey: `k${quantity}`, instrument: SPY, side: 'buy', quantity, type: 'LMT', limitPrice: 10, tif: 'DAY', outsideRth: false, source: 'ticket', requestedBy: 'trader', reason: 'test' };
}
