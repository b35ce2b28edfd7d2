import { describe, expect, it } from 'vitest';
import { MIN_ALIGNED_RETURNS, returnCorrelations, type PairCorrelation } from '../../../core/discovery/correlations';
import { BAR_MS, fiveSecondReturns, signedVolumes } from '../../../core/discovery/barSeries';
import type { Bar } from '../../../core/market/bar';
import { Rng } from '../../../core/sim/market/rng';

const start = 1_800_000_000_000;
const computedAt = start + 3_600_000;
const everything = { from: start, to: start + 3_600_000 };

function noise(n: number, seed: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.normal() * 0.001);
}

/** Five-second bars whose log returns are exactly `returns` (the first bar has none), one bar per step from `start`. */
function barsWithReturns(symbol: string, returns: readonly number[]): Bar[] {
  let close = 100;
  const bars = [bar(symbol, start, close)];
  returns.forEach((r, i) => {
    close *= Math.exp(r);
    bars.push(bar(symbol, start + (i + 1) * BAR_MS, close));
  });
  return bars;
}

function bar(symbol: string, time: number, close: number): Bar {
  return { symbol, time, open: close, high: close, low: close, close, volume: 100, wap: close, count: 10 };
}

function pair(result: PairCorrelation[], a: string, b: string): PairCorrelation {
  const found = result.find((p) => p.a === a && p.b === b);
  if (!found) throw new Error(`no pair ${a}/${b}`);
  return found;
}

describe('correlations of constructed return series', () => {
  const n = 720;
  const x = noise(n, 1);
  const e = noise(n, 2);
  const bars = new Map<string, Bar[]>([
    ['X', barsWithReturns('X', x)],
    ['TWICE', barsWithReturns('TWICE', x.map((v, i) => 2 * v + e[i]!))],
    ['MINUS', barsWithReturns('MINUS', x.map((v) => -v))],
    ['OTHER', barsWithReturns('OTHER', noise(n, 3))],
  ]);
  const result = returnCorrelations(bars, everything, computedAt);
  const tolerance = 4 / Math.sqrt(n);

  it('gives every pair once, in the given symbol order', () => {
    expect(result.map((p) => `${p.a}/${p.b}`)).toEqual(['X/TWICE', 'X/MINUS', 'X/OTHER', 'TWICE/MINUS', 'TWICE/OTHER', 'MINUS/OTHER']);
  });

  it('finds 2x + noise correlated by 2/√5 (equal variances), −x at −1 and an independent series near 0', () => {
    expect(Math.abs(pair(result, 'X', 'TWICE').correlation! - 2 / Math.sqrt(5))).toBeLessThan(tolerance);
    expect(pair(result, 'X', 'MINUS').correlation).toBeCloseTo(-1, 9);
    expect(Math.abs(pair(result, 'X', 'OTHER').correlation!)).toBeLessThan(tolerance);
    expect(Math.abs(pair(result, 'TWICE', 'MINUS').correlation! + 2 / Math.sqrt(5))).toBeLessThan(tolerance);
  });

  it('stamps each pair with the window, its aligned returns and the time', () => {
    for (const p of result) expect(p).toMatchObject({ window: everything, sampleSize: n, computedAt, reason: null });
  });
});

describe('alignment of returns between symbols', () => {
  const n = 400;
  const x = noise(n, 4);
  const full = barsWithReturns('A', x);
  // B lacks the bars at steps 100..109: its returns at steps 100..110 (each needs the bar five seconds before) are gone.
  const gapped = barsWithReturns('B', x.map((v) => 3 * v)).filter((_, step) => step < 100 || step > 109);

  it('uses only bar starts where both symbols have a return, and counts them per pair', () => {
    const bars = new Map([['A', full], ['B', gapped], ['C', barsWithReturns('C', x)]]);
    const result = returnCorrelations(bars, everything, computedAt);
    expect(pair(result, 'A', 'B').sampleSize).toBe(n - 11);
    expect(pair(result, 'A', 'B').correlation).toBeCloseTo(1, 9);
    expect(pair(result, 'A', 'C').sampleSize).toBe(n);
  });

  it('counts only bars inside the window', () => {
    const window = { from: start + 50 * BAR_MS, to: start + 349 * BAR_MS };
    const result = returnCorrelations(new Map([['A', full], ['C', barsWithReturns('C', x)]]), window, computedAt);
    // 300 bars in the window, so 299 returns (the window's first bar has no bar before it inside the window).
    expect(pair(result, 'A', 'C')).toMatchObject({ sampleSize: 299, window });
  });

  it('does not depend on the order the bars arrive in', () => {
    const shuffled = [...full].reverse();
    const result = returnCorrelations(new Map([['A', shuffled], ['B', gapped]]), everything, computedAt);
    expect(pair(result, 'A', 'B').sampleSize).toBe(n - 11);
  });
});

describe('guards of the correlations', () => {
  it('gives null with the need when a pair has too few aligned returns', () => {
    const x = noise(300, 5);
    // B has only the last MIN_ALIGNED_RETURNS of A's 301 bars: one return fewer than a correlation needs.
    const late = barsWithReturns('B', x).slice(301 - MIN_ALIGNED_RETURNS);
    const result = returnCorrelations(new Map([['A', barsWithReturns('A', x)], ['B', late]]), everything, computedAt);
    expect(pair(result, 'A', 'B')).toMatchObject({ correlation: null, sampleSize: MIN_ALIGNED_RETURNS - 1 });
    expect(pair(result, 'A', 'B').reason).toMatch(/needs at least 120/);
  });

  it('gives null, never NaN, when a symbol’s price does not move', () => {
    const flat = barsWithReturns('FLAT', new Array(300).fill(0));
    const result = returnCorrelations(new Map([['A', barsWithReturns('A', noise(300, 6))], ['FLAT', flat]]), everything, computedAt);
    expect(pair(result, 'A', 'FLAT')).toMatchObject({ correlation: null, sampleSize: 300 });
    expect(pair(result, 'A', 'FLAT').reason).toMatch(/no variance/);
  });

  it('gives no pairs for a single symbol and null for a symbol without bars', () => {
    const a = barsWithReturns('A', noise(300, 7));
    expect(returnCorrelations(new Map([['A', a]]), everything, computedAt)).toEqual([]);
    const result = returnCorrelations(new Map([['A', a], ['EMPTY', []]]), everything, computedAt);
    expect(pair(result, 'A', 'EMPTY')).toMatchObject({ correlation: null, sampleSize: 0 });
  });
});

describe('the bar series the methods read', () => {
  it('makes five-second log returns only between bars five seconds apart, and none from a bad close', () => {
    const bars = [bar('A', start, 100), bar('A', start + BAR_MS, 110), bar('A', start + 3 * BAR_MS, 120), bar('A', start + 4 * BAR_MS, 0), bar('A', start + 5 * BAR_MS, 130)];
    expect(fiveSecondReturns(bars)).toEqual([{ time: start + BAR_MS, value: Math.log(110 / 100) }]);
  });

  it('signs volume as buy minus sell', () => {
    expect(signedVolumes([{ buyVolume: 700, sellVolume: 300 }, { buyVolume: 100, sellVolume: 400 }])).toEqual([400, -300]);
  });
});
