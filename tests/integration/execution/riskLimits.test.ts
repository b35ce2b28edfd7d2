import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ContractError, type RiskView, type TradingState } from '../../../core/contract/contract';
import { eventually } from '../../support/engineContract';
import { ORDER_PATH_RISK, orderKey, roundToCent, startExecutionHarness, type ExecutionHarness } from './executionHarness';

const AAPL = { kind: 'stock' as const, symbol: 'AAPL' };
const STALE_AFTER_S = 2;

/**
 * The risk limits in the real engine against the simulated gateway: a quote that goes stale blocks its symbol (until a
 * trader resets its breaker), and
 * fills that take the day's loss to risk.maxDailyLoss halt trading by themselves. One engine; the tests run in order
 * (the last one halts it).
 */
describe('risk limits: the real engine against the simulated gateway', () => {
  let h: ExecutionHarness;
  let tradingState: TradingState | null = null;
  let risk: RiskView | null = null;
  beforeAll(async () => {
    h = await startExecutionHarness({ risk: { ...ORDER_PATH_RISK, maxStaleDataSeconds: STALE_AFTER_S, maxDailyLoss: 1, maxDrawdown: 1_000_000 } });
    h.client.subscribe('tradingState', {}, (e) => (tradingState = e.value));
    h.client.subscribe('risk', {}, (e) => (risk = e.value));
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  const order = (id: number) => h.orders().find((o) => o.orderId === id);
  const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error as ContractError);

  test('an order for a symbol whose quote went stale is refused STALE_DATA; fresh again it is still refused BREAKER_TRIPPED until a trader resets the breaker, then it goes through', async () => {
    await h.run(300);
    // The simulated market stands still until a test runs it: a slow start-up may already have let AAPL's first
    // quote go stale. Clear that trip (if any) so the test starts from fresh data.
    await h.client.call('resetBreaker', { name: 'staleData', symbol: 'AAPL', confirmed: true, reason: 'test: the market stood still during start-up' }).catch(() => undefined);
    const bid = h.market.quote('AAPL')!.bid;
    const resting = { instrument: AAPL, side: 'buy' as const, quantity: 1, type: 'LMT' as const, limitPrice: roundToCent(bid - 5) };
    await h.client.call('submitOrder', { clientOrderKey: orderKey(), ...resting });

    await new Promise((r) => setTimeout(r, (STALE_AFTER_S + 0.5) * 1000)); // the market stands still: no quote
    const refused = await refusal(h.client.call('submitOrder', { clientOrderKey: orderKey(), ...resting }));
    expect(refused).toBeInstanceOf(ContractError);
    expect(refused).toMatchObject({ code: 'REFUSED', reason: 'STALE_DATA', message: expect.stringMatching(/The last quote for AAPL is \d+ s old, .*AAPL is blocked until its data is fresh again/) });
    const aaplLatched = () => risk?.breakers.find((b) => b.name === 'staleData')?.symbols?.some((s) => s.symbol === 'AAPL') === true;
    await eventually('the stale-data breaker latched for AAPL (two checks a second apart)', aaplLatched, 10_000, 100);

    await h.run(300);
    const latched = await refusal(h.client.call('submitOrder', { clientOrderKey: orderKey(), ...resting, limitPrice: roundToCent(bid - 5.01) }));
    expect(latched, 'quotes flow again, but the breaker holds').toMatchObject({
      code: 'REFUSED', reason: 'BREAKER_TRIPPED', message: expect.stringMatching(/^The stale-data breaker for AAPL tripped at .*no quote for AAPL for \d+ s.*until a trader resets it/),
    });
    const unconfirmed = await refusal(h.client.call('resetBreaker', { name: 'staleData', symbol: 'AAPL', reason: 'test: quotes are back' }));
    expect(unconfirmed).toMatchObject({ code: 'REFUSED', reason: 'NOT_CONFIRMED' });
    await h.run(100);
    const breaker = await h.client.call('resetBreaker', { name: 'staleData', symbol: 'AAPL', confirmed: true, reason: 'test: quotes are back' });
    expect(breaker.name).toBe('staleData');
    expect(breaker.symbols?.map((s) => s.symbol)).not.toContain('AAPL');
    const { orderIds } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), ...resting, limitPrice: roundToCent(bid - 5.01) });
    expect(orderIds).toHaveLength(1);
  }, 60_000);

  test('fills that take the day’s loss to risk.maxDailyLoss halt trading by themselves; a new order is refused with the reason', async () => {
    await h.run(300);
    const ask = h.market.quote('AAPL')!.ask;
    const { orderIds: [bought] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: AAPL, side: 'buy', quantity: 1_000, type: 'LMT', limitPrice: roundToCent(ask + 1) });
    // Bought at the ask and marked at the market, less its commission: a loss past the $1 limit.
    await eventually('the buy filled', async () => {
      await h.run(50, 50);
      return order(bought!)?.status === 'Filled';
    }, 20_000);
    const halted = await eventually('HALTED by the daily loss breaker', () => (tradingState?.state === 'HALTED' ? tradingState : null), 20_000);
    expect(halted).toMatchObject({ changedBy: 'circuit breaker', reason: expect.stringMatching(/^daily loss limit reached: today's P&L -\$\d[\d,]*, limit \$1 \(risk\.maxDailyLoss\)$/) });

    await h.run(100);
    const bid = h.market.quote('AAPL')!.bid;
    const refused = await refusal(h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: AAPL, side: 'buy', quantity: 1, type: 'LMT', limitPrice: roundToCent(bid - 5) }));
    expect(refused).toMatchObject({ code: 'REFUSED', reason: 'HALTED', message: expect.stringContaining('daily loss limit reached') });
  }, 90_000);
});
