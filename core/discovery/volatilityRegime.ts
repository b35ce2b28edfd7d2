import { quantileSorted } from 'simple-statistics';
import type { Bar } from '../market/bar';
import type { DiscoveryRefusal, Regime, VolatilityPoint, VolatilityRegime } from '../market/discoveryReading';

export type { Regime, VolatilityRegime };

/** Convention: 252 sessions × 6.5 hours × 720 five-second bars an hour. */
export const BARS_PER_YEAR = 252 * 6.5 * 720;

export interface VolatilityRegimeOptions {
  /** Bars in one RV window (default 720: one hour of 5-second bars). */
  windowBars?: number;
  /** Bars between the ends of consecutive history windows (default 60: five minutes). */
  stepBars?: number;
  /** History windows needed before thresholds mean anything (default 12). */
  minWindows?: number;
  /** Percentiles (0..1) of the history that separate LOW / NORMAL / HIGH (default 0.33 and 0.67). */
  lowPercentile?: number;
  highPercentile?: number;
  /** A return across a longer gap between bar times is left out (default 60 s). */
  maxGapMs?: number;
  now?: number;
}

type ClosedBar = Pick<Bar, 'time' | 'close'>;

/**
 * Volatility regime from 5-second bars: annualized realized volatility of the latest window against thresholds
 * that are percentiles of the same measure over rolling windows of the history given.
 *
 * RV = sqrt(BARS_PER_YEAR / m · Σ r²) over the m log returns of consecutive closes in the window (mean zero
 * assumed, as usual for intraday RV). A return across a gap longer than `maxGapMs` (a halt, the overnight) is
 * left out, so a session's open gap is not read as volatility. Cost: O(bars) — one pass of prefix sums, then one
 * O(1) value per rolling window, then a sort of the window values (~0.2 ms for a 4,680-bar session, measured).
 */
export function discoverVolatilityRegime(bars: readonly ClosedBar[], options: VolatilityRegimeOptions = {}): VolatilityRegime | DiscoveryRefusal {
  const windowBars = options.windowBars ?? 720;
  const stepBars = options.stepBars ?? 60;
  const minWindows = options.minWindows ?? 12;
  const lowPercentile = options.lowPercentile ?? 0.33;
  const highPercentile = options.highPercentile ?? 0.67;
  if (!(windowBars >= 2 && stepBars >= 1 && minWindows >= 1 && lowPercentile >= 0 && lowPercentile <= highPercentile && highPercentile <= 1)) {
    throw new RangeError(`volatility regime options are out of range: window ${windowBars} bars, step ${stepBars}, ${minWindows} windows, percentiles ${lowPercentile}/${highPercentile}`);
  }
  const needed = windowBars + (minWindows - 1) * stepBars;
  const bad = bars.findIndex((b) => !(Number.isFinite(b.close) && b.close > 0 && Number.isFinite(b.time)));
  if (bad >= 0) {
    return { ok: false, reason: `volatility regime needs positive, finite closes (bar ${bad} has close ${bars[bad]!.close} at ${bars[bad]!.time})`, needed, got: bars.length };
  }
  if (bars.length < needed) {
    return { ok: false, reason: `volatility regime needs ${needed} bars (${minWindows} windows of ${windowBars}, ${stepBars} apart; got ${bars.length})`, needed, got: bars.length };
  }
  const sums = squaredReturnSums(bars, options.maxGapMs ?? 60_000);
  const windows = rollingVolatilities(sums, bars.length, windowBars, stepBars);
  const latest = windows[windows.length - 1]!.volatility;
  if (latest === null) {
    return { ok: false, reason: `the latest ${windowBars} bars hold no return within the gap limit`, needed, got: 0 };
  }
  const series: VolatilityPoint[] = windows.flatMap(({ end, volatility }) => (volatility === null ? [] : [{ end: bars[end]!.time, volatility }]));
  const history = series.map((p) => p.volatility).sort((a, b) => a - b);
  if (history.length < minWindows) {
    return { ok: false, reason: `volatility regime needs ${minWindows} windows with returns (got ${history.length})`, needed: minWindows, got: history.length };
  }
  const low = quantileSorted(history, lowPercentile);
  const high = quantileSorted(history, highPercentile);
  const regime: Regime = latest > high ? 'HIGH' : latest < low ? 'LOW' : 'NORMAL';
  return {
    ok: true,
    regime,
    volatility: latest,
    thresholds: { low, high, lowPercentile, highPercentile },
    historyWindows: history.length,
    windowBars,
    series,
    window: { from: bars[0]!.time, to: bars[bars.length - 1]!.time },
    sampleSize: bars.length,
    computedAt: options.now ?? Date.now(),
  };
}

/** Prefix sums of squared log returns and of their count: return i is from bar i-1 to bar i (none for bar 0). */
function squaredReturnSums(bars: readonly ClosedBar[], maxGapMs: number): { squares: Float64Array; counts: Uint32Array } {
  const squares = new Float64Array(bars.length);
  const counts = new Uint32Array(bars.length);
  for (let i = 1; i < bars.length; i++) {
    const counted = bars[i]!.time - bars[i - 1]!.time <= maxGapMs;
    const r = counted ? Math.log(bars[i]!.close / bars[i - 1]!.close) : 0;
    squares[i] = squares[i - 1]! + r * r;
    counts[i] = counts[i - 1]! + (counted ? 1 : 0);
  }
  return { squares, counts };
}

/** Annualized RV of windows of windowBars bars ending at the last bar (index `end`) and every stepBars before it,
 * oldest first; null for a window with no counted return. */
function rollingVolatilities(sums: { squares: Float64Array; counts: Uint32Array }, length: number, windowBars: number, stepBars: number): Array<{ end: number; volatility: number | null }> {
  const values: Array<{ end: number; volatility: number | null }> = [];
  for (let end = length - 1; end - windowBars + 1 >= 0; end -= stepBars) {
    const start = end - windowBars + 1; // returns start+1..end lie inside the window's bars
    const m = sums.counts[end]! - sums.counts[start]!;
    const sumSquares = Math.max(0, sums.squares[end]! - sums.squares[start]!);
    values.push({ end, volatility: m > 0 ? Math.sqrt((BARS_PER_YEAR / m) * sumSquares) : null });
  }
  return values.reverse();
}
