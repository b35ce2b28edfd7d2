import type { AlphaVantageStatus } from '../../../core/contract/contract';
import { formatAge } from '../format/age';
import { formatMarketDate, formatMarketTime } from '../format/marketTime';
import { useFeed } from './useFeed';

export type AlphaVantageFreshness = AlphaVantageStatus['freshness'][number];
export type AlphaVantageDataType = AlphaVantageFreshness['dataType'];
export type AlphaVantagePlan = AlphaVantageStatus['plan'];

/** "Mon, Jan 06 09:25": a data point's as-of time in New York. */
export const formatAsOf = (epochMs: number): string => `${formatMarketDate(epochMs)} ${formatMarketTime(epochMs).slice(0, 5)}`;

/**
 * Alpha Vantage's own freshness verdict for one symbol's data types, as a stale reason (or null): data not refreshed
 * within its allowance, and intraday series whose newest point stops at an earlier session (end-of-day data).
 */
export function useAlphaVantageStaleReason(symbol: string, dataTypes: readonly AlphaVantageDataType[]): string | null {
  const status = useFeed('alphaVantage', {}).event?.value;
  if (!status) return null;
  const mine = status.freshness.filter((entry) => entry.symbol === symbol && dataTypes.includes(entry.dataType));
  const reasons = mine.flatMap((entry) => {
    if (entry.stale) return [`${entry.dataType} ${entry.ageMs === null ? 'never fetched' : `${formatAge(entry.ageMs)} old`}`];
    if (entry.timeliness === 'behind') return [`${entry.dataType} end-of-day, as of ${entry.dataAsOf === null ? '?' : formatAsOf(entry.dataAsOf)}`];
    return [];
  });
  return reasons.length === 0 ? null : reasons.join(', ');
}

/** What the Alpha Vantage plan lacks and when calls resume, as the engine reports it (null before its first report). */
export function useAlphaVantagePlan(): AlphaVantagePlan | null {
  return useFeed('alphaVantage', {}).event?.value.plan ?? null;
}
