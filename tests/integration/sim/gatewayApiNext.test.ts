import { afterEach, describe, expect, it } from 'vitest';
import { firstValueFrom, filter, take, timeout } from 'rxjs';
import { ConnectionState, IBApiNext, OrderAction, OrderType, SecType, type Contract } from '@stoqey/ib';
import { runMarket, startHarness, type Harness } from './gatewayHarness';

const SPY: Contract = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

describe('IBApiNext (the RxJS client) against the simulated gateway', () => {
  let h: Harness;
  let api: IBApiNext;
  afterEach(async () => {
    api.disconnect();
    await h.stop();
  });

  it('connects, answers the watchdog time request, contract details, chains, market data, depth and new orders', async () => {
    h = await startHarness();
    api = new IBApiNext({ host: '127.0.0.1', port: h.gateway.port, reconnectInterval: 0, connectionWatchdogInterval: 0 });
    const errors: string[] = [];
    api.error.subscribe((e) => errors.push(`${e.code}: ${e.error.message}`));
    api.connect(11);
    await firstValueFrom(api.connectionState.pipe(filter((s) => s === ConnectionState.Connected), take(1), timeout(5000)));
    expect(await api.getCurrentTime()).toBe(Math.floor(h.market.now() / 1000));
    const details = await api.getContractDetails(SPY);
    expect(details[0]?.contract.conId).toBe(756733);
    const chains = await api.getSecDefOptParams('SPY', '', SecType.STK, 756733);
    expect(new Set(chains.map((c) => c.exchange)).size).toBeGreaterThan(1);
    const ticks = firstValueFrom(api.getMarketData(SPY, '233', false, false).pipe(filter((t) => t.all.has(1) && t.all.has(0)), take(1), timeout(5000)));
    const book = firstValueFrom(api.getMarketDepth(SPY, 5, true).pipe(filter((b) => b.all.bids.size >= 3), take(1), timeout(5000)));
    const ticking = runMarket(h.market, 2000);
    const [md, depth] = await Promise.all([ticks, book, ticking]);
    expect(md.all.get(1)!.value).toBeGreaterThan(0);
    expect(md.all.get(0)!.value).toBeGreaterThan(0);
    expect(depth.all.bids.size).toBeLessThanOrEqual(5);
    const first = await api.placeNewOrder(SPY, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1, transmit: true });
    const second = await api.placeNewOrder(SPY, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1, transmit: true });
    expect(second).toBeGreaterThan(first);
    expect(errors.filter((e) => !e.startsWith('2152'))).toEqual([]);
  });
});
