import { afterEach, describe, expect, test } from 'vitest';
import { ContractError } from '../../../core/contract/contract';
import { eventually, healthOf } from '../../support/engineContract';
import { orderKey, roundToCent, startExecutionHarness, type ExecutionHarness } from './executionHarness';

const AAPL = { kind: 'stock' as const, symbol: 'AAPL' };
/** config.yaml's ibkr.clientId: the engine's session at the gateway. */
const ENGINE_CLIENT_ID = 17;

describe('orders across brackets, dropped sockets and engine restarts (real engine, simulated gateway)', () => {
  let h: ExecutionHarness;
  afterEach(async () => {
    await h?.stop();
  });

  const order = (id: number) => h.orders().find((o) => o.orderId === id);
  const aaplHeld = () => h.positions().find((p) => p.instrument.kind === 'stock' && p.instrument.symbol === 'AAPL')?.quantity ?? 0;

  test('a bracket is placed whole and its exits behave as one OCA group: the profit taker fills, the stop is cancelled', async () => {
    h = await startExecutionHarness();
    const { bid, ask } = h.market.quote('AAPL')!;
    // The parent and the profit taker are marketable, so the parent fills, then the profit taker fills at once.
    const receipt = await h.client.call('submitOrder', {
      clientOrderKey: orderKey(), instrument: AAPL, side: 'buy', quantity: 100, type: 'LMT', limitPrice: roundToCent(ask + 0.05),
      bracket: { takeProfitPrice: roundToCent(bid - 0.05), stopLossPrice: roundToCent(bid - 5) },
    });
    expect(receipt.orderIds).toHaveLength(3);
    const [parent, profit, stop] = receipt.orderIds as [number, number, number];
    expect(order(parent)?.role ?? 'parent').toBe('parent');
    await eventually('parent and profit taker filled, stop cancelled', () =>
      order(parent)?.status === 'Filled' && order(profit)?.status === 'Filled' && order(stop)?.status === 'Cancelled');
    expect(order(profit)).toMatchObject({ role: 'takeProfit', parentId: parent, side: 'sell' });
    expect(order(stop)).toMatchObject({ role: 'stopLoss', parentId: parent, type: 'STP' });
    expect(order(profit)!.ocaGroup).toBe(order(stop)!.ocaGroup);
    await eventually('flat again', () => aaplHeld() === 0);
  });

  test('the socket drops with a working order, the order fills meanwhile: new orders are refused until reconciled and the connection breaker is reset; after the reconnect the fill, position and state are right', async () => {
    h = await startExecutionHarness();
    const { bid } = h.market.quote('AAPL')!;
    const { orderIds: [id] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: AAPL, side: 'buy', quantity: 50, type: 'LMT', limitPrice: roundToCent(bid - 0.01) });
    await eventually('Submitted', () => order(id!)?.status === 'Submitted');
    h.gateway.faults.handshakeDelayMs = 4_000; // the engine's reconnect takes a while
    h.gateway.faults.dropMidMessage(ENGINE_CLIENT_ID);
    await eventually('the engine to notice', async () => (await healthOf(h.engine)).modules.execution?.detail.venueReady === false, 10_000, 50);
    const resting = () => ({ clientOrderKey: orderKey(), instrument: AAPL, side: 'buy' as const, quantity: 5, type: 'LMT' as const, limitPrice: roundToCent(h.market.quote('AAPL')!.bid - 3) });
    const refused = await h.client.call('submitOrder', resting()).catch((e: unknown) => e);
    expect(refused, 'a new order while the socket is down').toBeInstanceOf(ContractError);
    expect(refused).toMatchObject({ code: 'REFUSED', reason: expect.stringMatching(/^(VENUE_NOT_READY|NOT_RECONCILED)$/), message: expect.stringMatching(/broker connection is not ready|checked its orders, fills and positions/) });
    const early = await h.client.call('resetBreaker', { name: 'connection', confirmed: true, reason: 'test: too early' }).catch((e: unknown) => e);
    expect(early, 'no reset while the socket is down').toMatchObject({ code: 'REFUSED', reason: expect.stringMatching(/^(VENUE_NOT_READY|NOT_RECONCILED)$/), message: expect.stringMatching(/^The connection breaker cannot be reset yet/) });
    h.market.injectSweep('AAPL', 'sell', 8); // sells through the order's limit while the engine is away
    await h.run(500);
    expect(order(id!)?.status, 'the engine cannot have heard of the fill yet').toBe('Submitted');
    h.gateway.faults.handshakeDelayMs = 0;
    await eventually('the fill found at reconciliation', () => order(id!)?.status === 'Filled', 30_000);
    expect(order(id!)!.filled).toBe(50);
    await eventually('the position with it', () => aaplHeld() === 50);
    await eventually('reconciled with the new session', async () => (await healthOf(h.engine)).modules.execution?.detail.reconciled === true, 10_000, 100);
    const latched = await h.client.call('submitOrder', resting()).catch((e: unknown) => e);
    expect(latched, 'reconciled, but the connection breaker holds').toMatchObject({ code: 'REFUSED', reason: 'BREAKER_TRIPPED', message: expect.stringMatching(/^The connection breaker tripped at .*\(the IB connection was lost/) });
    const unconfirmed = await h.client.call('resetBreaker', { name: 'connection', reason: 'test: gateway back' }).catch((e: unknown) => e);
    expect(unconfirmed).toMatchObject({ code: 'REFUSED', reason: 'NOT_CONFIRMED' });
    const breaker = await h.client.call('resetBreaker', { name: 'connection', confirmed: true, reason: 'test: gateway back, fill checked' });
    expect(breaker).toMatchObject({ name: 'connection', tripped: false });
    const { orderIds: [after] } = await h.client.call('submitOrder', resting());
    await eventually('a new order goes through once reconciled and reset', () => order(after!)?.status === 'Submitted');
  });

  test('kill -9 of the engine mid-order: open orders are reloaded and order ids are never reused', async () => {
    h = await startExecutionHarness();
    const { bid } = h.market.quote('AAPL')!;
    const { orderIds: [first] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: AAPL, side: 'buy', quantity: 10, type: 'LMT', limitPrice: roundToCent(bid - 2) });
    await eventually('Submitted', () => order(first!)?.status === 'Submitted');
    await h.restartEngine('SIGKILL');
    await eventually('the working order shown again after the restart', () => order(first!)?.status === 'Submitted');
    const { orderIds: [second] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: AAPL, side: 'buy', quantity: 10, type: 'LMT', limitPrice: roundToCent(bid - 2) });
    expect(second).toBeGreaterThan(first!);
    await eventually('the new order working (the gateway took its id)', () => order(second!)?.status === 'Submitted');
    await h.client.call('cancelOrder', { orderId: first! });
    await eventually('the reloaded order cancels', () => order(first!)?.status === 'Cancelled');
  });
});
