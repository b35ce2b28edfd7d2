import type { TradeSizeBin, TradeSizeCluster, TradeSizeClusters } from '../../../../core/contract/contract';

/** One histogram bar on the log-size axis: x is log10 of the bin's geometric middle. */
export interface SizeBar {
  x: number;
  count: number;
  low: number;
  high: number;
  /** Index of the cluster covering the largest part of the bin's log-width, null when none reaches into it. */
  cluster: number | null;
}

/** A vertical line on the log-size axis. */
export interface SizeMark {
  id: string;
  x: number;
  label: string;
  kind: 'boundary' | 'bucket' | 'paper';
}

const overlap = (bin: TradeSizeBin, cluster: TradeSizeCluster): number =>
  Math.min(Math.log10(bin.high), Math.log10(cluster.high)) - Math.max(Math.log10(bin.low), Math.log10(cluster.low));

/**
 * The cluster a bin belongs to: the one covering most of the bin's log-width; a cluster of one size (zero width)
 * belongs to the bin holding that size.
 */
export function clusterOfBin(bin: TradeSizeBin, clusters: readonly TradeSizeCluster[]): number | null {
  let best: number | null = null;
  let bestOverlap = 0;
  for (const [index, cluster] of clusters.entries()) {
    const inside = cluster.low >= bin.low && cluster.high < bin.high;
    const width = inside ? Number.EPSILON : overlap(bin, cluster);
    if (width > bestOverlap) {
      best = index;
      bestOverlap = width;
    }
  }
  return best;
}

export function sizeBars(found: TradeSizeClusters): SizeBar[] {
  return found.histogram.map((bin) => ({
    x: (Math.log10(bin.low) + Math.log10(bin.high)) / 2,
    count: bin.count,
    low: bin.low,
    high: bin.high,
    cluster: clusterOfBin(bin, found.clusters),
  }));
}

/** Each cluster's low and high edge, the chosen bucket and the paper's ADV/50 default, on the log-size axis. */
export function sizeMarks(found: TradeSizeClusters): SizeMark[] {
  const marks: SizeMark[] = found.clusters.flatMap((cluster, index) => {
    const edges: SizeMark[] = [{ id: `c${index}-low`, x: Math.log10(cluster.low), label: '', kind: 'boundary' }];
    if (cluster.high !== cluster.low) edges.push({ id: `c${index}-high`, x: Math.log10(cluster.high), label: '', kind: 'boundary' });
    return edges;
  });
  marks.push({ id: 'bucket', x: Math.log10(found.bucketVolume), label: `bucket ${formatShares(found.bucketVolume)}`, kind: 'bucket' });
  if (found.paperBucketVolume !== null && found.paperBucketVolume > 0) {
    marks.push({ id: 'paper', x: Math.log10(found.paperBucketVolume), label: `ADV/50 ${formatShares(found.paperBucketVolume)}`, kind: 'paper' });
  }
  return marks;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
/** Shares, compact for the axis: 4, 107, 1.2K, 8K. */
export const formatShares = (shares: number): string => compact.format(shares);

/** The axis's tick label at a log10 value: only whole powers of ten are labelled (1, 10, 100, 1K …). */
export const logTickLabel = (log10: number): string => (Number.isInteger(log10) ? formatShares(10 ** log10) : '');

/** Whether a size lies within the histogram's span (and so is drawn on its axis). */
export function withinHistogram(found: TradeSizeClusters, shares: number): boolean {
  const first = found.histogram[0];
  const last = found.histogram.at(-1);
  return first !== undefined && last !== undefined && shares >= first.low && shares <= last.high;
}
