import type { Bar } from './bar';
import type { BookLevel } from './book';
import type { Trade } from './trade';

/** A trade as the discovery history keeps it. */
export type HistoryTrade = Pick<Trade, 'price' | 'size' | 'ts' | 'aggressor'>;

/** The consolidated Level 2 book at one moment, best first, each row with its exchange and market maker. */
export interface BookSnapshot {
  ts: number;
  bids: BookLevel[];
  asks: BookLevel[];
}

/** What the discovery history holds for one symbol over a window, oldest first. */
export interface SymbolHistory {
  symbol: string;
  from: number;
  to: number;
  trades: HistoryTrade[];
  bars: Bar[];
  /** Empty for a standard (top-of-book) symbol. */
  books: BookSnapshot[];
  /** Stored entries in the window that could not be read (left out of the lists above); absent means none. */
  skipped?: number;
}
