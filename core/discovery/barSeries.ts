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

/** A print as the signed-volume series needs it: size, time and the side that took liquidity. */
export interface SidedPrint {
  size: number;
  ts: number;
  aggressor: 'buy' | 'sell' | 'unknown';
}

/**
 * Each bar's bought and sold volume from the prints inside it ([bar start, bar start + 5 s)), by the print's aggressor:
 * a print whose side is unknown counts on neither side. Bars and prints sorted by time, oldest first; one pass over both.
 */
export function classifiedBarVolumes(bars: ReadonlyArray<{ time: number }>, prints: readonly SidedPrint[]): ClassifiedBarVolume[] {
  const out: ClassifiedBarVolume[] = bars.map(() => ({ buyVolume: 0, sellVolume: 0 }));
  let p = 0;
  for (let b = 0; b < bars.length; b++) {
    const start = bars[b]!.time;
    const end = start + BAR_MS;
    while (p < prints.length && prints[p]!.ts < start) p++;
    for (; p < prints.length && prints[p]!.ts < end; p++) {
      const print = prints[p]!;
      if (!(Number.isFinite(print.size) && print.size > 0)) continue;
      if (print.aggressor === 'buy') out[b]!.buyVolume += print.size;
      else if (print.aggressor === 'sell') out[b]!.sellVolume += print.size;
    }
  }
  return out;
}

/** Signed volume per bar: buy minus sell volume. */
export function signedVolumes(bars: readonly ClassifiedBarVolume[]): number[] {
  return bars.map((bar) => bar.buyVolume - bar.sellVolume);
}

function positive(x: number): boolean {
  return Number.isFinite(x) && x > 0;
}
