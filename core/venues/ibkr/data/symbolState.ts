import type { BookChange } from '../../../bus/catalogue';
import type { DataKind } from '../../../contract/ingestionState';
import { emptyQuote, type Quote } from '../../../market/quote';
import type { Aggressor } from '../../../market/trade';
import { DepthBook, type DepthUpdate } from './depthBook';

export type { DataKind };

export const DEPTH_ROWS = 40;

/** What the venue knows about one symbol, updated in place as messages arrive and published live on the bus. */
export class SymbolState {
  readonly quote: Quote;
  readonly book: DepthBook | null;
  /** The bookChanged / bookCleared payload: one object per symbol, published again on every change. */
  readonly bookChange: BookChange | null;
  readonly lastUpdate: Record<DataKind, number> = { quotes: 0, trades: 0, depth: 0, bars: 0 };

  constructor(
    readonly symbol: string,
    readonly level2: boolean,
  ) {
    this.quote = emptyQuote(symbol);
    this.book = level2 ? new DepthBook(DEPTH_ROWS) : null;
    this.bookChange = this.book ? { symbol, book: this.book } : null;
  }

  touch(kind: DataKind, now: number): void {
    this.lastUpdate[kind] = now;
  }

  applyDepth(update: DepthUpdate, now: number): string | null {
    if (!this.book) return `depth for ${this.symbol}, which is not a Level 2 symbol`;
    const problem = this.book.apply(update, now);
    if (problem === null) this.lastUpdate.depth = now;
    return problem;
  }

  /** Which side a print at this price took liquidity from: at or through the ask is a buy, at or through the bid a sell. */
  aggressorOf(price: number): Aggressor {
    const bid = this.book?.bids[0]?.price ?? this.quote.bid;
    const ask = this.book?.asks[0]?.price ?? this.quote.ask;
    if (ask !== null && ask !== undefined && price >= ask) return 'buy';
    if (bid !== null && bid !== undefined && price <= bid) return 'sell';
    return 'unknown';
  }
}
