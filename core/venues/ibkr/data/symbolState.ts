import { bookImbalance, sizeImbalance } from '../../../analytics/imbalance';
import type { SweepBookRow } from '../../../analytics/sweeps';
import type { Bar } from '../../../market/bar';
import { booksByExchange, type Book } from '../../../market/book';
import { emptyQuote, quoteSpread, type Quote } from '../../../market/quote';
import type { Aggressor, Trade } from '../../../market/trade';
import { bookJson } from '../../../store/bookJson';
import { crossedOrLocked, DepthBook, type DepthUpdate } from './depthBook';
import { Ring } from '../../../market/ring';
import { SweepTracker, type SweepEvent } from '../../../analytics/sweepTracker';
import { UnusualVolumeTracker, type UnusualVolumeEvent } from '../../../analytics/unusualVolumeTracker';

export type DataKind = 'quotes' | 'trades' | 'depth' | 'bars';

export const DEPTH_ROWS = 40;
const RECENT_TRADES = 200;
const RECENT_BARS = 100;

/** Everything the ingestion knows about one symbol, updated in place as messages arrive. */
export class SymbolState {
  readonly quote: Quote;
  readonly book: DepthBook | null;
  readonly trades = new Ring<Trade>(RECENT_TRADES);
  readonly bars = new Ring<Bar>(RECENT_BARS);
  readonly sweeps: SweepTracker | null;
  readonly unusual: UnusualVolumeTracker;
  readonly lastUpdate: Record<DataKind, number> = { quotes: 0, trades: 0, depth: 0, bars: 0 };
  lastTrade: Trade | null = null;
  lastUnusual: UnusualVolumeEvent | null = null;
  crossedCount = 0;
  lockedCount = 0;
  private wasCrossedOrLocked = false;

  constructor(
    readonly symbol: string,
    readonly level2: boolean,
  ) {
    this.quote = emptyQuote(symbol);
    this.book = level2 ? new DepthBook(DEPTH_ROWS) : null;
    this.sweeps = level2 ? new SweepTracker(symbol) : null;
    this.unusual = new UnusualVolumeTracker(symbol);
  }

  touch(kind: DataKind, now: number): void {
    this.lastUpdate[kind] = now;
  }

  /** Applies a trade print; returns a sweep when this print closed a burst that was one. */
  addTrade(trade: Trade): SweepEvent | null {
    this.trades.push(trade);
    this.lastTrade = trade;
    this.lastUpdate.trades = trade.receivedAt;
    return this.sweeps ? this.sweeps.onTrade(trade, (d) => this.sideHitBy(d)) : null;
  }

  addBar(bar: Bar, now: number): UnusualVolumeEvent | null {
    this.bars.push(bar);
    this.lastUpdate.bars = now;
    const reading = this.unusual.onBar(bar, bar.time);
    if (reading) this.lastUnusual = reading;
    return reading;
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

  spread(): number | null {
    return quoteSpread(this.quote);
  }

  imbalance(): number | null {
    if (this.book && this.book.size > 0) return bookImbalance(this.book.bids, this.book.asks);
    return sizeImbalance(this.quote.bidSize ?? 0, this.quote.askSize ?? 0);
  }

  /** The book as shown on the cockpit stream. */
  bookSnapshot(): Book | null {
    if (!this.book) return null;
    const consolidated = this.book.snapshot();
    const flags = crossedOrLocked(consolidated);
    return { symbol: this.symbol, ts: this.book.updatedAt, consolidated, exchanges: booksByExchange(consolidated), ...flags };
  }

  /** The book as written to Redis (JSON of bookSnapshot()); counts crossed/locked episodes. */
  bookText(): string | null {
    if (!this.book) return null;
    const flags = crossedOrLocked(this.book);
    this.countCrossing(flags);
    return bookJson(this.symbol, this.book, flags);
  }

  private sideHitBy(direction: 'buy' | 'sell'): readonly SweepBookRow[] {
    if (!this.book) return [];
    return direction === 'buy' ? this.book.asks.slice() : this.book.bids.slice();
  }

  /** Counted when a written book becomes crossed or locked (mid-update states between two sides never count). */
  private countCrossing({ crossed, locked }: { crossed: boolean; locked: boolean }): void {
    const flagged = crossed || locked;
    if (flagged && !this.wasCrossedOrLocked) {
      if (crossed) this.crossedCount++;
      else this.lockedCount++;
    }
    this.wasCrossedOrLocked = flagged;
  }
}
