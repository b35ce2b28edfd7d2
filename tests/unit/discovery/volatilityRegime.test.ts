import { describe, expect, it } from 'vitest';
import { BARS_PER_YEAR, discoverVolatilityRegime } from '../../../core/discovery/volatilityRegime';
import { Rng } from '../../../core/sim/market/rng';

const T0 = Date.UTC(2026, 11, 7, 14, 30);
const BAR_MS = 5_000;
const HOUR = 720; // 5-second bars

/** 5-second closes from a random walk whose annualized vol is given per stretch: [annual vol, bars]. */
function walk(stretches: ReadonlyArray<[vol: number, bars: number]>, seed = 3, start = T0): Array<{ time: number; close: number }> {
  const rng = new Rng(seed);
  const bars: Array<{ time: number; close: number }> = [];
  let close = 100;
  for (const [vol, count] of stretches) {
    for (let i = 0; i < count; i++) {
      close *= Math.exp((vol / Math.sqrt(BARS_PER_YEAR)) * rng.normal());
      bars.push({ time: start + bars.length * BAR_MS, close });
    }
  }
  return bars;
}

describe('volatility regime from 5-second bars', () => {
  it('calls a jump to three times the volatility HIGH against thresholds from its own calm history', () => {
    const bars = walk([[0.15, 3 * HOUR], [0.45, HOUR]]);
    const result = discoverVolatilityRegime(bars, { now: T0 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.regime).toBe('HIGH');
    expect(result.volatility).toBeGreaterThan(0.45 * 0.9);
    expect(result.volatility).toBeLessThan(0.45 * 1.1);
    expect(result.thresholds.low).toBeGreaterThan(0.15 * 0.9);
    expect(result.thresholds.high).toBeLessThan(result.volatility);
    expect(result.historyWindows).toBe((4 * HOUR - HOUR) / 60 + 1);
  });

  it('calls the return to calm after a long volatile stretch LOW', () => {
    const bars = walk([[0.15, HOUR], [0.45, 3 * HOUR], [0.15, HOUR]]);
    const result = discoverVolatilityRegime(bars);
    if (!result.ok) throw new Error(result.reason);
    expect(result.regime).toBe('LOW');
    expect(result.volatility).toBeGreaterThan(0.15 * 0.9);
    expect(result.volatility).toBeLessThan(0.15 * 1.1);
    expect(result.volatility).toBeLessThan(result.thresholds.low);
  });

  it('calls a steady volatility NORMAL between its 5th and 95th percentiles', () => {
    const bars = walk([[0.2, 4 * HOUR]], 5);
    const result = discoverVolatilityRegime(bars, { lowPercentile: 0.05, highPercentile: 0.95 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.regime).toBe('NORMAL');
    expect(result.thresholds).toMatchObject({ lowPercentile: 0.05, highPercentile: 0.95 });
  });

  it('handles constant prices as zero volatility with finite thresholds', () => {
    const bars = Array.from({ length: 2 * HOUR }, (_, i) => ({ time: T0 + i * BAR_MS, close: 50 }));
    const result = discoverVolatilityRegime(bars);
    if (!result.ok) throw new Error(result.reason);
    expect(result).toMatchObject({ regime: 'NORMAL', volatility: 0, thresholds: { low: 0, high: 0 } });
  });

  it('leaves the overnight gap out of the volatility', () => {
    const dayOne = walk([[0.15, 2 * HOUR]], 8);
    const nextOpen = T0 + 86_400_000;
    const dayTwo = walk([[0.15, HOUR]], 9, nextOpen).map((b) => ({ time: b.time, close: b.close * 1.1 })); // a 10% gap
    const result = discoverVolatilityRegime([...dayOne, ...dayTwo.map((b) => ({ ...b, time: b.time + 1 }))], { windowBars: 2 * HOUR, stepBars: 60, minWindows: 2 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.volatility).toBeLessThan(0.15 * 1.15);
  });

  it('refuses too few bars and says how many it needs', () => {
    const result = discoverVolatilityRegime(walk([[0.2, HOUR]]));
    expect(result).toMatchObject({ ok: false, needed: HOUR + 11 * 60, got: HOUR });
    if (!result.ok) expect(result.reason).toMatch(/needs 1380 bars/);
  });

  it('refuses a bar with a non-positive or non-finite close rather than writing NaN', () => {
    const bars = walk([[0.2, 2 * HOUR]]);
    bars[100] = { time: bars[100]!.time, close: 0 };
    const result = discoverVolatilityRegime(bars);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/bar 100 has close 0/);
  });

  it('rejects percentiles that are out of order with an error that names them', () => {
    expect(() => discoverVolatilityRegime(walk([[0.2, 2 * HOUR]]), { lowPercentile: 0.8, highPercentile: 0.2 })).toThrow(/percentiles 0.8\/0.2/);
  });

  it('carries its window, sample size and time', () => {
    const bars = walk([[0.2, 2 * HOUR]]);
    const result = discoverVolatilityRegime(bars, { now: T0 + 1 });
    expect(result).toMatchObject({ ok: true, window: { from: T0, to: T0 + (2 * HOUR - 1) * BAR_MS }, sampleSize: 2 * HOUR, computedAt: T0 + 1, windowBars: HOUR });
  });
});
