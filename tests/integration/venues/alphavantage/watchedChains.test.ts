import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainReader } from '../../../../core/app/chainReader';
import type { OptionChainSnapshot } from '../../../../core/market/optionChain';
import { keys } from '../../../../core/store/keys';
import { decodeChain } from '../../../../core/venues/alphavantage/chainColumns';
import { startAvTestBed, waitFor, type AvTestBed } from './avTestBed';

describe('an option chain’s contracts reach the engine’s thread only for a cockpit that watches it', () => {
  let bed: AvTestBed;
  let ingest: ReturnType<AvTestBed['ingest']>;
  /** Stored chains read back from Redis (on the chain reader's thread), by symbol. */
  const loads: string[] = [];
  const refreshes: number[] = [];

  beforeAll(async () => {
    bed = await startAvTestBed(['SPY', 'QQQ']);
    ingest = bed.ingest({
      symbols: [{ symbol: 'SPY', etf: true, priority: true }, { symbol: 'QQQ', etf: true, priority: false }],
      schedules: { optionsRefreshSeconds: 1, sentimentRefreshMinutes: 15, technicalsRefreshMinutes: 5 },
      // The app's chain reader, as core/app/dataSources wires it, with every read-back noted.
      chainCalls: (setup) => {
        const reader = new ChainReader({ ...setup, redisUrl: bed.redis.url });
        const load = reader.load.bind(reader);
        reader.load = (symbol) => (loads.push(symbol), load(symbol));
        return reader;
      },
    });
    ingest.bus.subscribe('chainRefreshed', (refresh) => refresh.symbol === 'SPY' && refreshes.push(refresh.asOf));
    await ingest.module.start();
  });
  afterAll(() => bed?.stop());

  it('reads no chain back while nobody watches, however often chains refresh', async () => {
    await waitFor(() => refreshes.length >= 3, 20_000, 'three refreshes of the SPY chain');
    expect(loads).toEqual([]);
  });

  it('reads the stored chain back when a cockpit starts watching, and again at each refresh while it watches', async () => {
    const seen: OptionChainSnapshot[] = [];
    const unsubscribe = ingest.streams.chain('SPY').subscribe((chain) => seen.push(chain));
    await waitFor(() => seen.length >= 3, 20_000, 'the watched chain and two refreshes of it');
    unsubscribe();
    const stored = decodeChain(await bed.redis.client.get(keys.options.chain('SPY').key))!;
    expect(seen.at(-1)!.contracts).toEqual(stored.contracts);
    expect(seen.every((chain) => chain.session === 'realtime' && chain.contracts.length > 500)).toBe(true);
    expect(new Set(seen.map((chain) => chain.asOf)).size).toBe(seen.length); // each refresh, not the same chain again
    expect(loads.every((symbol) => symbol === 'SPY')).toBe(true); // QQQ, refreshed as often, is never read back
  });
});
