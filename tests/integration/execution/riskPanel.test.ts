import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ContractError, type RiskDenialRecord, type RiskView } from '../../../core/contract/contract';
import { keys } from '../../../core/store/keys';
import { eventually, redisOf } from '../../support/engineContract';
import { ORDER_PATH_RISK, orderKey, roundToCent, startExecutionHarness, type ExecutionHarness } from './executionHarness';

const AAPL = { kind: 'stock' as const, symbol: 'AAPL' };
/** Dollars the P&L is pushed up, then down twice as far, before the restart. */
const MOVE = 40;

/**
 * The Risk panel's contract against the real engine and the simulated gateway: runtime limits, the denials with what
 * their checks saw, the risk stream, and what a restart keeps. One engine; the tests run in order.
 */
describe('the risk panel: runtime limits, denials and the risk stream in the real engine', () => {
  let h: ExecutionHarness;
  let risk: RiskView | null = null;
  let denials: RiskDenialRecord[] = [];
  const follow = () => {
    h.client.subscribe('risk', {}, (e) => (risk = e.value));
    h.client.subscribe('riskDenials', {}, (e) => (denials = e.value));
  };
  beforeAll(async () => {
    h = await startExecutionHarness({ risk: { ...ORDER_PATH_RISK, maxOrderShares: 5_000, maxDailyLoss: 1e9 } });
    follow();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as ContractError);
  const limit = (name: string) => risk?.limits.find((l) => l.name === name);
  const restingBuy = (quantity: number) => ({ clientOrderKey: orderKey(), instrument: AAPL, side: 'buy' as const, quantity, type: 'LMT' as const, limitPrice: roundToCent(h.market.quote('AAPL')!.bid - 5) });

  test('setRiskLimit needs confirmation; a confirmed tightening of maxOrderShares refuses the next larger order, and the denial lists what its checks saw', async () => {
    await h.run(300);
    await h.whenQuoted('AAPL');
    const unconfirmed = await refusal(h.client.call('setRiskLimit', { name: 'maxOrderShares', value: 100, reason: 'test: tighten' }));
    expect(unconfirmed).toMatchObject({ code: 'REFUSED', reason: 'NOT_CONFIRMED', message: expect.stringContaining('confirmation') });

    const answer = await h.client.call('setRiskLimit', { name: 'maxOrderShares', value: 100, confirmed: true, reason: 'test: tighten' });
    expect(answer).toMatchObject({ name: 'maxOrderShares', value: 100, configured: 5_000, unit: 'shares', setBy: { reason: 'test: tighten' } });
    expect(answer.warning).toBeUndefined();

    const order = restingBuy(200);
    const refused = await refusal(h.client.call('submitOrder', order));
    expect(refused).toMatchObject({ code: 'REFUSED', reason: 'MAX_QUANTITY' });
    const record = await eventually('the denial in riskDenials', () => denials.find((d) => d.code === 'MAX_QUANTITY'));
    expect(record).toMatchObject({ message: refused!.message, order: `BUY 200 AAPL LMT ${order.limitPrice.toFixed(2)}`, source: 'ticket' });
    const seen = record.inputs as { tradingState: { state: string }; limits: Record<string, number>; orders: Array<{ quote: { bid: number; ask: number; ageSeconds: number }; position: number }> };
    expect(seen.tradingState.state).toBe('ACTIVE');
    expect(seen.limits).toEqual({ maxOrderShares: 100, maxOrderContracts: expect.any(Number) });
    expect(seen.orders[0]!.quote).toMatchObject({ bid: expect.any(Number), ask: expect.any(Number), ageSeconds: expect.any(Number) });
    expect(seen.orders[0]!.position).toBe(0);

    const { orderIds } = await h.client.call('submitOrder', restingBuy(100));
    expect(orderIds).toHaveLength(1);
  }, 60_000);

  test('a loosening while HALTED is refused and audited; a tightening passes', async () => {
    await h.client.call('setTradingState', { state: 'HALTED', reason: 'risk panel test' });
    const refused = await refusal(h.client.call('setRiskLimit', { name: 'maxOrderShares', value: 1_000, confirmed: true, reason: 'test: loosen' }));
    expect(refused).toMatchObject({ code: 'REFUSED', reason: 'HALTED', message: expect.stringMatching(/Trading is HALTED \(risk panel test\): no limit is loosened until trading is ACTIVE again, so maxOrderShares stays at 100 shares/) });
    const tighter = await h.client.call('setRiskLimit', { name: 'maxOrderShares', value: 50, confirmed: true, reason: 'test: tighter while halted' });
    expect(tighter.value).toBe(50);

    const redis = redisOf(h.engine);
    try {
      const audit = (await redis.xrange(keys.risk.limitsAudit.key, '-', '+')).map(([, f]) => Object.fromEntries(f.flatMap((v, i) => (i % 2 ? [] : [[v, f[i + 1]]]))));
      expect(audit).toContainEqual(expect.objectContaining({ name: 'maxOrderShares', outcome: 'refused', code: 'HALTED', from: '100', to: '1000', reason: 'test: loosen' }));
      expect(audit).toContainEqual(expect.objectContaining({ name: 'maxOrderShares', outcome: 'changed', from: '100', to: '50', reason: 'test: tighter while halted' }));
      // The MAX_QUANTITY denial of the first test, in the order audit (written in batches) with what its checks saw.
      const denied = await eventually('the denial in execution:audit', async () =>
        (await redis.xrevrange(keys.execution.audit.key, '+', '-')).map(([, f]) => f).find((f) => f[f.indexOf('why') + 1]?.startsWith('MAX_QUANTITY')));
      const inputs = JSON.parse(denied[denied.indexOf('inputs') + 1]!) as { request: { quantity: number }; seen: { limits: Record<string, number> } };
      expect(inputs).toMatchObject({ request: { quantity: 200 }, seen: { limits: { maxOrderShares: 100 } } });
      expect(JSON.parse((await redis.get(keys.risk.approval.key))!)).toMatchObject({ mode: 'manual', changedBy: 'config' });
    } finally {
      redis.disconnect();
    }
    await h.client.call('setTradingState', { state: 'ACTIVE', reason: 'test over', confirmed: true });
    await eventually('the stream to show the history', () => risk?.history[0]?.to === 'ACTIVE' && risk.history[1]?.to === 'HALTED');
  }, 60_000);

  test('the risk stream shows today’s P&L against maxDailyLoss, the largest position and the order rate', async () => {
    const ask = h.market.quote('AAPL')!.ask;
    const { orderIds: [id] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: AAPL, side: 'buy', quantity: 40, type: 'LMT', limitPrice: roundToCent(ask + 1) });
    await eventually('the buy filled', async () => {
      await h.run(50, 50);
      return h.orders().find((o) => o.orderId === id)?.status === 'Filled';
    }, 20_000);
    const view = await eventually('the risk stream to show the position', () => (limit('maxPositionPerSymbol')?.used === 40 ? risk : null), 10_000);
    expect(limit('maxPositionPerSymbol')?.usedLabel).toBe('AAPL 40 shares');
    expect(limit('maxDailyLoss')).toMatchObject({ value: 1e9, used: Math.max(0, -view.dayPnl), usedLabel: 'today’s loss' });
    expect(limit('maxOrdersPerMinute')?.used).toBeGreaterThanOrEqual(1);
    expect(limit('maxOrderShares')).toMatchObject({ value: 50, used: null });
    expect(view.breakers.map((b) => b.name)).toEqual(['dailyLoss', 'drawdown', 'rejections', 'connection', 'staleData']);
    expect(view.breakers.find((b) => b.name === 'connection')?.tripped).toBe(false);
    expect(view.approval).toMatchObject({ mode: 'manual', cockpits: expect.any(Number), deadManSeconds: expect.any(Number) });
  }, 60_000);

  test('after an engine restart the tightened limit, the day’s P&L high and the denials are still there', async () => {
    // Push the price up past what was paid, so today's P&L has a high above 0.
    for (let i = 0; i < 30 && (risk?.dayPnlHigh ?? 0) <= MOVE; i++) {
      h.market.injectSweep('AAPL', 'buy', 10);
      await h.run(500);
    }
    const high = risk!.dayPnlHigh;
    expect(high).toBeGreaterThan(MOVE);
    // Then down again: a restart that forgot the mark would start it from the P&L of now.
    for (let i = 0; i < 60 && risk!.dayPnl >= high - 2 * MOVE; i++) {
      h.market.injectSweep('AAPL', 'sell', 10);
      await h.run(500);
    }
    expect(risk!.dayPnl).toBeLessThan(high - 2 * MOVE);
    await new Promise((r) => setTimeout(r, 1_200)); // the stream's newest value (the high may have risen on the way down)
    const highBefore = risk!.dayPnlHigh;
    await h.restartEngine();
    risk = null;
    denials = [];
    follow();
    const after = await eventually('the risk stream after the restart', () => risk);
    // Forgotten, the high would start again from the P&L after the restart, far below it.
    expect(after.dayPnlHigh).toBeGreaterThanOrEqual(highBefore);
    expect(after.limits.find((l) => l.name === 'maxOrderShares')).toMatchObject({ value: 50, configured: 5_000, setBy: { reason: 'test: tighter while halted' } });
    expect((await eventually('the denials after the restart', () => (denials.length > 0 ? denials : null)))[0]?.code).toBe('MAX_QUANTITY');
    const refused = await refusal(h.client.call('submitOrder', restingBuy(60)));
    expect(refused).toMatchObject({ code: 'REFUSED', reason: 'MAX_QUANTITY' });
  }, 120_000);
});
