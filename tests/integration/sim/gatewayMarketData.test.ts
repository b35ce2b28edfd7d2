import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName, SecType, type Contract } from '@stoqey/ib';
import { connectClient, runMarket, startHarness, type ConnectedClient, type Harness } from './gatewayHarness';

const SPY: Contract = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

describe('simulated gateway market data with the real @stoqey/ib client', () => {
  let h: Harness;
  let c: ConnectedClient;
  beforeEach(async () => {
    h = await startHarness();
    c = await connectClient(h.gateway.port, 7);
  });
  afterEach(async () => {
    c.disconnect();
    await h.stop();
  });

  it('negotiates server version 193 and greets with the accounts, the next order id and the farm status', async () => {
    expect(c.serverVersion).toBe(193);
    expect(c.nextValidId).toBe(1);
    await runMarket(h.market, 10);
    expect(c.infos.map((i) => i.code)).toEqual(expect.arrayContaining([2104, 2106, 2158]));
  });

  it('streams bid, bid size, ask, last, volume and RTVolume for SPY without a decode error', async () => {
    const prices = new Map<number, number>();
    const sizes = new Map<number, number>();
    const strings = new Map<number, string>();
    c.ib.on(EventName.tickPrice, (_id: number, type: number, price: number) => prices.set(type, price));
    c.ib.on(EventName.tickSize, (_id: number, type?: number, size?: number) => sizes.set(type ?? -1, size ?? 0));
    c.ib.on(EventName.tickString, (_id: number, type: number, v: string) => strings.set(type, v));
    c.ib.reqMktData(101, SPY, '233', false, false);
    await runMarket(h.market, 3000);
    expect(prices.get(1)).toBeGreaterThan(0);
    expect(prices.get(2)).toBeGreaterThan(prices.get(1)!);
    expect(sizes.get(0)).toBeGreaterThan(0);
    expect(prices.get(4)).toBeGreaterThan(0);
    expect(sizes.get(8)).toBeGreaterThan(0);
    expect(strings.get(48)).toMatch(/^\d+(\.\d+)?;\d+;\d+;\d+;[\d.]+;(true|false)$/);
    expect(c.errors.filter((e) => e.code === 505)).toEqual([]);
  });
});
