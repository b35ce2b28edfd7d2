import type { Bar } from '../market/bar';

/** The five-second bar length, ms. */
export const BAR_MS = 5_000;

/** One bar's log return, stamped with the bar's start. */
export interface TimedReturn {
  time: number;
  value: number;
}

/**
 * Log returns ln(close_t / close_{t−5 s}) of bars sorted by time. A return exists only where the previous bar started
 * exactly one bar earlier: across a gap (no bar, a halt, the night) there is no five-second return, so none is made up.
 * A close that is not a positive finite number yields no return on either side.
 */
export function fiveSecondReturns(bars: readonly Bar[]): TimedReturn[] {
  const returns: TimedReturn[] = [];
  for (let i = 1; i < bars.length; i++) {
    const previous = bars[i - 1]!;
    const bar = bars[i]!;
    if (bar.time - previous.time !== BAR_MS || !positive(previous.close) || !positive(bar.close)) continue;
    returns.push({ time: bar.time, value: Math.log(bar.close / previous.close) });
  }
  return returns;
}

/** One bar's classified volume. */
export interface ClassifiedBarVolume {
  buyVolume: number;
  sellVolume: number;
}

/** Signed volume per bar: buy minus sell volume. */
export function signedVolumes(bars: readonly ClassifiedBarVolume[]): number[] {
  return bars.map((bar) => bar.buyVolume - bar.sellVolume);
}

function positive(x: number): boolean {
  return Number.isFinite(x) && x > 0;
}
