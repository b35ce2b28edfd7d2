import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ContractError } from '../../../core/contract/contract';
import { eventually } from '../../support/engineContract';
import { orderKey, roundToCent, startExecutionHarness, type ExecutionHarness } from './executionHarness';

const stock = (symbol: string) => ({ kind: 'stock' as const, symbol });

/** One engine and one gateway for the order-path tests that need no restart; each test trades its own orders. */
describe('the order path: cockpit contract → order manager → IB socket → simulated gateway', () => {
  let h: ExecutionHarness;
  beforeAll(async () => {
    h = await startExecutionHarness();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  const order = (id: number) => h.orders().find((o) => o.orderId === id);

  test('a double submit with one client order key places once', async () => {
    const clientOrderKey = orderKey();
    const bid = h.market.quote('AAPL')!.bid;
    const ticket = { clientOrderKey, instrument: stock('AAPL'), side: 'buy' as const, quantity: 10, type: 'LMT' as const, limitPrice: roundToCent(bid - 3) };
    const [first, second] = await Promise.all([h.client.call('submitOrder', ticket), h.client.call('submitOrder', ticket)]);
    expect(second.orderIds).toEqual(first.orderIds);
    expect([first.duplicate, second.duplicate].sort()).toEqual([false, true]);
    const again = await h.client.call('submitOrder', ticket);
    expect(again).toMatchObject({ orderIds: first.orderIds, duplicate: true });
    await eventually('the order working at the gateway', () => order(first.orderIds[0]!)?.status === 'Submitted');
    expect(h.orders().filter((o) => o.clientOrderKey === clientOrderKey)).toHaveLength(1);
    await h.client.call('cancelOrder', { orderId: first.orderIds[0]! });
  });

  test('a resting limit order is modified (price and size re-placed under its id) and cancelled', async () => {
    const bid = h.market.quote('AAPL')!.bid;
    const { orderIds: [id] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: stock('AAPL'), side: 'buy', quantity: 20, type: 'LMT', limitPrice: roundToCent(bid - 4) });
    await eventually('Submitted', () => order(id!)?.status === 'Submitted');
    const newPrice = roundToCent(bid - 5);
    const modified = await h.client.call('modifyOrder', { orderId: id!, limitPrice: newPrice, quantity: 30 });
    expect(modified).toMatchObject({ orderId: id, limitPrice: newPrice, quantity: 30 });
    await eventually('the gateway to describe the new price and size', () => order(id!)?.limitPrice === newPrice && order(id!)?.quantity === 30);
    await h.client.call('cancelOrder', { orderId: id! });
    await eventually('Cancelled', () => order(id!)?.status === 'Cancelled');
  });

  test('a buy partly fills at its limit, then fills whole when its price is raised; the position and P&L follow', async () => {
    const ask = h.market.quote('AAPL')!.ask;
    const { orderIds: [id] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: stock('AAPL'), side: 'buy', quantity: 20_000, type: 'LMT', limitPrice: roundToCent(ask) });
    await eventually('a partial fill', () => order(id!)?.status === 'PartiallyFilled');
    const partly = order(id!)!;
    expect(partly.filled).toBeGreaterThan(0);
    expect(partly.filled).toBeLessThan(20_000);
    await h.client.call('modifyOrder', { orderId: id!, limitPrice: roundToCent(ask + 25) });
    await eventually('Filled as the market trades', async () => {
      await h.run(200);
      return order(id!)?.status === 'Filled';
    }, 20_000);
    expect(order(id!)!.filled).toBe(20_000);
    const position = await eventually('the AAPL position', () => h.positions().find((p) => p.instrument.kind === 'stock' && p.instrument.symbol === 'AAPL' && p.quantity >= 20_000));
    expect(position.avgCost).toBeGreaterThan(0);
    await eventually('the commissions on the order', () => (order(id!)?.commission ?? 0) > 0);
  });

  test('an order for a symbol the gateway does not know is rejected with the gateway’s reason', async () => {
    h.gateway.faults.unknownSymbols = ['AAPL'];
    try {
      const { orderIds: [id] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: stock('AAPL'), side: 'sell', quantity: 1, type: 'MKT' });
      const rejected = await eventually('Rejected', () => (order(id!)?.status === 'Rejected' ? order(id!) : undefined));
      expect(rejected.message).toMatch(/200|security definition/i);
    } finally {
      h.gateway.faults.unknownSymbols = [];
    }
  });

  test('an option bought by its fields (no conId) fills at the chain’s ask, and the position is kept per contract ×100', async () => {
    const spot = h.market.quote('SPY')!.last;
    const contract = h.market.optionChain('SPY').filter((o) => o.spec.right === 'C' && o.ask > 0.5).sort((a, b) => Math.abs(a.spec.strike - spot) - Math.abs(b.spec.strike - spot))[0]!;
    const e = contract.spec.expiry;
    const instrument = { kind: 'option' as const, symbol: 'SPY', expiry: `${e.slice(0, 4)}-${e.slice(4, 6)}-${e.slice(6, 8)}`, strike: contract.spec.strike, right: 'call' as const };
    const { orderIds: [id] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument, side: 'buy', quantity: 2, type: 'LMT', limitPrice: roundToCent(contract.ask + 1) });
    const filled = await eventually('Filled', () => (order(id!)?.status === 'Filled' ? order(id!) : undefined));
    expect(filled.avgFillPrice).toBeCloseTo(contract.ask, 2);
    const position = await eventually('the option position', () => h.positions().find((p) => p.instrument.kind === 'option' && p.instrument.strike === contract.spec.strike && p.instrument.expiry === instrument.expiry));
    expect(position).toMatchObject({ quantity: 2, multiplier: 100 });
    expect(position.avgCost).toBeCloseTo(contract.ask, 2);
  });

  test('a what-if preview answers the margin and commission impact and places nothing', async () => {
    const before = h.orders().length;
    const preview = await h.client.call('previewOrder', { clientOrderKey: orderKey(), instrument: stock('AAPL'), side: 'buy', quantity: 100, type: 'MKT' });
    expect(preview.commission).toBeGreaterThan(0);
    expect(preview.initMarginChange).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.orders().length).toBe(before);
  });

  test('a HALT cancels the working order by itself, and the HALTED engine refuses a new one with its reason code', async () => {
    const bid = h.market.quote('AAPL')!.bid;
    const { orderIds: [working] } = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: stock('AAPL'), side: 'buy', quantity: 5, type: 'LMT', limitPrice: roundToCent(bid - 6) });
    await eventually('Submitted', () => order(working!)?.status === 'Submitted');
    await h.client.call('setTradingState', { state: 'HALTED', reason: 'test halt' });
    try {
      const refused = await h.client.call('submitOrder', { clientOrderKey: orderKey(), instrument: stock('AAPL'), side: 'buy', quantity: 5, type: 'MKT' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ContractError);
      expect(refused).toMatchObject({ code: 'REFUSED', reason: 'HALTED' });
      await eventually('Cancelled by the HALT', () => order(working!)?.status === 'Cancelled');
    } finally {
      await h.client.call('setTradingState', { state: 'ACTIVE', reason: 'test over', confirmed: true });
    }
  });
});
