import type { DataType } from './callClasses';
import { INDICATOR_SPECS } from './technicalIndicators';

export interface AvRequest {
  /** Names the call in errors and monitoring: "REALTIME_OPTIONS SPY". */
  label: string;
  /** AV's function name. */
  fn: string;
  params: Record<string, string>;
}

export interface RequestOptions {
  /** Technicals bar interval: 1min|5min|15min|30min|60min|daily|weekly|monthly. */
  technicalsInterval: string;
  /** Articles asked for per NEWS_SENTIMENT call (AV's maximum is 1000). */
  articlesLimit: number;
}

/** The query for one data type of one symbol (without the apikey, which the client adds). */
export function requestFor(dataType: DataType, symbol: string, options: RequestOptions): AvRequest {
  const make = (fn: string, params: Record<string, string>): AvRequest => ({ label: `${fn} ${symbol}`, fn, params: { function: fn, ...params } });
  switch (dataType) {
    case 'options':
      return make('REALTIME_OPTIONS', { symbol, require_greeks: 'true' });
    case 'sentiment':
      return make('NEWS_SENTIMENT', { tickers: symbol, sort: 'LATEST', limit: String(options.articlesLimit) });
    default: {
      const spec = INDICATOR_SPECS[dataType];
      return make(spec.fn, { symbol, interval: options.technicalsInterval, ...spec.params });
    }
  }
}
