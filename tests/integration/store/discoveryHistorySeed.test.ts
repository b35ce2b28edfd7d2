import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { profileMarketMakers } from '../../../core/discovery/marketMakerProfiles';
import { readSymbolHistory } from '../../../core/store/discoveryHistory';
import { seedDiscoveryHistory } from '../../support/discoveryHistorySeed';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

describe('seeding the discovery history from the simulated market (test support)', () => {
  test('what the simulated market printed over the minutes asked for is what the reader gets back, ending at endTs', async () => {
    const endTs = Date.now();
    const seeded = await seedDiscoveryHistory(redis.client, { symbols: ['SPY', 'AAPL'], minutes: 10, seed: 3, endTs });
    expect(seeded.from).toBe(endTs - 600_000);
    const spy = await readSymbolHistory(redis.client, 'SPY', seeded.from, seeded.to);
    const aapl = await readSymbolHistory(redis.client, 'AAPL', seeded.from, seeded.to);
    for (const [history, symbol] of [[spy, 'SPY'], [aapl, 'AAPL']] as const) {
      expect(history.trades).toHaveLength(seeded.counts[symbol]!.trades);
      expect(history.bars).toHaveLength(seeded.counts[symbol]!.bars);
      expect(history.books).toHaveLength(seeded.counts[symbol]!.books);
      expect(history.skipped).toBe(0);
    }
    expect(spy.bars).toHaveLength(120); // ten minutes of five-second bars
    expect(spy.trades.at(-1)!.ts).toBeLessThanOrEqual(endTs);
    expect(spy.trades.at(-1)!.ts).toBeGreaterThan(endTs - 5_000);
    expect(spy.trades.every((t, i) => i === 0 || t.ts >= spy.trades[i - 1]!.ts)).toBe(true);
    // SPY is a Level 2 symbol: a snapshot about every second, several market makers in it; AAPL has none.
    expect(spy.books.length).toBeGreaterThan(500);
    expect(new Set(spy.books.flatMap((b) => b.bids.map((r) => r.marketMaker))).size).toBeGreaterThan(5);
    expect(aapl.books).toEqual([]);
    // What discovery will do with them: several market makers per exchange, from the stored snapshots.
    const profiles = profileMarketMakers(spy.books);
    if (!profiles.ok) throw new Error(profiles.reason);
    expect(profiles.profiles.filter((p) => p.exchange === 'NSDQ').map((p) => p.marketMaker).sort()).toEqual(['CDRG', 'GSCO', 'MSCO', 'NITE', 'NSDQ']);
    expect(profileMarketMakers(aapl.books)).toMatchObject({ ok: false, got: 0 });
  });
});
