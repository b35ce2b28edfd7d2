/**
 * The engine's market events in the simulator's recorded-session format (core/sim/replay), so a live session can be
 * replayed through the whole engine later. What the live feed does not carry is filled in plainly and documented:
 * RTVolume prints have no exchange ('SMART') and no cause (kind 'noise'); an unknown aggressor is judged by the
 * quote rule against the last quote (above the mid a buy, else a sell).
 */
import type { DepthView } from '../market/book';
import type { Bar } from '../market/bar';
import type { OptionContractQuote } from '../market/optionChain';
import type { Quote } from '../market/quote';
import type { Trade } from '../market/trade';
import type { OptionQuote, SimBar, SimDepthBook, SimQuote, TradePrint } from '../sim/market/marketFeed';

/** A quote the replay can serve: both sides present. Null for a quote without a bid or an ask. */
export function recordedQuote(q: Quote): SimQuote | null {
  if (q.bid === null || q.ask === null) return null;
  return {
    symbol: q.symbol, bid: q.bid, bidSize: q.bidSize ?? 0, ask: q.ask, askSize: q.askSize ?? 0,
    last: q.last ?? (q.bid + q.ask) / 2, lastSize: q.lastSize ?? 0, volume: q.volume ?? 0, halted: q.halted, ts: q.ts,
  };
}

export function recordedTrade(t: Trade, lastQuote: Quote | undefined): TradePrint {
  const mid = lastQuote && lastQuote.bid !== null && lastQuote.ask !== null ? (lastQuote.bid + lastQuote.ask) / 2 : null;
  const aggressor = t.aggressor !== 'unknown' ? t.aggressor : mid !== null && t.price < mid ? 'sell' : 'buy';
  return { symbol: t.symbol, price: t.price, size: t.size, exchange: 'SMART', aggressor, kind: 'noise', totalVolume: t.totalVolume, vwap: t.vwap, ts: t.ts };
}

export function recordedDepth(symbol: string, book: DepthView): SimDepthBook {
  const { bids, asks } = book.snapshot();
  return { symbol, bids, asks, ts: book.updatedAt };
}

/** TWS sends real-time bars with their start in seconds; the engine keeps milliseconds. */
export function recordedBar(b: Bar): SimBar {
  return { symbol: b.symbol, time: Math.floor(b.time / 1000), open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, wap: b.wap, count: b.count };
}

/**
 * A chain contract as the replay's gateway serves it. A chain from Alpha Vantage has no IB contract id: a stable one is
 * derived from the OCC-style contract id (FNV-1a, in the positive 31-bit range), so the same contract keeps its id.
 */
export function recordedOption(underlying: string, c: OptionContractQuote, underlyingPrice: number, ts: number): OptionQuote {
  return {
    spec: { conId: stableConId(c.contractId), underlying, expiry: c.expiry.replaceAll('-', ''), strike: c.strike, right: c.type === 'call' ? 'C' : 'P', tradingClass: underlying, multiplier: 100, occId: c.contractId },
    bid: c.bid, bidSize: c.bidSize, ask: c.ask, askSize: c.askSize, last: c.last, mark: c.mark, volume: c.volume, openInterest: c.openInterest,
    impliedVol: c.iv, delta: c.delta, gamma: c.gamma, theta: c.theta, vega: c.vega, rho: c.rho, underlyingPrice, ts,
  };
}

export function stableConId(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return ((hash >>> 1) % 2_000_000_000) + 100_000_000;
}
