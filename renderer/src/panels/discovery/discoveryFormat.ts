import type { DiscoveryChange, DiscoveryProvenance, DiscoveryRefusal } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';
import { formatNumber, formatSize } from '../../format/numbers';

/** "16.8%" from 0.168; "—" for null or not finite. */
export const formatFraction = (fraction: number | null | undefined, decimals = 1): string =>
  fraction === null || fraction === undefined || !Number.isFinite(fraction) ? '—' : `${formatNumber(fraction * 100, decimals)}%`;

/** A duration in ms, short: "850 ms", "4.2 s", "3.1 min". */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${formatNumber(ms / 1_000, 1)} s`;
  return `${formatNumber(ms / 60_000, 1)} min`;
}

/** A changed value as the trader reads it: integers with separators, fractions to three significant places. */
function formatChangeValue(value: number | string | null): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (Number.isInteger(value)) return formatSize(value);
  return Math.abs(value) >= 100 ? formatNumber(value, 0) : String(Number(value.toPrecision(3)));
}

/** "+72 (+16.8%)" between two numbers; null when either side is not a number or nothing moved. */
function formatDelta(before: number | string | null, after: number | string | null): string | null {
  if (typeof before !== 'number' || typeof after !== 'number') return null;
  const delta = after - before;
  if (delta === 0) return null;
  const sign = delta > 0 ? '+' : '−';
  const size = formatChangeValue(Math.abs(delta));
  if (before === 0) return `${sign}${size}`;
  return `${sign}${size} (${sign}${formatNumber(Math.abs(delta / before) * 100, 1)}%)`;
}

export interface ChangeLine {
  /** "SPY VPIN bucket", or the parameter alone for a value across symbols. */
  what: string;
  /** "428 → 500" */
  text: string;
  /** "+72 (+16.8%)" for numbers; null otherwise. */
  delta: string | null;
}

/** One line of "what changed since the previous run". */
export function describeChange(change: DiscoveryChange): ChangeLine {
  return {
    what: change.symbol ? `${change.symbol} ${change.parameter}` : change.parameter,
    text: `${formatChangeValue(change.before)} → ${formatChangeValue(change.after)}`,
    delta: formatDelta(change.before, change.after),
  };
}

/**
 * Why a method has no value of this run: "kept previous value from 10:15:07 — <reason>", or "no value yet —
 * <reason>" when there never was one.
 */
export function describeRefusal(refusal: DiscoveryRefusal, previous: DiscoveryProvenance | null): string {
  const kept = previous ? `kept previous value from ${formatMarketTime(previous.computedAt)}` : 'no value yet';
  return `${kept} — ${refusal.reason}`;
}

/** "window 08:15:00–10:15:00 · 12,345 trades · computed 10:15:01": where a value came from. */
export function describeProvenance(provenance: DiscoveryProvenance, unit: string): string {
  const { window, sampleSize, computedAt } = provenance;
  return `window ${formatMarketTime(window.from)}–${formatMarketTime(window.to)} · ${formatSize(sampleSize)} ${unit} · computed ${formatMarketTime(computedAt)}`;
}
