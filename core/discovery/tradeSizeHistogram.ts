import type { TradeSizeBin } from '../market/discoveryReading';

/** Bins per factor of ten: edges at 1, 1.78, 3.16, 5.62, 10, … shares. */
export const BINS_PER_DECADE = 4;

/** Sizes counted in a dense array (whole shares up to this); larger or fractional sizes in a map. */
const DENSE_SIZES = 100_000;

/**
 * How many trades there are of each size (positive, finite sizes only), ascending by size. Sizes are whole shares and
 * few are distinct, so the work per trade is one array increment, not a map lookup.
 */
export function sizeCounts(trades: ReadonlyArray<{ size: number }>): Map<number, number> {
  const dense = new Uint32Array(DENSE_SIZES + 1);
  const sparse = new Map<number, number>();
  for (const { size } of trades) {
    if (!(size > 0) || !Number.isFinite(size)) continue;
    if (size <= DENSE_SIZES && Number.isInteger(size)) dense[size]!++;
    else sparse.set(size, (sparse.get(size) ?? 0) + 1);
  }
  const counts: Array<[number, number]> = [];
  for (let size = 1; size <= DENSE_SIZES; size++) if (dense[size]! > 0) counts.push([size, dense[size]!]);
  counts.push(...sparse);
  return new Map(counts.sort((a, b) => a[0] - b[0]));
}

/**
 * Log-scale histogram of trade sizes (`counts`: trades by size, see sizeCounts): bin i holds 10^(i/4) ≤ size <
 * 10^((i+1)/4), from the bin of the smallest size to that of the largest, empty bins included so the chart's axis is
 * even. Edges are exact powers of ten apart, so a cluster's low/high can be drawn against them.
 */
export function tradeSizeHistogram(counts: ReadonlyMap<number, number>): TradeSizeBin[] {
  const bins = new Map<number, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const [size, count] of counts) {
    if (!(size > 0) || !Number.isFinite(size)) continue;
    const bin = Math.floor(Math.log10(size) * BINS_PER_DECADE + 1e-9);
    bins.set(bin, (bins.get(bin) ?? 0) + count);
    first = Math.min(first, bin);
    last = Math.max(last, bin);
  }
  const out: TradeSizeBin[] = [];
  for (let bin = first; bin <= last; bin++) {
    out.push({ low: 10 ** (bin / BINS_PER_DECADE), high: 10 ** ((bin + 1) / BINS_PER_DECADE), count: bins.get(bin) ?? 0 });
  }
  return out;
}
