import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ContractError, type TradingState } from '../../../core/contract/contract';
import type { FlattenProgress } from '../../../core/contract/riskView';
import type { Instrument } from '../../../core/market/order';
import { eventually } from '../../support/engineContract';
import { orderKey, roundToCent, startExecutionHarness, type ExecutionHarness } from './executionHarness';

const AAPL = { kind: 'stock' as const, symbol: 'AAPL' };
const SPY = { kind: 'stock' as const, symbol: 'SPY' };

/**
 * Flatten all in the real engine against the simulated gateway, option marks from a simulated Alpha Vantage over the
 * same market. One engine; the tests run in order.
 */
describe('flatten all: the real engine against the simulated gateway', () => {
  let h: ExecutionHarness;
  let flatten: FlattenProgress | null = null;
  let tradingState: TradingState | null = null;
  beforeAll(async () => {
    h = await startExecutionHarness({ optionChains: true });
    h.client.subscribe('flatten', {}, (e) => (flatten = e.value));
    h.client.subscribe('tradingState', {}, (e) => (tradingState = e.value));
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  const order = (id: number) => h.orders().find((o) => o.orderId === id);
  const open = () => h.positions().filter((p) => p.quantity !== 0);
  const held = (symbol: string) => h.positions().find((p) => p.instrument.kind === 'stock' && p.instrument.symbol === symbol)?.quantity ?? 0;

  /** A marketable limit (through the touch), so it fills at once. */
  async function trade(instrument: Instrument, side: 'buy' | 'sell', quantity: number, price: number): Promise<void> {
    const { orderIds: [id] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument, side, quantity, type: 'LMT', limitPrice: roundToCent(price) });
    await eventually(`${side} ${quantity} ${instrument.symbol} filled`, () => order(id!)?.status === 'Filled', 20_000);
  }

  /**
   * Buys 2 SPY calls near the money. The market stands still (no advance) so the chain the engine read at start is
   * the gateway's market now: flatten's limit at the chain's bid is marketable.
   */
  async function buyCalls(): Promise<void> {
    const spot = h.market.quote('SPY')!.last;
    const contract = h.market.optionChain('SPY').filter((o) => o.spec.right === 'C' && o.bid > 0.5).sort((a, b) => Math.abs(a.spec.strike - spot) - Math.abs(b.spec.strike - spot))[0]!;
    const e = contract.spec.expiry;
    const instrument = { kind: 'option' as const, symbol: 'SPY', expiry: `${e.slice(0, 4)}-${e.slice(4, 6)}-${e.slice(6, 8)}`, strike: contract.spec.strike, right: 'call' as const };
    await trade(instrument, 'buy', 2, contract.ask + 1);
  }

  test('the flatten stream is idle before any run, and an unconfirmed flatten all is refused (NOT_CONFIRMED) and changes nothing', async () => {
    let chainFetched = false;
    const off = h.client.subscribe('optionChain', { symbol: 'SPY' }, (e) => (chainFetched = e.value.contracts.length > 0));
    await eventually('the engine to have fetched the SPY chain', () => chainFetched, 30_000);
    off();
    await buyCalls(); // marking them asks for the SPY chain, read back meanwhile
    await trade(AAPL, 'buy', 100, h.market.quote('AAPL')!.ask + 0.05);
    await new Promise((r) => setTimeout(r, 500));
    await trade(SPY, 'sell', 30, h.market.quote('SPY')!.bid - 0.05); // re-marks SPY's positions, the calls from the chain
    await eventually('the calls marked from the option chain', () => h.positions().some((p) => p.instrument.kind === 'option' && p.marketPrice !== null));
    expect(flatten).toMatchObject({ state: 'idle', legs: [] });
    const refused = await h.client.call('flattenAll', { reason: 'test' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ContractError);
    expect(refused).toMatchObject({ code: 'REFUSED', reason: 'NOT_CONFIRMED' });
    expect(tradingState?.state).toBe('ACTIVE');
    expect(open()).toHaveLength(3);
    expect(flatten?.state).toBe('idle');
  }, 120_000);

  test('confirmed: trading goes REDUCING, the working opening order is cancelled at the gateway, and every position closes', async () => {
    const { orderIds: [opening] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: AAPL, side: 'buy', quantity: 10, type: 'LMT', limitPrice: roundToCent(h.market.quote('AAPL')!.bid - 5) });
    await eventually('the opening order working', () => order(opening!)?.status === 'Submitted');
    const started = await h.client.call('flattenAll', { reason: 'end of test day', confirmed: true });
    expect(started).toMatchObject({ state: 'running', reason: 'end of test day', requestedBy: expect.stringMatching(/via/) });
    expect(started.legs.map((l) => l.startQuantity).sort((a, b) => a - b)).toEqual([-30, 2, 100]);
    await eventually('REDUCING', () => tradingState?.state === 'REDUCING' && tradingState.reason === 'flatten all: end of test day');
    await eventually('the opening order cancelled', () => order(opening!)?.status === 'Cancelled');
    const done = await eventually('the flatten stream to end flat', () => (flatten?.state === 'flat' ? flatten : null), 30_000);
    expect(done.legs.every((l) => l.status === 'flat' && l.remaining === 0)).toBe(true);
    await eventually('no position left', () => open().length === 0);
    expect(h.gateway.workingOrders()).toBe(0);
    const closing = h.orders().filter((o) => o.source === 'flatten');
    expect(closing.map((o) => o.type).sort()).toEqual(['LMT', 'MKT', 'MKT']);
  }, 60_000);

  test('from HALTED: flatten all moves trading to REDUCING as the operator’s confirmed change and closes the position', async () => {
    await h.client.call('setTradingState', { state: 'ACTIVE', reason: 'next test', confirmed: true });
    await trade(AAPL, 'buy', 20, h.market.quote('AAPL')!.ask + 0.05);
    await h.client.call('setTradingState', { state: 'HALTED', reason: 'test halt' });
    const started = await h.client.call('flattenAll', { reason: 'halted, flatten', confirmed: true });
    expect(started.legs).toEqual([expect.objectContaining({ instrumentKey: 'AAPL', startQuantity: 20 })]);
    const reducing = await eventually('REDUCING, recorded', () => (tradingState?.state === 'REDUCING' && tradingState.persisted ? tradingState : null));
    expect(reducing).toMatchObject({ changedBy: expect.stringMatching(/via/), reason: 'flatten all: halted, flatten' });
    await eventually('flat again', () => flatten?.state === 'flat' && flatten.startedAt === started.startedAt, 30_000);
    await eventually('no AAPL left', () => held('AAPL') === 0);
  }, 60_000);
});
