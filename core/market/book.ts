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
