import type { ExpiryBucket, FlipLevel, GammaExposureUpdate, StrikeExposure } from '../../../../core/contract/analyticsView';

/** The bucket selector, in the order the trader reads it. */
export const EXPIRY_BUCKETS: ReadonlyArray<{ bucket: ExpiryBucket; label: string }> = [
  { bucket: '0dte', label: '0DTE' },
  { bucket: '1dte', label: '1DTE' },
  { bucket: 'upTo7d', label: '≤ 7 d' },
  { bucket: 'upTo35d', label: '≤ 35 d' },
  { bucket: 'all', label: 'All' },
];

/** Strikes shown around spot, in percent of spot; 0 = every strike of the bucket. */
export const STRIKE_RANGES = [5, 10, 20, 0] as const;
export const DEFAULT_STRIKE_RANGE = 5;

const usdCompact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

/** "$1.23B", "−$45.6M", "$0": dollar exposures at a glance, with a real minus sign. */
export function formatUsdCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = `$${usdCompact.format(Math.abs(value))}`;
  return value < 0 ? `−${text}` : text;
}

/** The strikes to draw: those within ±rangePercent of spot (all when 0), the flip level kept in view. */
export function strikeWindow(gex: GammaExposureUpdate, rangePercent: number): { low: number; high: number } | null {
  if (rangePercent === 0) return null;
  const flip = gex.flip.level;
  const low = gex.spot * (1 - rangePercent / 100);
  const high = gex.spot * (1 + rangePercent / 100);
  // Whole numbers at the axis ends, so its outer ticks read as strikes.
  return { low: Math.floor(flip === null ? low : Math.min(low, flip)), high: Math.ceil(flip === null ? high : Math.max(high, flip)) };
}

export function strikesShown(byStrike: readonly StrikeExposure[], window: { low: number; high: number } | null): StrikeExposure[] {
  return window === null ? [...byStrike] : byStrike.filter((row) => row.strike >= window.low && row.strike <= window.high);
}

/** The flip level as the header says it: the level, or why there is none within the searched grid. */
export function describeFlip(flip: FlipLevel, spot: number): string {
  if (flip.level !== null) return `flip ${flip.level.toFixed(2)}`;
  if (flip.reason === 'no-contracts') return 'no flip: no contracts';
  const percent = Math.round(((flip.high - flip.low) / 2 / spot) * 100);
  return `no flip within ±${percent}%: ${flip.reason === 'positive-across-grid' ? 'positive' : 'negative'} across the grid`;
}

export const POSITIONING_TEXT: Record<GammaExposureUpdate['positioning'], string> = {
  dealersLongCallsShortPuts: 'dealers long calls, short puts',
  dealersShortCallsLongPuts: 'dealers short calls, long puts',
};
