/** Technical indicators for one symbol, as Alpha Vantage computes them (times epoch ms UTC). */

export type Indicator = 'rsi' | 'macd' | 'bbands' | 'atr';

/**
 * How current data is, judged from the data itself: `current`; `delayed` (the 15-minute delayed entitlement);
 * `behind` (an intraday series whose newest point is older than its interval and the delay allow: end-of-day data);
 * `previous_session` (option chains from HISTORICAL_OPTIONS because the plan lacks realtime options).
 */
export type Timeliness = 'current' | 'delayed' | 'behind' | 'previous_session';
export const INDICATORS: readonly Indicator[] = ['rsi', 'macd', 'bbands', 'atr'];

export interface TechnicalPoint {
  /** As AV wrote it, US/Eastern ("2025-01-03 16:00"). */
  time: string;
  ts: number;
  values: Record<string, number>;
}

/** `technicals:{symbol}:{indicator}` */
export interface TechnicalSnapshot {
  symbol: string;
  indicator: Indicator;
  interval: string;
  asOf: number;
  lastRefreshed: string | null;
  /** Newest first. */
  series: TechnicalPoint[];
  latest: TechnicalPoint;
  interpretation: { signal: string; text: string };
  /** The newest point's time (`Last Refreshed`, else the newest point), epoch ms: what the series is as of. */
  dataAsOf?: number;
  /** Judged from dataAsOf when fetched (seriesTimeliness.ts). */
  timeliness?: Timeliness;
}

/** The four indicators of one symbol together. */
export type TechnicalsBySymbol = Partial<Record<Indicator, TechnicalSnapshot>>;
