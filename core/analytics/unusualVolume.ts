import { median } from 'simple-statistics';
import type { UnusualVolumeReading } from '../market/volumeReading';

export type { UnusualVolumeReading };

/**
 * Unusual volume: recent trading against the symbol's own baseline, on both shares and number of prints.
 * Baselines are medians of per-bar figures (robust to the odd block print and to earlier episodes). Requiring
 * the print count to rise as well as the shares keeps a few large prints, or one side's round lots, from
 * counting as a volume episode; hysteresis keeps an episode from flickering at the threshold.
 */
export interface UnusualVolumeOptions {
  /** Bars in the recent window (five-second bars: 6 = 30 s). */
  recentBars: number;
  /** Bars before the recent window that form the baseline. */
  baselineBars: number;
  /** No reading before this many baseline bars exist. */
  minBaselineBars: number;
  /** Recent shares per bar over the baseline median that an episode needs. */
  volumeRatio: number;
  /** Recent prints per bar over the baseline median that starts an episode … */
  tradeRatio: number;
  /** … and below which a running episode ends. */
  tradeRatioExit: number;
}

export const DEFAULT_UNUSUAL_VOLUME_OPTIONS: UnusualVolumeOptions = {
  recentBars: 6,
  baselineBars: 120,
  minBaselineBars: 36,
  volumeRatio: 3,
  tradeRatio: 3.5,
  tradeRatioExit: 2,
};

export interface VolumeBar {
  volume: number;
  count: number;
}

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/** Reads bars (oldest first); null until there is enough baseline or while the baseline is empty. */
export function unusualVolume(
  bars: readonly VolumeBar[],
  wasUnusual = false,
  options: UnusualVolumeOptions = DEFAULT_UNUSUAL_VOLUME_OPTIONS,
): UnusualVolumeReading | null {
  const recent = bars.slice(-options.recentBars);
  if (recent.length < options.recentBars) return null;
  const baseline = bars.slice(Math.max(0, bars.length - options.recentBars - options.baselineBars), bars.length - options.recentBars);
  if (baseline.length < options.minBaselineBars) return null;
  const baselineMedianVolume = median(baseline.map((b) => b.volume));
  const baselineMedianTrades = median(baseline.map((b) => b.count));
  if (!(baselineMedianVolume > 0 && baselineMedianTrades > 0)) return null;
  const volumeRatio = mean(recent.map((b) => b.volume)) / baselineMedianVolume;
  const tradeRatio = mean(recent.map((b) => b.count)) / baselineMedianTrades;
  const unusual = wasUnusual
    ? tradeRatio >= options.tradeRatioExit
    : tradeRatio >= options.tradeRatio && volumeRatio >= options.volumeRatio;
  return {
    unusual,
    volumeRatio,
    tradeRatio,
    recentVolume: recent.reduce((s, b) => s + b.volume, 0),
    baselineMedianVolume,
    baselineMedianTrades,
    recentBars: recent.length,
    baselineBars: baseline.length,
  };
}
