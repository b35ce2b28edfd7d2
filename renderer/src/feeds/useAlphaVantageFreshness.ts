import type { AlphaVantageStatus } from '../../../core/contract/contract';
import { formatAge } from '../format/age';
import { useFeed } from './useFeed';

export type AlphaVantageFreshness = AlphaVantageStatus['freshness'][number];
export type AlphaVantageDataType = AlphaVantageFreshness['dataType'];

/** Alpha Vantage's own freshness verdict for one symbol's data types, as a stale reason (or null). */
export function useAlphaVantageStaleReason(symbol: string, dataTypes: readonly AlphaVantageDataType[]): string | null {
  const status = useFeed('alphaVantage', {}).event?.value;
  if (!status) return null;
  const stale = status.freshness.filter((entry) => entry.symbol === symbol && dataTypes.includes(entry.dataType) && entry.stale);
  if (stale.length === 0) return null;
  return stale.map((entry) => `${entry.dataType} ${entry.ageMs === null ? 'never fetched' : `${formatAge(entry.ageMs)} old`}`).join(', ');
}
