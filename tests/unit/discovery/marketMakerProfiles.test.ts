import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_GAP_MS, profileMarketMakers, type MarketMakerProfiles } from '../../../core/discovery/marketMakerProfiles';
import type { BookLevel } from '../../../core/market/book';
import type { BookSnapshot } from '../../../core/market/marketHistory';
import { createMarketModel } from '../../../core/sim/market/marketModel';

const T0 = Date.UTC(2026, 11, 7, 15);
const row = (price: number, size: number, exchange: string, marketMaker: string): BookLevel => ({ price, size, exchange, marketMaker });

/**
 * Four snapshots a second apart (t = 0, 1, 2, 3 s), best first:
 *   t0  bids GSCO 100.00×300, NSDQ 99.99×137              asks ARCA 100.01×200
 *   t1  bids GSCO 100.00×400 (same quote, new size), NSDQ 99.99×137
 *                                                          asks CDRG 100.01×500, ARCA 100.02×200 (ARCA moved)
 *   t2  bids NSDQ 100.00×137 (moved up), GSCO 99.99×400 (moved down)
 *                                                          asks CDRG 100.01×500, ARCA 100.02×200
 *   t3  bids NSDQ 100.00×137, GSCO 100.00×200 (back at the top)
 *                                                          asks ARCA 100.02×200 (CDRG gone)
 */
const SCRIPT: BookSnapshot[] = [
  { ts: T0, bids: [row(100, 300, 'NSDQ', 'GSCO'), row(99.99, 137, 'NSDQ', 'NSDQ')], asks: [row(100.01, 200, 'ARCA', 'ARCA')] },
  { ts: T0 + 1000, bids: [row(100, 400, 'NSDQ', 'GSCO'), row(99.99, 137, 'NSDQ', 'NSDQ')], asks: [row(100.01, 500, 'NSDQ', 'CDRG'), row(100.02, 200, 'ARCA', 'ARCA')] },
  { ts: T0 + 2000, bids: [row(100, 137, 'NSDQ', 'NSDQ'), row(99.99, 400, 'NSDQ', 'GSCO')], asks: [row(100.01, 500, 'NSDQ', 'CDRG'), row(100.02, 200, 'ARCA', 'ARCA')] },
  { ts: T0 + 3000, bids: [row(100, 137, 'NSDQ', 'NSDQ'), row(100, 200, 'NSDQ', 'GSCO')], asks: [row(100.02, 200, 'ARCA', 'ARCA')] },
];

function profiled(books: readonly BookSnapshot[], minSnapshots = 2): MarketMakerProfiles {
  const result = profileMarketMakers(books, { now: T0 + 9000, minSnapshots });
  if (!result.ok) throw new Error(result.reason);
  return result;
}

function allFinite(result: MarketMakerProfiles): boolean {
  return result.profiles.every((p) => [p.topOfBookShare, p.presenceShare, p.averageSize, p.averageQuoteLifeMs, p.roundLotShare, p.rows].every(Number.isFinite));
}

describe('market-maker profiles from Level 2 snapshots', () => {
  it('gives each market maker its top-of-book and presence shares, sizes, round lots and quote life, worked by hand', () => {
    const result = profiled(SCRIPT);
    expect(result.window).toEqual({ from: T0, to: T0 + 3000 });
    expect(result.sampleSize).toBe(4);
    expect(result.computedAt).toBe(T0 + 9000);
    // By exchange, then by top-of-book share (ties by name).
    expect(result.profiles.map((p) => `${p.exchange}/${p.marketMaker}`)).toEqual(['ARCA/ARCA', 'NSDQ/GSCO', 'NSDQ/CDRG', 'NSDQ/NSDQ']);
    const of = (mm: string) => result.profiles.find((p) => p.marketMaker === mm)!;
    // GSCO: at the best bid at t0, t1, t3 (3 of 4); in every snapshot; sizes 300, 400, 400, 200 (all round).
    // Quotes: 100.00 from t0 (already up: cut) gone at t2; 99.99 from t2 gone at t3: 1,000 ms, the one whole quote;
    // 100.00 again from t3, still up at the end (cut). The mean is of the whole quotes only: 1,000 ms.
    expect(of('GSCO')).toEqual({ exchange: 'NSDQ', marketMaker: 'GSCO', topOfBookShare: 0.75, presenceShare: 1, averageSize: 325, averageQuoteLifeMs: 1000, roundLotShare: 1, rows: 4 });
    // CDRG: best ask at t1 and t2 (2 of 4); 500 twice; one quote from t1 gone at t3: 2,000 ms.
    expect(of('CDRG')).toEqual({ exchange: 'NSDQ', marketMaker: 'CDRG', topOfBookShare: 0.5, presenceShare: 0.5, averageSize: 500, averageQuoteLifeMs: 2000, roundLotShare: 1, rows: 2 });
    // NSDQ: best bid at t2 and t3; 137 shares (odd) four times. Its quotes are all cut: 99.99 up at t0 and gone at
    // t2 (seen 2,000 ms), 100.00 from t2 still up at t3 (seen 1,000 ms): their mean, a lower bound, 1,500 ms.
    expect(of('NSDQ')).toEqual({ exchange: 'NSDQ', marketMaker: 'NSDQ', topOfBookShare: 0.5, presenceShare: 1, averageSize: 137, averageQuoteLifeMs: 1500, roundLotShare: 0, rows: 4 });
    // ARCA: best ask at t0 and t3; 100.01 up at t0 gone at t1 (seen 1,000), 100.02 from t1 still up (seen 2,000).
    expect(of('ARCA')).toEqual({ exchange: 'ARCA', marketMaker: 'ARCA', topOfBookShare: 0.5, presenceShare: 1, averageSize: 200, averageQuoteLifeMs: 1500, roundLotShare: 1, rows: 4 });
  });

  it('reads the snapshots in time order whatever order they come in', () => {
    expect(profiled([...SCRIPT].reverse())).toEqual(profiled(SCRIPT));
  });

  it('refuses too few snapshots, saying how many it needs; a standard symbol has none', () => {
    const few = Array.from({ length: 119 }, (_, i) => ({ ...SCRIPT[i % 4]!, ts: T0 + i * 1000 }));
    expect(profileMarketMakers(few)).toEqual({ ok: false, reason: expect.stringMatching(/need 120 Level 2 snapshots.*got 119/), needed: 120, got: 119 });
    expect(profileMarketMakers([])).toMatchObject({ ok: false, needed: 120, got: 0 });
    // Empty books (a book being re-sent) are not snapshots of anyone's quotes.
    expect(profileMarketMakers(SCRIPT.map((b) => ({ ts: b.ts, bids: [], asks: [] })), { minSnapshots: 2 })).toMatchObject({ ok: false, got: 0 });
  });

  it('ends quote lives at a gap in the snapshots (the engine was stopped) instead of stretching them over it', () => {
    const quote = row(100, 300, 'NSDQ', 'GSCO');
    const other = row(99, 100, 'ARCA', 'ARCA');
    const books: BookSnapshot[] = [
      { ts: T0, bids: [other], asks: [] },
      { ts: T0 + 1000, bids: [quote, other], asks: [] },
      { ts: T0 + 2000, bids: [quote, other], asks: [] },
      { ts: T0 + 2000 + MAX_SNAPSHOT_GAP_MS + 1000, bids: [quote, other], asks: [] },
      { ts: T0 + 2000 + MAX_SNAPSHOT_GAP_MS + 2000, bids: [other], asks: [] },
    ];
    const gsco = profiled(books).profiles.find((p) => p.marketMaker === 'GSCO')!;
    // Before the gap: seen t1..t2, its end unknown (1,000 ms seen); after it: seen once, gone a second later (1,000
    // ms, but its start is unknown). Both cut, so the mean is of what was seen: 1,000 ms, never the 62 s across the gap.
    expect(gsco.averageQuoteLifeMs).toBe(1000);
  });

  it('does not take the interval of slow snapshots (bookSnapshotSeconds 60) for gaps', () => {
    const quote = row(100, 300, 'NSDQ', 'GSCO');
    const other = row(99, 100, 'ARCA', 'ARCA');
    const at = (k: number, bids: BookLevel[]): BookSnapshot => ({ ts: T0 + k * 61_000, bids, asks: [] });
    const books = [at(0, [other]), at(1, [quote, other]), at(2, [quote, other]), at(3, [quote, other]), at(4, [other])];
    // Seen from t1 to t3, gone at t4: 3 × 61 s.
    expect(profiled(books).profiles.find((p) => p.marketMaker === 'GSCO')!.averageQuoteLifeMs).toBe(183_000);
  });

  it('never answers NaN or Infinity, also for rows of no shares or a one-sided book', () => {
    const books: BookSnapshot[] = [
      { ts: T0, bids: [row(100, 0, 'IEX', 'IEX')], asks: [] },
      { ts: T0 + 1000, bids: [], asks: [row(101, 0, 'IEX', 'IEX'), row(Number.NaN, 100, 'IEX', 'JANE')] },
    ];
    const result = profiled(books);
    expect(allFinite(result)).toBe(true);
    // The NaN-priced row is left out; IEX's bid (up at t0, gone at t1: 1,000 ms seen) and ask (from t1, still up: 0 ms
    // seen) are both cut: 500 ms.
    expect(result.profiles).toEqual([{ exchange: 'IEX', marketMaker: 'IEX', topOfBookShare: 1, presenceShare: 1, averageSize: 0, averageQuoteLifeMs: 500, roundLotShare: 0, rows: 2 }]);
  });
});

describe('market-maker profiles of the simulated market', () => {
  it('finds several market makers per exchange and the habits the simulation gives them', () => {
    const model = createMarketModel({ seed: 11, symbols: ['SPY'], startTs: T0 });
    const books: BookSnapshot[] = [];
    for (let s = 0; s < 600; s++) {
      model.advance(1000);
      const depth = model.depth('SPY')!;
      books.push({ ts: model.now(), bids: depth.bids.slice(0, 10), asks: depth.asks.slice(0, 10) });
    }
    const result = profiled(books, 120);
    expect(allFinite(result)).toBe(true);
    const makers = (exchange: string) => result.profiles.filter((p) => p.exchange === exchange).map((p) => p.marketMaker).sort();
    // core/sim/market/marketMakers.ts LEVEL2_HABITS: who quotes where.
    expect(makers('NSDQ')).toEqual(['CDRG', 'GSCO', 'MSCO', 'NITE', 'NSDQ']);
    expect(makers('ARCA')).toEqual(['ARCA', 'JPMS', 'UBSS']);
    expect(makers('BATS')).toEqual(['BATS', 'SUSQ', 'VIRT']);
    const of = (exchange: string, mm: string) => result.profiles.find((p) => p.exchange === exchange && p.marketMaker === mm)!;
    // Wholesalers quote round lots (lot 100 or 500; fills leave some rows odd), the anonymous exchange rows odd sizes (lot 1).
    for (const [exchange, mm] of [['NSDQ', 'GSCO'], ['NSDQ', 'CDRG'], ['NSDQ', 'NITE'], ['ARCA', 'JPMS'], ['BATS', 'VIRT']] as const) {
      expect(of(exchange, mm).roundLotShare).toBeGreaterThan(0.7);
    }
    for (const exchange of ['NSDQ', 'ARCA', 'BATS', 'EDGX', 'IEX']) expect(of(exchange, exchange).roundLotShare).toBeLessThan(0.1);
    // CDRG quotes large (500 × 2..10 lots: 3,000 on average), the largest on NSDQ; MSCO small (100 × 1..8: 450).
    const nsdq = result.profiles.filter((p) => p.exchange === 'NSDQ');
    expect(nsdq.reduce((a, b) => (b.averageSize > a.averageSize ? b : a)).marketMaker).toBe('CDRG');
    expect(of('NSDQ', 'CDRG').averageSize).toBeGreaterThan(2000);
    expect(of('NSDQ', 'MSCO').averageSize).toBeLessThan(600);
    // Presence follows the habits: the exchange's own row (0.95) shows more than CDRG (0.35).
    expect(of('NSDQ', 'NSDQ').presenceShare).toBeGreaterThan(of('NSDQ', 'CDRG').presenceShare);
  });
});
