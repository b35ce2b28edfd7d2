import type { BookView as Book, Quote } from '../../../../core/contract/contract';

export type BookLevel = Book['consolidated']['bids'][number];

export interface PriceLevel {
  price: number;
  size: number;
}

export interface LadderSides {
  /** Best first. */
  asks: PriceLevel[];
  bids: PriceLevel[];
}

/** Sums the consolidated rows at each price (one row per exchange or market maker) into one level. */
export function aggregateByPrice(rows: readonly BookLevel[], depth: number): PriceLevel[] {
  const levels: PriceLevel[] = [];
  for (const row of rows) {
    const last = levels[levels.length - 1];
    if (last && last.price === row.price) last.size += row.size;
    else if (levels.length < depth) levels.push({ price: row.price, size: row.size });
    else break;
  }
  return levels;
}

export function bookLevels(book: Book, depth: number): LadderSides {
  return { asks: aggregateByPrice(book.consolidated.asks, depth), bids: aggregateByPrice(book.consolidated.bids, depth) };
}

/** Standard (non Level 2) symbols: the quote's top of book as a one-level ladder. */
export function topOfBookLevels(quote: Quote): LadderSides {
  return {
    asks: quote.ask !== null ? [{ price: quote.ask, size: quote.askSize ?? 0 }] : [],
    bids: quote.bid !== null ? [{ price: quote.bid, size: quote.bidSize ?? 0 }] : [],
  };
}

/** (bid − ask) / (bid + ask) over the shown levels: +1 all bids, −1 all asks, null when empty. */
export function imbalance(sides: LadderSides): number | null {
  const bid = sides.bids.reduce((sum, level) => sum + level.size, 0);
  const ask = sides.asks.reduce((sum, level) => sum + level.size, 0);
  return bid + ask > 0 ? (bid - ask) / (bid + ask) : null;
}

export function spread(sides: LadderSides): number | null {
  const ask = sides.asks[0];
  const bid = sides.bids[0];
  return ask && bid ? ask.price - bid.price : null;
}

/** Per-exchange view: every consolidated row, asks then bids, each tagged with its side. */
export function exchangeRows(book: Book, depth: number): { asks: BookLevel[]; bids: BookLevel[] } {
  return { asks: book.consolidated.asks.slice(0, depth), bids: book.consolidated.bids.slice(0, depth) };
}
