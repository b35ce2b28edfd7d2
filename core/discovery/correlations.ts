import { sampleCorrelation, sampleStandardDeviation } from 'simple-statistics';
import type { Bar } from '../market/bar';
import { fiveSecondReturns } from './barSeries';
import type { DiscoveryWindow, PairCorrelation } from '../market/discoveryReading';

export type { PairCorrelation };

/** Aligned returns a pair needs: ten minutes of five-second bars, so r's standard error is about 1/√120 ≈ 0.09. */
export const MIN_ALIGNED_RETURNS = 120;

/**
 * Pearson correlations of five-second log returns for every pair of the given symbols (in the given order: a before b),
 * over the bars whose start lies in `window`. Returns are aligned on bar start: a pair uses only the bars where both
 * symbols have a return, i.e. a bar at that start and one five seconds before, so a gap in either symbol drops those
 * times for that pair only. Each pair carries its own count of aligned returns.
 */
export function returnCorrelations(barsBySymbol: ReadonlyMap<string, readonly Bar[]>, window: DiscoveryWindow, computedAt: number): PairCorrelation[] {
  const symbols = [...barsBySymbol.keys()];
  const returns = new Map(symbols.map((symbol) => [symbol, returnsByTime(barsBySymbol.get(symbol)!, window)]));
  const pairs: PairCorrelation[] = [];
  for (let i = 0; i < symbols.length; i++) {
    for (let j = i + 1; j < symbols.length; j++) {
      const a = symbols[i]!;
      const b = symbols[j]!;
      pairs.push({ a, b, window, computedAt, ...pairCorrelation(returns.get(a)!, returns.get(b)!) });
    }
  }
  return pairs;
}

type Estimate = Pick<PairCorrelation, 'correlation' | 'reason' | 'sampleSize'>;

function pairCorrelation(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): Estimate {
  const x: number[] = [];
  const y: number[] = [];
  for (const [time, value] of a) {
    const other = b.get(time);
    if (other === undefined) continue;
    x.push(value);
    y.push(other);
  }
  const sampleSize = x.length;
  if (sampleSize < MIN_ALIGNED_RETURNS) {
    return { correlation: null, sampleSize, reason: `${sampleSize} aligned returns; a correlation needs at least ${MIN_ALIGNED_RETURNS}` };
  }
  if (sampleStandardDeviation(x) === 0 || sampleStandardDeviation(y) === 0) {
    return { correlation: null, sampleSize, reason: 'a symbol’s price did not move in the window: its returns have no variance' };
  }
  const r = sampleCorrelation(x, y);
  if (!Number.isFinite(r)) return { correlation: null, sampleSize, reason: 'the correlation is not a finite number' };
  // Rounding can carry a perfect correlation a hair past ±1.
  return { correlation: Math.max(-1, Math.min(1, r)), sampleSize, reason: null };
}

function returnsByTime(bars: readonly Bar[], window: DiscoveryWindow): Map<number, number> {
  const inWindow = [...bars].filter((bar) => bar.time >= window.from && bar.time <= window.to).sort((p, q) => p.time - q.time);
  return new Map(fiveSecondReturns(inWindow).map((r) => [r.time, r.value]));
}
