/** One row of a depth book: an exchange's (or market maker's) quote at one price. */
export interface BookLevel {
  price: number;
  size: number;
  /** Exchange code (ARCA, NSDQ, …): the market maker field of SMART depth. */
  exchange: string;
  /** Market-participant id; equals the exchange for SMART depth. */
  marketMaker: string;
}

export interface BookSides {
  /** Best price first. */
  bids: BookLevel[];
  asks: BookLevel[];
}

/**
 * A Level 2 book as its venue keeps it, updated in place as depth arrives. Read it, never write it; what must stay
 * as it is now is copied (snapshot()).
 */
export interface DepthView {
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  /** When the venue last applied an update. */
  readonly updatedAt: number;
  /** Rows on both sides together. */
  readonly size: number;
  /** Each row's JSON text, best first; cached, so a row is serialised once however often the book is written. */
  rowsJson(side: 'bids' | 'asks'): readonly string[];
  /** Copies of both sides (shallow: rows are never mutated). */
  snapshot(): BookSides;
}

/** A symbol's depth: the consolidated book as the venue sends it, and one book per exchange derived from it. */
export interface Book {
  symbol: string;
  /** When the engine last applied an update. */
  ts: number;
  consolidated: BookSides;
  exchanges: Record<string, BookSides>;
  /** Best bid above best ask (crossed) or equal to it (locked): a data-quality flag, not an error. */
  crossed: boolean;
  locked: boolean;
}

/** Splits consolidated rows into one book per exchange, keeping price order. */
export function booksByExchange(sides: BookSides): Record<string, BookSides> {
  const out: Record<string, BookSides> = {};
  const add = (side: 'bids' | 'asks', level: BookLevel) => {
    const book = (out[level.exchange] ??= { bids: [], asks: [] });
    book[side].push(level);
  };
  for (const level of sides.bids) add('bids', level);
  for (const level of sides.asks) add('asks', level);
  return out;
}

/** Best bid above best ask, or equal to it. */
export function crossedOrLocked(sides: { bids: readonly BookLevel[]; asks: readonly BookLevel[] }): { crossed: boolean; locked: boolean } {
  const bid = sides.bids[0]?.price;
  const ask = sides.asks[0]?.price;
  if (bid === undefined || ask === undefined) return { crossed: false, locked: false };
  return { crossed: bid > ask, locked: bid === ask };
}
