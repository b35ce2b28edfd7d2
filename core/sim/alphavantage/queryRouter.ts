import { missingFunction, QueryError, unknownFunction } from './avErrors';
import { atrQuery, bbandsQuery, macdQuery, rsiQuery, vwapQuery } from './indicatorQuery';
import { newsSentiment } from './newsQuery';
import { historicalOptions, realtimeOptions } from './optionsQuery';
import type { MarketFeed } from '../market/marketFeed';
import { planRules, type PlanRules } from './avPlan';
import type { Query, QueryHandler } from './query';
import { globalQuote, timeSeriesIntraday } from './quoteQuery';

export const FUNCTIONS: Record<string, QueryHandler> = {
  REALTIME_OPTIONS: realtimeOptions,
  HISTORICAL_OPTIONS: historicalOptions,
  NEWS_SENTIMENT: newsSentiment,
  RSI: rsiQuery,
  MACD: macdQuery,
  BBANDS: bbandsQuery,
  ATR: atrQuery,
  VWAP: vwapQuery,
  GLOBAL_QUOTE: globalQuote,
  TIME_SERIES_INTRADAY: timeSeriesIntraday,
};

/**
 * Functions a key without a premium plan is refused with the premium notice (an `Information` answer).
 * REALTIME_OPTIONS is premium too, but answers differently (see notEntitledOptions.ts) and needs 600 calls/min.
 */
export const PREMIUM_FUNCTIONS = new Set(['MACD', 'VWAP']);

/** Runs the handler for the query's function; a refused query becomes Alpha Vantage's `Error Message` body. */
export function answer(q: Query): unknown {
  try {
    if (!q.fn) throw missingFunction();
    const handler = FUNCTIONS[q.fn];
    if (!handler) throw unknownFunction(q.fn);
    return handler(q);
  } catch (err) {
    if (err instanceof QueryError) return { 'Error Message': err.message };
    throw err;
  }
}

/**
 * What the endpoint would answer `params` (a request's query string) with on a plan that allows every function, in
 * process and without the call budgets: the replay command asks the seeded market for technicals and news this way.
 */
export function answerParams(feed: MarketFeed, seed: number, params: Record<string, string>, plan: PlanRules = planRules('premium600')): unknown {
  const search = new URLSearchParams(params);
  return answer({ fn: (search.get('function') ?? '').trim().toUpperCase(), params: search, feed, seed, plan });
}
