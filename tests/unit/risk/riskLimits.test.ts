import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { ContractError, type TradingState, type TradingStateName } from '../../../core/contract/contract';
import type { RiskLimits } from '../../../core/config/riskSchema';
import { OrderGate } from '../../../core/risk/orderGate';
import { RuntimeRiskLimits, type LimitChange } from '../../../core/risk/riskLimits';
import { keys } from '../../../core/store/keys';
import { connectRedis } from '../../../core/store/redisConnection';
import { RedisRiskStore } from '../../../core/store/riskStore';
import { SPY } from '../../support/executionDoubles';
import { gateFacts, gateOrder, quoteOf, relaxedRiskLimits, riskLimits } from '../../support/riskFixtures';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

const TRADER = 'Ana via ipc';
const NOW = Date.parse('2025-03-03T15:00:00Z');

describe('runtime risk limits', () => {
  let redis: TestRedis;
  let store: RedisRiskStore;
  const state: { current: TradingState } = { current: stateOf('ACTIVE') };
  beforeAll(async () => {
    redis = await startTestRedis();
    store = new RedisRiskStore(redis.client);
  }, 30_000);
  afterAll(async () => {
    await redis?.stop();
  });
  beforeEach(async () => {
    await redis.client.flushall();
    state.current = stateOf('ACTIVE');
  });

  const limitsOver = async (configured: RiskLimits = riskLimits({ maxOrderShares: 1_000 })) => {
    const limits = new RuntimeRiskLimits(configured, { store, tradingState: state, clock: () => NOW });
    await limits.load();
    return limits;
  };
  const change = (name: LimitChange['name'], value: number | null, fields: Partial<LimitChange> = {}): LimitChange => ({ name, value, confirmed: true, reason: 'test', ...fields });
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as ContractError);
  const audit = async () => (await store.limitAudit(100)).reverse();

  test('a change without confirmation is refused NOT_CONFIRMED, audited, and changes nothing', async () => {
    const limits = await limitsOver();
    const refused = await refusal(limits.change(change('maxOrderShares', 100, { confirmed: false }), TRADER));
    expect(refused).toMatchObject({ code: 'REFUSED', reason: 'NOT_CONFIRMED', message: 'Changing maxOrderShares from 1,000 shares to 100 shares needs the trader’s confirmation: resend with confirmed: true.' });
    expect(limits.current.maxOrderShares).toBe(1_000);
    expect(await audit()).toEqual([expect.objectContaining({ by: TRADER, name: 'maxOrderShares', from: '1000', to: '100', outcome: 'refused', code: 'NOT_CONFIRMED' })]);
  });

  test('a confirmed tightening is in force at the order gate’s next check, recorded and audited with who, why, old and new value', async () => {
    const limits = await limitsOver(relaxedRiskLimits());
    const gate = new OrderGate(state, limits);
    const order = { action: 'place' as const, orders: [gateOrder('buy', 200, SPY, 500)], source: 'ticket' as const };
    const facts = gateFacts({ quotes: [quoteOf('SPY', { bid: 499.9, ask: 500, ts: NOW })] });
    expect(gate.check(order, facts, NOW)).toBeNull();
    const { settings, warning } = await limits.change(change('maxOrderShares', 100, { reason: 'calm down' }), TRADER);
    expect(warning).toBeNull();
    expect(settings).toMatchObject({ name: 'maxOrderShares', value: 100, configured: 1e9, setBy: { by: TRADER, at: NOW, reason: 'calm down' }, unit: 'shares', higherIsLooser: true });
    expect(gate.check(order, facts, NOW)?.code).toBe('MAX_QUANTITY');
    expect(JSON.parse((await redis.client.hget(keys.risk.limits.key, 'maxOrderShares'))!)).toEqual({ value: 100, by: TRADER, at: NOW, reason: 'calm down' });
    expect(await audit()).toEqual([expect.objectContaining({ by: TRADER, name: 'maxOrderShares', from: '1000000000', to: '100', reason: 'calm down', outcome: 'changed', code: '' })]);
  });

  test.each(['HALTED', 'REDUCING'] as const)('while %s a loosening is refused with why, audited; a tightening is allowed', async (tradingState) => {
    const limits = await limitsOver();
    state.current = stateOf(tradingState, 'daily loss limit reached');
    const refused = await refusal(limits.change(change('maxOrderShares', 2_000), TRADER));
    expect(refused).toMatchObject({
      code: 'REFUSED', reason: tradingState === 'HALTED' ? 'HALTED' : 'REDUCING_WOULD_INCREASE',
      message: `Trading is ${tradingState} (daily loss limit reached): no limit is loosened until trading is ACTIVE again, so maxOrderShares stays at 1,000 shares. Tightening a limit is allowed.`,
    });
    expect(await refusal(limits.change(change('maxPercentOfDayVolume', null), TRADER))).toBeNull(); // already off: not a loosening
    expect(await refusal(limits.change(change('duplicateWindowSeconds', 0), TRADER))).toMatchObject({ code: 'REFUSED' }); // a shorter window is looser
    expect(limits.current.maxOrderShares).toBe(1_000);
    expect((await limits.change(change('maxOrderShares', 500), TRADER)).settings.value).toBe(500);
    expect((await audit()).map((row) => [row.name, row.outcome, row.code])).toEqual([
      ['maxOrderShares', 'refused', tradingState], ['maxPercentOfDayVolume', 'changed', ''], ['duplicateWindowSeconds', 'refused', tradingState], ['maxOrderShares', 'changed', ''],
    ]);
  });

  test('a value that makes the limits invalid is refused BAD_REQUEST naming the problem', async () => {
    const limits = await limitsOver(riskLimits({ maxOrdersPerSecond: 5, maxOrdersPerMinute: 60 }));
    expect(await refusal(limits.change(change('maxOrdersPerSecond', 100), TRADER))).toMatchObject({
      code: 'BAD_REQUEST', message: expect.stringContaining('risk.maxOrdersPerSecond: maxOrdersPerSecond (100) is more than maxOrdersPerMinute (60)'),
    });
    expect(await refusal(limits.change(change('maxDailyLoss', null), TRADER))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^maxDailyLoss cannot be off: risk\.maxDailyLoss: /) });
    expect(await refusal(limits.change(change('maxOrderShares', 0), TRADER))).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^maxOrderShares cannot be 0 shares: risk\.maxOrderShares: /) });
    expect(limits.current).toMatchObject({ maxOrdersPerSecond: 5, maxDailyLoss: 5_000, maxOrderShares: 10_000 });
    expect((await audit()).map((row) => row.code)).toEqual(['BAD_REQUEST', 'BAD_REQUEST', 'BAD_REQUEST']);
  });

  test('at start-up each limit is the stricter of config.yaml’s value and the stored one: a tightening stays, a loosening ends with the engine', async () => {
    const first = await limitsOver();
    await first.change(change('maxOrderShares', 300, { reason: 'tight' }), TRADER);
    await first.change(change('maxDailyLoss', 9_000, { reason: 'loose' }), TRADER);
    await first.change(change('duplicateWindowSeconds', 30, { reason: 'longer window' }), TRADER);
    expect(first.current).toMatchObject({ maxOrderShares: 300, maxDailyLoss: 9_000, duplicateWindowSeconds: 30 });

    const restarted = await limitsOver();
    expect(restarted.current).toMatchObject({ maxOrderShares: 300, maxDailyLoss: 5_000, duplicateWindowSeconds: 30 });
    expect(restarted.settings('maxOrderShares').setBy).toEqual({ by: TRADER, at: NOW, reason: 'tight' });
    expect(restarted.settings('maxDailyLoss').setBy).toBeNull();
    // config.yaml edited to be stricter still than the stored value: config's wins.
    const stricterConfig = await limitsOver(riskLimits({ maxOrderShares: 200 }));
    expect(stricterConfig.current.maxOrderShares).toBe(200);
  });

  test('a tightening sent while a loosening is still being recorded wins: in force at once, the loosening refused, Redis left with the tightening', async () => {
    const limits = await limitsOver();
    await redis.client.call('CLIENT', 'PAUSE', '300', 'WRITE'); // Redis slow to write
    const loosening = refusal(limits.change(change('maxOrderShares', 2_000, { reason: 'loosen' }), TRADER));
    const tightening = limits.change(change('maxOrderShares', 500, { reason: 'tighten' }), TRADER);
    expect(limits.current.maxOrderShares).toBe(500);
    expect(await loosening).toMatchObject({ code: 'REFUSED', message: 'maxOrderShares changed to 500 shares while this loosening was being recorded: it stays. Confirm again to change it.' });
    expect((await tightening).warning).toBeNull();
    expect(limits.current.maxOrderShares).toBe(500);
    expect(JSON.parse((await redis.client.hget(keys.risk.limits.key, 'maxOrderShares'))!)).toMatchObject({ value: 500, reason: 'tighten' });
    expect((await limitsOver()).current.maxOrderShares).toBe(500);
  });

  test('with Redis down a tightening is in force at once and says it is not recorded; a loosening is refused UNAVAILABLE', async () => {
    const down = await startTestRedis();
    const engineClient = connectRedis(down.url); // as the engine's: commands fail fast while disconnected
    await engineClient.connect();
    const limits = new RuntimeRiskLimits(riskLimits({ maxOrderShares: 1_000 }), { store: new RedisRiskStore(engineClient), tradingState: state, clock: () => NOW });
    await limits.load();
    await down.stop();
    try {
      const { settings, warning } = await limits.change(change('maxOrderShares', 100), TRADER);
      expect(settings.value).toBe(100);
      expect(limits.current.maxOrderShares).toBe(100);
      expect(warning).toMatch(/^maxOrderShares is tightened now but not recorded in Redis \(.+\): after a restart config\.yaml’s value would be in force again\.$/);
      const refused = await refusal(limits.change(change('maxOrderShares', 800), TRADER));
      expect(refused).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringMatching(/^maxOrderShares was not loosened: the change could not be recorded in Redis/) });
      expect(limits.current.maxOrderShares).toBe(100);
    } finally {
      engineClient.disconnect();
    }
  }, 20_000);
});

function stateOf(state: TradingStateName, reason = ''): TradingState {
  return { state, changedAt: 0, changedBy: 'trader', reason, persisted: true };
}
