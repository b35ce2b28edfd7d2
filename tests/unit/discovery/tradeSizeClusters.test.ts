import { describe, expect, it } from 'vitest';
import { discoverTradeSizeClusters, TRADE_SIZE_MAX_SAMPLE, TRADE_SIZE_MIN_TRADES } from '../../../core/discovery/tradeSizeClusters';
import { Rng } from '../../../core/sim/market/rng';

const T0 = Date.UTC(2026, 11, 7, 14, 30);

/** Log-normal mixture: [centre in shares, trades]; sizes rounded to whole shares, shuffled in time. */
function mixture(components: ReadonlyArray<[centre: number, count: number]>, spread = 0.15, seed = 7): Array<{ size: number; ts: number }> {
  const rng = new Rng(seed);
  const sizes = components.flatMap(([centre, count]) =>
    Array.from({ length: count }, () => Math.max(1, Math.round(centre * Math.exp(spread * rng.normal())))));
  for (let i = sizes.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [sizes[i], sizes[j]] = [sizes[j]!, sizes[i]!];
  }
  return sizes.map((size, i) => ({ size, ts: T0 + i * 50 }));
}

// Odd lots, round lots, the 400-share clip, 1,200-share orders and blocks; the 400 cluster holds the volume median.
const SEED_LIKE: Array<[number, number]> = [[5, 3000], [100, 4000], [400, 2500], [1200, 400], [8000, 80]];

describe('trade-size clustering for the VPIN bucket', () => {
  it('finds the centres of a log-normal mixture and picks the cluster holding the volume-weighted median', () => {
    const trades = mixture(SEED_LIKE);
    const result = discoverTradeSizeClusters(trades, { averageDailyVolume: 60_000_000, now: T0 + 1e6 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.clusters.map((c) => c.centre)).toHaveLength(5);
    SEED_LIKE.forEach(([centre, count], i) => {
      expect(result.clusters[i]!.centre / centre).toBeGreaterThan(0.9);
      expect(result.clusters[i]!.centre / centre).toBeLessThan(1.1);
      expect(Math.abs(result.clusters[i]!.count - count)).toBeLessThanOrEqual(count * 0.02 + 2);
    });
    const shares = result.clusters.reduce((s, c) => s + c.volumeShare, 0);
    expect(shares).toBeCloseTo(1, 9);
    expect(result.chosenCluster).toBe(2);
    expect(result.bucketVolume).toBe(Math.round(result.clusters[2]!.centre));
    expect(result.paperBucketVolume).toBe(1_200_000);
    expect(result.sampleSize).toBe(trades.length);
    expect(result.clusteredSample).toBe(TRADE_SIZE_MAX_SAMPLE);
    expect(result.window).toEqual({ from: T0, to: T0 + (trades.length - 1) * 50 });
    expect(result.computedAt).toBe(T0 + 1e6);
  });

  it('moves the bucket to the block cluster when blocks carry most of the volume', () => {
    const result = discoverTradeSizeClusters(mixture([[100, 3000], [5000, 400]], 0.15, 11));
    if (!result.ok) throw new Error(result.reason);
    expect(result.clusters).toHaveLength(2);
    expect(result.chosenCluster).toBe(1);
    expect(result.bucketVolume / 5000).toBeGreaterThan(0.9);
    expect(result.bucketVolume / 5000).toBeLessThan(1.1);
    expect(result.paperBucketVolume).toBeNull();
  });

  it('keeps odd lots of a few shares together instead of splitting them at every whole share', () => {
    const result = discoverTradeSizeClusters(mixture([[4, 2000], [300, 1000]], 0.2, 13));
    if (!result.ok) throw new Error(result.reason);
    expect(result.clusters).toHaveLength(2);
    expect(result.clusters[0]!.low).toBeLessThanOrEqual(3);
    expect(result.clusters[0]!.high).toBeGreaterThanOrEqual(5);
    expect(result.clusters[1]!.centre / 300).toBeGreaterThan(0.9);
  });

  it('refuses too few trades and says how many it needs', () => {
    const result = discoverTradeSizeClusters(mixture([[100, TRADE_SIZE_MIN_TRADES - 1]]));
    expect(result).toMatchObject({ ok: false, needed: TRADE_SIZE_MIN_TRADES, got: TRADE_SIZE_MIN_TRADES - 1 });
    if (!result.ok) expect(result.reason).toMatch(/at least 500 trades/);
  });

  it('refuses a tape of a single trade size instead of inventing clusters', () => {
    const trades = Array.from({ length: 1000 }, (_, i) => ({ size: 100, ts: T0 + i }));
    const result = discoverTradeSizeClusters(trades);
    expect(result).toMatchObject({ ok: false, needed: 2, got: 1 });
  });

  it('ignores prints with no usable size and writes no NaN', () => {
    const trades = [...mixture([[100, 800], [1000, 300]]), { size: 0, ts: T0 }, { size: Number.NaN, ts: T0 }, { size: -5, ts: T0 }];
    const result = discoverTradeSizeClusters(trades);
    if (!result.ok) throw new Error(result.reason);
    expect(result.sampleSize).toBe(1100);
    const numbers = result.clusters.flatMap((c) => [c.centre, c.low, c.high, c.count, c.volumeShare]);
    expect(numbers.every(Number.isFinite)).toBe(true);
  });
});
