import type { TradeSizeBin } from '../market/discoveryReading';

/** Bins per factor of ten: edges at 1, 1.78, 3.16, 5.62, 10, … shares. */
export const BINS_PER_DECADE = 4;

/**
 * Log-scale histogram of trade sizes (positive sizes only): bin i holds 10^(i/4) ≤ size < 10^((i+1)/4), from the
 * bin of the smallest size to that of the largest, empty bins included so the chart's axis is even. Edges are exact
 * powers of ten apart, so a cluster's low/high can be drawn against them.
 */
export function tradeSizeHistogram(sizes: Iterable<number>): TradeSizeBin[] {
  const counts = new Map<number, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const size of sizes) {
    if (!(size > 0) || !Number.isFinite(size)) continue;
    const bin = Math.floor(Math.log10(size) * BINS_PER_DECADE + 1e-9);
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
    first = Math.min(first, bin);
    last = Math.max(last, bin);
  }
  const bins: TradeSizeBin[] = [];
  for (let bin = first; bin <= last; bin++) {
    bins.push({ low: 10 ** (bin / BINS_PER_DECADE), high: 10 ** ((bin + 1) / BINS_PER_DECADE), count: counts.get(bin) ?? 0 });
  }
  return bins;
}
