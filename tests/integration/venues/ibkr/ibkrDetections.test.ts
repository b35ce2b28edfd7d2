import { describe, expect, test } from 'vitest';
import type { MarketEpisode } from '../../../../core/sim/market/marketFeed';
import { keys } from '../../../../core/store/keys';
import type { PlannedSymbol } from '../../../../core/venues/ibkr/data/subscriptionPlan';
import { LEVEL2, runMarket, startIngestHarness, whenQuiet, whenSubscribed } from './ibkrHarness';

/** Seeds chosen for what they contain (checked against the market model): 4 sweeps in 2 minutes; 3 volume episodes in 17. */
const SWEEP_SEED = 108;
const VOLUME_SEED = 17;

describe('detections on the simulated market', () => {
  test('every sweep the market injects is detected with its evidence, and nothing else is called a sweep', async () => {
    const h = await startIngestHarness({ symbols: LEVEL2, seed: SWEEP_SEED });
    try {
      const injected: MarketEpisode[] = [];
      h.market.on('episode', (e) => e.kind === 'sweep' && injected.push(e));
      const sweepEvents: string[] = [];
      h.bus.subscribe('sweepDetected', (sweep) => sweepEvents.push(`${sweep.symbol}@${sweep.startTs}`));
      await whenSubscribed(h, LEVEL2.length * 4);
      await runMarket(h.market, 130_000, 250);
      await whenQuiet(h);
      await new Promise((r) => setTimeout(r, 400)); // a quiet burst is closed within 250 ms
      await whenQuiet(h);
      const detected = [];
      for (const { symbol } of LEVEL2) {
        for (const s of await h.redis.client.lrange(keys.market.sweep(symbol).key, 0, -1)) detected.push(JSON.parse(s));
      }
      expect(injected.length).toBeGreaterThanOrEqual(4);
      for (const e of injected) {
        const match = detected.find((d) => d.symbol === e.symbol && d.startTs <= e.startTs && e.startTs <= d.endTs);
        expect(match, `sweep ${JSON.stringify(e)} was not detected`).toBeDefined();
        expect(match.direction).toBe(e.detail.aggressor);
        expect(match.levels).toBe(e.detail.levels);
        expect(match.exchanges.length).toBeGreaterThanOrEqual(2);
        expect(match.shares).toBeGreaterThanOrEqual(Number(e.detail.shares));
      }
      for (const d of detected) {
        expect(injected.some((e) => e.symbol === d.symbol && d.startTs <= e.startTs && e.startTs <= d.endTs), `false sweep ${JSON.stringify(d)}`).toBe(true);
      }
      expect(h.ingest.state().metrics.sweeps).toBe(detected.length);
      expect(sweepEvents.sort()).toEqual(detected.map((d) => `${d.symbol}@${d.startTs}`).sort());
    } finally {
      await h.stop();
    }
  }, 120_000);

  test('unusual volume is flagged during the episodes the market injects and at no other time', async () => {
    const symbols: PlannedSymbol[] = ['AAPL', 'MSFT', 'AMD'].map((symbol) => ({ symbol, dataClass: 'standard' }));
    const h = await startIngestHarness({ symbols, seed: VOLUME_SEED });
    try {
      const injected: MarketEpisode[] = [];
      h.market.on('episode', (e) => e.kind === 'unusual_volume' && injected.push(e));
      await whenSubscribed(h, symbols.length * 2);
      const start = h.market.now();
      const announced: string[] = [];
      h.bus.subscribe('unusualVolumeDetected', (e) => announced.push(`${e.symbol}@${e.episodeStartedAt}`));
      const flagged = new Map<string, { symbol: string; startedAt: number }>();
      for (let t = 0; t < 17 * 60_000; t += 20_000) {
        await runMarket(h.market, 20_000, 1000);
        await whenQuiet(h);
        for (const { symbol } of symbols) {
          const raw = await h.redis.client.get(keys.market.unusualVolume(symbol).key);
          const reading = raw ? JSON.parse(raw) : null;
          if (reading?.episodeStartedAt) flagged.set(`${symbol}@${reading.episodeStartedAt}`, { symbol, startedAt: reading.episodeStartedAt });
        }
      }
      const baselineReady = start + 42 * 5_000;
      const detectable = injected.filter((e) => e.startTs >= baselineReady && e.endTs! - e.startTs >= 60_000);
      expect(detectable.length).toBeGreaterThanOrEqual(3);
      for (const e of detectable) {
        const seen = [...flagged.values()].some((f) => f.symbol === e.symbol && f.startedAt >= e.startTs && f.startedAt <= e.endTs!);
        expect(seen, `unusual volume ${JSON.stringify(e)} was not flagged`).toBe(true);
      }
      for (const f of flagged.values()) {
        const during = injected.some((e) => e.symbol === f.symbol && f.startedAt >= e.startTs && f.startedAt <= e.endTs!);
        expect(during, `volume flagged outside any episode: ${JSON.stringify(f)}`).toBe(true);
      }
      // Each episode is announced on the bus once, when it begins (the stored reading then carries its start).
      expect(new Set(announced).size).toBe(announced.length);
      for (const key of flagged.keys()) expect(announced).toContain(key);
    } finally {
      await h.stop();
    }
  }, 120_000);
});
