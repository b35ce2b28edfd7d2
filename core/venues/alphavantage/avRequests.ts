import type { DataType } from './callClasses';
import type { ChainFunction } from './optionsEntitlement';
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
  /**
   * Sent as `entitlement=` on intraday indicators: without it Alpha Vantage serves US intraday data end-of-day, so a
   * series would silently stop at the previous session. `delayed` for plans that only include 15-minute delayed data.
   */
  entitlement: 'realtime' | 'delayed';
}

export const isIntradayInterval = (interval: string): boolean => /^\d+min$/.test(interval);

function make(symbol: string, fn: string, params: Record<string, string>): AvRequest {
  return { label: `${fn} ${symbol}`, fn, params: { function: fn, ...params } };
}

/** The query for one data type of one symbol (without the apikey, which the client adds). */
export function requestFor(dataType: DataType, symbol: string, options: RequestOptions): AvRequest {
  switch (dataType) {
    case 'options':
      return chainRequest('REALTIME_OPTIONS', symbol);
    case 'sentiment':
      return make(symbol, 'NEWS_SENTIMENT', { tickers: symbol, sort: 'LATEST', limit: String(options.articlesLimit) });
    default: {
      const spec = INDICATOR_SPECS[dataType];
      const interval = options.technicalsInterval;
      return make(symbol, spec.fn, { symbol, interval, ...spec.params, ...(isIntradayInterval(interval) ? { entitlement: options.entitlement } : {}) });
    }
  }
}

/** A chain: realtime with greeks, or the previous session's (HISTORICAL_OPTIONS always carries greeks). */
export function chainRequest(fn: ChainFunction, symbol: string): AvRequest {
  return make(symbol, fn, fn === 'REALTIME_OPTIONS' ? { symbol, require_greeks: 'true' } : { symbol });
}
