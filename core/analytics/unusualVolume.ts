import { median } from 'simple-statistics';

/**
 * Unusual volume: recent traded volume against the symbol's own baseline. The baseline is the median bar
 * volume (robust to the odd block print and to earlier episodes); the breadth rule asks most recent bars to be
 * heavy, so a single large print does not count as a volume episode.
 */
export interface UnusualVolumeOptions {
  /** Bars in the recent window (five-second bars: 6 = 30 s). */
  recentBars: number;
  /** Bars before the recent window that form the baseline. */
  baselineBars: number;
  /** No reading before this many baseline bars exist. */
  minBaselineBars: number;
  /** Recent mean bar volume over the baseline median that counts as unusual. */
  ratioThreshold: number;
  /** A recent bar is heavy at this multiple of the baseline median … */
  heavyBarMultiple: number;
  /** … and at least this share of the recent bars must be heavy. */
  heavyShare: number;
}

export const DEFAULT_UNUSUAL_VOLUME_OPTIONS: UnusualVolumeOptions = {
  recentBars: 6,
  baselineBars: 120,
  minBaselineBars: 36,
  ratioThreshold: 4,
  heavyBarMultiple: 2,
  heavyShare: 2 / 3,
};

export interface UnusualVolumeReading {
  unusual: boolean;
  /** Recent mean bar volume / baseline median bar volume. */
  ratio: number;
  recentVolume: number;
  baselineMedianBarVolume: number;
  heavyBars: number;
  recentBars: number;
  baselineBars: number;
}

/** Reads bar volumes (oldest first); null until there is enough baseline or when the baseline is empty. */
export function unusualVolume(volumes: readonly number[], options: UnusualVolumeOptions = DEFAULT_UNUSUAL_VOLUME_OPTIONS): UnusualVolumeReading | null {
  const recent = volumes.slice(-options.recentBars);
  if (recent.length < options.recentBars) return null;
  const baseline = volumes.slice(Math.max(0, volumes.length - options.recentBars - options.baselineBars), volumes.length - options.recentBars);
  if (baseline.length < options.minBaselineBars) return null;
  const baselineMedian = median(baseline);
  if (!(baselineMedian > 0)) return null;
  const recentVolume = recent.reduce((sum, v) => sum + v, 0);
  const ratio = recentVolume / recent.length / baselineMedian;
  const heavyBars = recent.filter((v) => v >= options.heavyBarMultiple * baselineMedian).length;
  const unusual = ratio >= options.ratioThreshold && heavyBars >= Math.ceil(options.heavyShare * recent.length);
  return { unusual, ratio, recentVolume, baselineMedianBarVolume: baselineMedian, heavyBars, recentBars: recent.length, baselineBars: baseline.length };
}
