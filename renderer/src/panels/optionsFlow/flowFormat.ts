import { formatNumber } from '../../format/numbers';

const dollarFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
/** Dollars, compact: $1.2M, $350K, −$40K. */
export const formatDollars = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : `${value < 0 ? '−' : ''}$${dollarFormat.format(Math.abs(value))}`;
/** A decimal IV as a percentage: 0.2134 → "21.3%". */
export const formatIv = (iv: number | null | undefined): string => (iv === null || iv === undefined ? '—' : `${formatNumber(iv * 100, 1)}%`);
/** A risk reversal in vol points with its sign: −0.031 → "−3.1". */
export const formatVolPoints = (value: number | null | undefined): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const points = value * 100;
  return `${points < 0 ? '−' : points > 0 ? '+' : ''}${formatNumber(Math.abs(points), 1)}`;
};
export const formatRatio = (value: number | null | undefined): string => formatNumber(value, 2);
/** "SPY 2026-12-18 590 C" */
export const contractLabel = (c: { expiry: string; strike: number; type: 'call' | 'put' }): string => `${c.expiry} ${c.strike} ${c.type === 'call' ? 'C' : 'P'}`;
