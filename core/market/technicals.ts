/** Technical indicators for one symbol, as Alpha Vantage computes them (times epoch ms UTC). */

export type Indicator = 'rsi' | 'macd' | 'bbands' | 'atr';
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
}

/** The four indicators of one symbol together. */
export type TechnicalsBySymbol = Partial<Record<Indicator, TechnicalSnapshot>>;
