import type { MarketFeed } from '../../market/marketFeed';
import type { Instrument } from '../contracts/catalog';
import type { WorkingOrder } from './workingOrder';
import { remainingOf } from './workingOrder';

export interface FillPiece {
  price: number;
  size: number;
  exchange: string;
}

/** Takes liquidity for what is left of the order: the stock book via the market's fill(), options at the quote. */
export function takeLiquidity(feed: MarketFeed, o: WorkingOrder): FillPiece[] {
  const qty = remainingOf(o);
  if (qty <= 0) return [];
  const side = o.ticket.action === 'BUY' ? 'buy' : 'sell';
  const limit = effectiveType(o) === 'LMT' ? o.ticket.lmtPrice : undefined;
  if (o.instrument.kind === 'stock') return feed.fill(o.instrument.spec.symbol, side, qty, limit);
  return optionFill(feed, o.instrument, side, qty, limit);
}

function optionFill(feed: MarketFeed, i: Instrument, side: 'buy' | 'sell', qty: number, limit: number | undefined): FillPiece[] {
  const q = feed.option(i.spec.conId);
  if (!q) return [];
  const price = side === 'buy' ? q.ask : q.bid;
  if (!(price > 0)) return [];
  if (limit !== undefined && (side === 'buy' ? price > limit : price < limit)) return [];
  const available = Math.max(1, side === 'buy' ? q.askSize : q.bidSize);
  return [{ price, size: Math.min(qty, available), exchange: 'CBOE' }];
}

/** After a stop triggers, STP trades as MKT and STP LMT as LMT. */
export function effectiveType(o: WorkingOrder): 'MKT' | 'LMT' {
  const t = o.ticket.orderType;
  return t === 'LMT' || t === 'STP LMT' ? 'LMT' : 'MKT';
}

/** A buy stop triggers at or above its stop price, a sell stop at or below (on the last trade or the quote). */
export function stopTriggered(feed: MarketFeed, o: WorkingOrder): boolean {
  const stop = o.ticket.auxPrice;
  if (stop === undefined) return true;
  const ref = referencePrices(feed, o.instrument);
  if (!ref) return false;
  return o.ticket.action === 'BUY' ? Math.max(ref.last, ref.ask) >= stop : Math.min(ref.last || Infinity, ref.bid) <= stop;
}

function referencePrices(feed: MarketFeed, i: Instrument): { bid: number; ask: number; last: number } | undefined {
  if (i.kind === 'option') {
    const q = feed.option(i.spec.conId);
    return q && { bid: q.bid, ask: q.ask, last: q.last };
  }
  const q = feed.quote(i.spec.symbol);
  return q && { bid: q.bid, ask: q.ask, last: q.last };
}
