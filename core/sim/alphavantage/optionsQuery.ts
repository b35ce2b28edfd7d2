import { sessionDate } from '../market/expiries';
import type { OptionQuote } from '../market/marketFeed';
import { etDate, isValidDate, previousWeekday } from '../../market/newYorkTime';
import { invalidCall } from './avErrors';
import { fixed, integer } from './avFormat';
import { param, type Query } from './query';
import { servedDelta, servesNoGreeks } from './vendorGreekFlaws';

type Row = Record<string, string>;

function expiration(yyyymmdd: string): string {
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function toRow(o: OptionQuote, date: string, withGreeks: boolean): Row {
  const row: Row = {
    contractID: o.spec.occId, symbol: o.spec.underlying, expiration: expiration(o.spec.expiry), strike: fixed(o.spec.strike, 2),
    type: o.spec.right === 'C' ? 'call' : 'put', last: fixed(o.last, 2), mark: fixed(o.mark, 2),
    bid: fixed(o.bid, 2), bid_size: integer(o.bidSize), ask: fixed(o.ask, 2), ask_size: integer(o.askSize),
    volume: integer(o.volume), open_interest: integer(o.openInterest), date,
  };
  if (!withGreeks) return row;
  const id = o.spec.occId;
  if (servesNoGreeks({ occId: id, right: o.spec.right, strike: o.spec.strike, underlyingPrice: o.underlyingPrice, mark: o.mark })) return { ...row, implied_volatility: '0.00000', delta: '0.00000', gamma: '0.00000', theta: '0.00000', vega: '0.00000', rho: '0.00000' };
  return {
    ...row, implied_volatility: fixed(o.impliedVol, 5), delta: fixed(servedDelta(id, o.spec.right, o.delta), 5), gamma: fixed(o.gamma, 5),
    theta: fixed(o.theta, 5), vega: fixed(o.vega, 5), rho: fixed(o.rho, 5),
  };
}

function underlying(q: Query): string {
  const symbol = param(q, 'symbol')?.toUpperCase();
  if (!symbol) throw invalidCall(q.fn);
  return symbol;
}

/** REALTIME_OPTIONS: the live chain; greeks and IV only with require_greeks=true (imperfect for a few: vendorGreekFlaws); `contract=` picks one. */
export function realtimeOptions(q: Query): unknown {
  const symbol = underlying(q);
  const withGreeks = param(q, 'require_greeks')?.toLowerCase() === 'true';
  const contract = param(q, 'contract')?.toUpperCase();
  const chain = q.feed.symbol(symbol) ? q.feed.optionChain(symbol) : [];
  const picked = contract ? chain.filter((o) => o.spec.occId === contract) : chain;
  const date = etDate(q.feed.now());
  if (picked.length === 0) return { endpoint: 'Realtime Options', message: `No data for symbol ${symbol}`, data: [] };
  return { endpoint: 'Realtime Options', message: 'success', data: picked.map((o) => toRow(o, date, withGreeks)) };
}

/** HISTORICAL_OPTIONS: the chain at a session's close (default: the previous session), always with greeks. */
export function historicalOptions(q: Query): unknown {
  const symbol = underlying(q);
  const requested = param(q, 'date');
  if (requested !== undefined && !isValidDate(requested)) throw invalidCall(q.fn);
  const date = requested ?? previousWeekday(sessionDate(q.feed.now()));
  const known = q.feed.symbol(symbol) !== undefined;
  const chain = known && q.feed.historicalOptionChain ? q.feed.historicalOptionChain(symbol, date) : [];
  if (chain.length === 0) return { endpoint: 'Historical Options', message: `No data for symbol ${symbol} on ${date}`, data: [] };
  return { endpoint: 'Historical Options', message: 'success', data: chain.map((o) => toRow(o, date, true)) };
}
