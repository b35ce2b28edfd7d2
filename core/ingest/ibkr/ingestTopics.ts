import type { Bar } from '../../market/bar';
import type { Book } from '../../market/book';
import type { Quote } from '../../market/quote';
import type { Trade } from '../../market/trade';
import { Topic } from '../../host/topic';
import type { IngestionState } from './ingestionState';
import type { SweepEvent } from './sweepTracker';
import type { SymbolState } from './symbolState';

/** Cockpit streams are coalesced to at most one value per this interval. */
export const COCKPIT_INTERVAL_MS = 50;
const PRINTS_SHOWN = 50;
const BARS_SHOWN = 100;

export interface SymbolTopics {
  quote: Topic<Quote>;
  book: Topic<Book> | null;
  /** The newest prints, oldest first. */
  prints: Topic<Trade[]>;
  /** The newest five-second bars, oldest first. */
  bars: Topic<Bar[]>;
}

interface Dirty {
  quote: boolean;
  book: boolean;
  prints: boolean;
  bars: boolean;
}

/**
 * The ingestion's live streams for the cockpit. The hot path only sets dirty flags; snapshots are built at
 * most every 50 ms, and the topics coalesce again for slow subscribers.
 */
export class IngestTopics {
  private readonly bySymbol = new Map<string, { topics: SymbolTopics; dirty: Dirty }>();
  /** Not coalesced: every sweep is an event the trader must see (two within 50 ms are both sent). */
  readonly sweeps = new Topic<SweepEvent>(0);
  readonly state = new Topic<IngestionState>(COCKPIT_INTERVAL_MS);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly lookup: (symbol: string) => SymbolState | undefined, symbols: ReadonlyArray<{ symbol: string; dataClass: string }>) {
    for (const { symbol, dataClass } of symbols) {
      const topics: SymbolTopics = {
        quote: new Topic(COCKPIT_INTERVAL_MS),
        book: dataClass === 'level2' ? new Topic(COCKPIT_INTERVAL_MS) : null,
        prints: new Topic(COCKPIT_INTERVAL_MS),
        bars: new Topic(COCKPIT_INTERVAL_MS),
      };
      this.bySymbol.set(symbol, { topics, dirty: { quote: false, book: false, prints: false, bars: false } });
    }
  }

  topics(symbol: string): SymbolTopics | undefined {
    return this.bySymbol.get(symbol)?.topics;
  }

  start(): void {
    this.timer = setInterval(() => this.publish(), COCKPIT_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    for (const { topics } of this.bySymbol.values()) {
      topics.quote.close();
      topics.book?.close();
      topics.prints.close();
      topics.bars.close();
    }
    this.sweeps.close();
    this.state.close();
  }

  markQuote(symbol: string): void {
    const entry = this.bySymbol.get(symbol);
    if (entry) entry.dirty.quote = true;
  }

  markBook(symbol: string): void {
    const entry = this.bySymbol.get(symbol);
    if (entry) entry.dirty.book = true;
  }

  markPrints(symbol: string): void {
    const entry = this.bySymbol.get(symbol);
    if (entry) entry.dirty.prints = true;
  }

  markBars(symbol: string): void {
    const entry = this.bySymbol.get(symbol);
    if (entry) entry.dirty.bars = true;
  }

  publishSweep(sweep: SweepEvent): void {
    this.sweeps.publish(sweep, sweep.detectedAt);
  }

  private publish(): void {
    const now = Date.now();
    for (const [symbol, { topics, dirty }] of this.bySymbol) {
      const state = this.lookup(symbol);
      if (!state) continue;
      if (dirty.quote) topics.quote.publish({ ...state.quote }, now);
      if (dirty.book && topics.book) {
        const book = state.bookSnapshot();
        if (book) topics.book.publish(book, now);
      }
      if (dirty.prints) topics.prints.publish(state.trades.newest(PRINTS_SHOWN), now);
      if (dirty.bars) topics.bars.publish(state.bars.newest(BARS_SHOWN), now);
      dirty.quote = dirty.book = dirty.prints = dirty.bars = false;
    }
  }
}
