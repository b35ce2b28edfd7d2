import { describe, expect, test } from 'vitest';
import { sampleStandardDeviation } from 'simple-statistics';
import { bulkBuyFraction } from '../../../core/analytics/bulkVolumeClassifier';
import { RollingDeviation } from '../../../core/analytics/rollingDeviation';
import { TradeClassifier } from '../../../core/analytics/tradeClassifier';
import { bucketVolumeFromDailyVolume, VpinCalculator, type VpinOptions, type VpinReading } from '../../../core/analytics/vpin';
import { ToxicityMonitor, VpinCdf } from '../../../core/analytics/vpinToxicity';
import { Rng } from '../../../core/sim/market/rng';

const T0 = Date.UTC(2026, 11, 7, 14, 30); // a minute boundary
const MINUTE = 60_000;
const at = (bar: number, second = 0): number => T0 + bar * MINUTE + second * 1000;

/** Standard normal CDF values from the printed table (to nine places). */
const PHI_PLUS_1 = 0.841344746;
const PHI_MINUS_1 = 0.158655254;

function feed(calc: VpinCalculator, prints: ReadonlyArray<[price: number, size: number, ts: number]>, quote: { bid: number; ask: number } | null = null): VpinReading[] {
  const readings: VpinReading[] = [];
  for (const [price, size, ts] of prints) readings.push(...calc.onTrade({ price, size, ts }, quote));
  return readings;
}

describe('VPIN with bulk volume classification: a worked example', () => {
  // V = 1000 shares, n = 2 buckets, one-minute bars, σ over the last 3 bar changes.
  const options: Partial<VpinOptions> & { bucketVolume: number } = { bucketVolume: 1000, buckets: 2, sigmaBars: 3, minSigmaBars: 3, minHistoryReadings: 1 };
  // Bar closes 100, 101, 101, 100 | 101, 101, 100: changes +1, 0, −1 | +1, 0, −1.
  const warmUp: Array<[number, number, number]> = [
    [100, 100, at(0, 5)],
    [100.5, 100, at(1, 5)], [101, 100, at(1, 40)],
    [101, 100, at(2, 5)],
    [100, 100, at(3, 5)],
  ];
  const bar4: Array<[number, number, number]> = [[100.5, 300, at(4, 10)], [101, 400, at(4, 50)]]; // close 101, 700 shares
  const bar5: Array<[number, number, number]> = [[101, 800, at(5, 30)]]; // close 101, 800 shares
  const bar6: Array<[number, number, number]> = [[100.2, 500, at(6, 1)], [100, 400, at(6, 59)]]; // close 100, 900 shares
  const bar7: Array<[number, number, number]> = [[100, 1, at(7, 0)]];

  test('the first bars only warm σ up and fill no bucket', () => {
    const calc = new VpinCalculator('SPY', options);
    expect(feed(calc, [...warmUp, ...bar4])).toEqual([]);
    expect(calc.warmUpBars).toBe(4); // bar 0 has no previous close; bars 1–3 have fewer than 3 past changes
    expect(calc.bucketsFilled).toBe(0);
  });

  test('bars are classified by Φ(ΔP/σ) with σ from earlier bars only, split across buckets pro rata', () => {
    // Bar 4: past changes +1, 0, −1 → mean 0, sample sd √((1 + 0 + 1) / 2) = 1; ΔP = +1 → buy share Φ(1).
    // Bar 5: past changes 0, −1, +1 → sd 1; ΔP = 0 → ½. Its 800 shares: 300 finish bucket 1, 500 start bucket 2.
    // Bar 6: past changes −1, +1, 0 → sd 1; ΔP = −1 → Φ(−1). 500 shares finish bucket 2, 400 start bucket 3.
    const bucket1Bought = 700 * PHI_PLUS_1 + 300 * 0.5; // 738.941322
    const bucket1Imbalance = Math.abs(1000 - bucket1Bought - bucket1Bought); // |sold − bought| = 477.882645
    const bucket2Bought = 500 * 0.5 + 500 * PHI_MINUS_1; // 329.327627
    const bucket2Imbalance = Math.abs(1000 - bucket2Bought - bucket2Bought); // 341.344746
    const vpin = (bucket1Imbalance + bucket2Imbalance) / (2 * 1000); // 0.409613696
    expect(vpin).toBeCloseTo(0.409613696, 8);

    const calc = new VpinCalculator('SPY', options);
    feed(calc, [...warmUp, ...bar4]);
    expect(feed(calc, bar5)).toEqual([]); // closes bar 4: 700 shares into bucket 1, not full
    expect(feed(calc, bar6)).toEqual([]); // closes bar 5: bucket 1 fills, but VPIN needs n = 2 buckets
    expect(calc.bucketsFilled).toBe(1);
    const readings = feed(calc, bar7); // closes bar 6: bucket 2 fills
    expect(readings).toHaveLength(1);
    expect(readings[0]!.symbol).toBe('SPY');
    expect(readings[0]!.vpin).toBeCloseTo(vpin, 8);
    expect(readings[0]!.bucket).toBe(2);
    expect(readings[0]!.time).toBe(at(7)); // the end of bar 6, when its volume was complete
  });

  test('the open bar is closed by the clock when no later print comes', () => {
    const calc = new VpinCalculator('SPY', options);
    feed(calc, [...warmUp, ...bar4, ...bar5, ...bar6]);
    expect(calc.onClock(at(6, 59.5))).toEqual([]);
    const readings = calc.onClock(at(7, 0.2));
    expect(readings.map((r) => r.bucket)).toEqual([2]);
    expect(readings[0]!.vpin).toBeCloseTo(0.409613696, 8);
  });

  test('σ is the sample standard deviation of the last window of bar changes, however long the stream', () => {
    const rng = new Rng(3);
    const rolling = new RollingDeviation(7);
    const changes: number[] = [];
    for (let i = 0; i < 1000; i++) {
      const change = 100 + rng.normal() * 0.05; // a large level and a small spread, where running sums lose digits
      changes.push(change);
      rolling.push(change);
      if (i >= 1) expect(rolling.deviation).toBeCloseTo(sampleStandardDeviation(changes.slice(-7)), 9);
    }
    expect(rolling.count).toBe(7);
  });

  test('a late print joins the open bar, and a bar closed once is never reopened', () => {
    const after: Array<[number, number, number]> = [[100, 600, at(7, 0)], [100, 1, at(8, 0)]]; // bar 7: 600 more shares
    const onTime = feed(new VpinCalculator('SPY', options), [...warmUp, ...bar4, ...bar5, ...bar6, ...after]);
    // Bar 6's last print (400 shares) stamped in bar 5, already closed: it still counts in bar 6.
    const late = feed(new VpinCalculator('SPY', options), [...warmUp, ...bar4, ...bar5, bar6[0]!, [100, 400, at(5, 50)], ...after]);
    expect(onTime.map((r) => r.bucket)).toEqual([2, 3]); // bucket 3: bar 6's last 400 shares and bar 7's 600
    expect(late).toEqual(onTime);
  });

  test('volume larger than several buckets fills each of them, with a reading for each', () => {
    const calc = new VpinCalculator('SPY', { bucketVolume: 100, buckets: 2, classification: 'trade', minHistoryReadings: 1 });
    calc.onTrade({ price: 10.1, size: 150, ts: T0 }, { bid: 10, ask: 10.1 }); // one bucket and a half, bought
    const readings = calc.onTrade({ price: 10, size: 350, ts: T0 + 1 }, { bid: 10, ask: 10.1 }); // 3.5 buckets, sold
    // Buckets: 100 bought | 50 bought + 50 sold | 100 sold | 100 sold | 100 sold, and 50 sold waiting.
    expect(readings.map((r) => [r.bucket, r.vpin])).toEqual([[2, (100 + 0) / 200], [3, (0 + 100) / 200], [4, 1], [5, 1]]);
  });

  test('a bar whose change was the same as every past one takes its side whole', () => {
    expect(bulkBuyFraction(0.01, 0)).toBe(1);
    expect(bulkBuyFraction(-0.01, 0)).toBe(0);
    expect(bulkBuyFraction(0, 0)).toBe(0.5);
    expect(bulkBuyFraction(0.2, 0.2)).toBeCloseTo(PHI_PLUS_1, 9);
  });
});

describe('VPIN on streams whose sides are known', () => {
  test('trade classification: prints that all lift the offer give VPIN 1', () => {
    const calc = new VpinCalculator('SPY', { bucketVolume: 500, buckets: 4, classification: 'trade', minHistoryReadings: 1 });
    const prints = Array.from({ length: 40 }, (_, i): [number, number, number] => [10.1, 100, T0 + i]);
    const readings = feed(calc, prints, { bid: 10, ask: 10.1 });
    expect(readings.map((r) => r.bucket)).toEqual([4, 5, 6, 7, 8]);
    for (const r of readings) expect(r.vpin).toBe(1);
  });

  test('trade classification: buying and selling in turn gives VPIN 0', () => {
    const calc = new VpinCalculator('SPY', { bucketVolume: 500, buckets: 4, classification: 'trade', minHistoryReadings: 1 });
    const prints = Array.from({ length: 40 }, (_, i): [number, number, number] => [i % 2 ? 10 : 10.1, 250, T0 + i]);
    const readings = feed(calc, prints, { bid: 10, ask: 10.1 });
    expect(readings).toHaveLength(17);
    for (const r of readings) expect(r.vpin).toBe(0);
  });

  test('trade classification: with 80% of the volume bought at random, VPIN is near |0.8 − 0.2| = 0.6', () => {
    const rng = new Rng(17);
    const calc = new VpinCalculator('SPY', { bucketVolume: 50_000, buckets: 50, classification: 'trade', minHistoryReadings: 1 });
    const quote = { bid: 99.99, ask: 100.01 };
    let last: VpinReading | undefined;
    for (let i = 0; i < 40_000; i++) {
      const price = rng.chance(0.8) ? 100.01 : 99.99;
      last = calc.onTrade({ price, size: rng.int(1, 200), ts: T0 + i * 10 }, quote).at(-1) ?? last;
    }
    expect(last!.vpin).toBeGreaterThan(0.55);
    expect(last!.vpin).toBeLessThan(0.65);
  });

  test('bulk classification: bars that rise and fall in turn on equal volume give VPIN 0', () => {
    // σ over a full window of alternating ±1 changes is the same for every bar, so each up bar's buy share Φ(1/σ)
    // and the next down bar's Φ(−1/σ) add up to one: every two-bar bucket is balanced.
    const calc = new VpinCalculator('SPY', { bucketVolume: 2000, buckets: 5, sigmaBars: 20, minSigmaBars: 20, minHistoryReadings: 1 });
    const prints = Array.from({ length: 60 }, (_, bar): [number, number, number] => [bar % 2 ? 101 : 100, 1000, at(bar, 30)]);
    const readings = feed(calc, prints);
    expect(readings.length).toBeGreaterThan(10);
    for (const r of readings) expect(r.vpin).toBeCloseTo(0, 12);
  });

  test('bulk classification: a market that only rises reads as nearly all bought', () => {
    const calc = new VpinCalculator('SPY', { bucketVolume: 2000, buckets: 5, sigmaBars: 20, minSigmaBars: 10, minHistoryReadings: 1 });
    let price = 100;
    const prints = Array.from({ length: 80 }, (_, bar): [number, number, number] => [(price += bar % 2 ? 0.2 : 0.1), 1000, at(bar, 30)]);
    const readings = feed(calc, prints);
    expect(readings.length).toBeGreaterThan(10);
    for (const r of readings) expect(r.vpin).toBeGreaterThan(0.9);
  });
});

describe('VPIN trade-level classification', () => {
  test('the quote rule classifies against the mid, the tick rule at the mid or without a quote', () => {
    const c = new TradeClassifier();
    const quote = { bid: 10, ask: 10.1 }; // mid 10.05
    expect(c.classify(10.05, quote)).toBe(0.5); // the first print, at the mid: nothing to compare with
    expect(c.classify(10.08, quote)).toBe(1); // above the mid, inside the spread
    expect(c.classify(10.02, quote)).toBe(0); // below the mid
    expect(c.classify(10.05, quote)).toBe(1); // at the mid, up-tick from 10.02
    expect(c.classify(10.05, quote)).toBe(1); // at the mid, zero tick: as the previous print
    expect(c.classify(10.04, null)).toBe(0); // no quote: down-tick
    expect(c.classify(10.04, { bid: 10, ask: null })).toBe(0); // one side missing: zero tick, as before
    expect(c.classify(10.2, { bid: 10.3, ask: 10.1 })).toBe(1); // crossed quote: up-tick
  });

  test('a print through the offer is a buy even when the tick is down', () => {
    const c = new TradeClassifier();
    c.classify(10.2, null);
    expect(c.classify(10.12, { bid: 10, ask: 10.1 })).toBe(1);
  });
});

describe('VPIN uses no future data', () => {
  const stream = (kind: 'bulk' | 'trade') => {
    const rng = new Rng(kind === 'bulk' ? 5 : 6);
    let price = 100;
    return Array.from({ length: 6000 }, (_, i): [number, number, number, { bid: number; ask: number }] => {
      price = Math.max(1, price + rng.normal() * 0.02);
      const p = Math.round(price * 100) / 100;
      return [p + (rng.chance(0.5) ? 0.01 : -0.01), rng.int(1, 300), T0 + i * 1500, { bid: p - 0.01, ask: p + 0.01 }];
    });
  };

  for (const classification of ['bulk', 'trade'] as const) {
    test(`${classification}: readings given before a cut are exactly those given by the whole stream, and later prints leave them as they were`, () => {
      const options = { bucketVolume: 5000, buckets: 10, classification, sigmaBars: 30, minSigmaBars: 10, minHistoryReadings: 5 };
      const prints = stream(classification);
      const full = new VpinCalculator('SPY', options);
      const all: VpinReading[] = [];
      let snapshot: VpinReading[] = [];
      for (const [price, size, ts, quote] of prints) {
        all.push(...full.onTrade({ price, size, ts }, quote));
        if (ts === prints[3000]![2]) snapshot = structuredClone(all);
      }
      expect(snapshot.length).toBeGreaterThan(20);
      expect(all.slice(0, snapshot.length)).toEqual(snapshot);

      const prefix = new VpinCalculator('SPY', options);
      const early: VpinReading[] = [];
      for (const [price, size, ts, quote] of prints.slice(0, 3001)) early.push(...prefix.onTrade({ price, size, ts }, quote));
      expect(early).toEqual(snapshot);
    });
  }
});

describe('VPIN toxicity', () => {
  test('the CDF is the share of the last K readings below the newest, ties counted half', () => {
    const cdf = new VpinCdf(4);
    expect([0.1, 0.2, 0.3, 0.4].map((v) => cdf.add(v))).toEqual([0.5 / 1, 1.5 / 2, 2.5 / 3, 3.5 / 4]);
    expect(cdf.add(0.25)).toBe(1.5 / 4); // holds 0.2, 0.3, 0.4, 0.25 (0.1 forgotten): one below, itself a tie
    expect(cdf.add(0.05)).toBe(0.5 / 4);
    expect(cdf.count).toBe(4);
  });

  test('a flat VPIN sits at the middle of its own history, not at the top', () => {
    const cdf = new VpinCdf(20);
    for (let i = 0; i < 9; i++) cdf.add(0.3);
    expect(cdf.add(0.3004)).toBe(0.5); // the same thousandth: a tie
    expect(cdf.add(0.302)).toBe(10.5 / 11);
  });

  test('an alert when the CDF reaches the level, one per episode, the episode ending below the exit level', () => {
    const monitor = new ToxicityMonitor({ historyReadings: 100, minHistoryReadings: 10, alertLevel: 0.9, exitLevel: 0.8 });
    const read = (v: number) => monitor.read(v);
    for (let i = 19; i > 10; i--) expect(read(i / 100)).toEqual({ cdf: null, toxic: false, alert: false });
    expect(read(0.1)).toEqual({ cdf: 0.5 / 10, toxic: false, alert: false });
    expect(read(0.5)).toEqual({ cdf: 10.5 / 11, toxic: true, alert: true });
    expect(read(0.45)).toEqual({ cdf: 10.5 / 12, toxic: true, alert: false }); // 0.875: below 0.9, above the exit level
    expect(read(0.47)).toEqual({ cdf: 11.5 / 13, toxic: true, alert: false });
    expect(read(0.05)).toEqual({ cdf: 0.5 / 14, toxic: false, alert: false }); // the episode ends
    expect(read(0.46)).toEqual({ cdf: 12.5 / 15, toxic: false, alert: false }); // 0.83 does not begin one
    expect(read(0.6)).toEqual({ cdf: 15.5 / 16, toxic: true, alert: true });
    expect(monitor.episodes).toBe(2);
  });

  test('one-sided buying after a long balanced spell raises one alert on the readings', () => {
    const calc = new VpinCalculator('SPY', { bucketVolume: 200, buckets: 2, classification: 'trade', minHistoryReadings: 10 });
    const quote = { bid: 10, ask: 10.1 };
    const balanced = Array.from({ length: 60 }, (_, i): [number, number, number] => [i % 2 ? 10 : 10.1, 100, T0 + i]);
    const buying = Array.from({ length: 20 }, (_, i): [number, number, number] => [10.1, 100, T0 + 60 + i]);
    const calm = feed(calc, balanced, quote);
    expect(calm.some((r) => r.toxic)).toBe(false);
    const toxic = feed(calc, buying, quote);
    expect(toxic.filter((r) => r.alert)).toHaveLength(1);
    expect(toxic[0]).toMatchObject({ vpin: 0.5, toxic: true, alert: true });
    expect(toxic[0]!.cdf).toBeGreaterThan(0.9);
    expect(toxic.at(-1)).toMatchObject({ vpin: 1, toxic: true, alert: false });
    expect(calc.episodes).toBe(1);
  });
});

describe('VPIN options and input', () => {
  test("buckets are a day's average volume over 50 by default", () => {
    expect(bucketVolumeFromDailyVolume(80_000_000)).toBe(1_600_000);
    expect(() => bucketVolumeFromDailyVolume(0)).toThrow(/positive average daily volume/);
  });

  test('a bad option is refused with an error that names it', () => {
    expect(() => new VpinCalculator('SPY', { bucketVolume: -5 })).toThrow(/bucketVolume must be a positive/);
    expect(() => new VpinCalculator('SPY', { bucketVolume: 100, buckets: 2.5 })).toThrow(/buckets must be a whole number/);
    expect(() => new VpinCalculator('SPY', { bucketVolume: 100, minSigmaBars: 200 })).toThrow(/minSigmaBars/);
    expect(() => new VpinCalculator('SPY', { bucketVolume: 100, exitLevel: 0.95 })).toThrow(/exitLevel/);
    expect(() => new VpinCalculator('SPY', { bucketVolume: 100, classification: 'tick' as 'trade' })).toThrow(/classification/);
  });

  test('prints with no shares or no price are counted and skipped', () => {
    const calc = new VpinCalculator('SPY', { bucketVolume: 100, buckets: 1, classification: 'trade', minHistoryReadings: 1 });
    calc.onTrade({ price: 10, size: 0, ts: T0 });
    calc.onTrade({ price: Number.NaN, size: 50, ts: T0 });
    expect(calc.ignoredPrints).toBe(2);
    expect(calc.bucketsFilled).toBe(0);
  });
});
