import type { Bar } from '../../market/bar';
import type { Book } from '../../market/book';
import type { Quote } from '../../market/quote';
import type { Trade } from '../../market/trade';
import { Topic } from '../../runtime/topic';
import type { IngestionState } from '../../contract/ingestionState';
import type { SweepEvent } from '../../analytics/sweepTracker';
import type { SymbolState } from '../../venues/ibkr/data/symbolState';

/** Cockpit streams are coalesced to at most one value per this interval (the slowest a changed value waits). */
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
 * The ingestion's live streams for the cockpit, coalesced in one stage: the hot path only sets dirty flags, and the
 * first change after a quiet spell schedules one publish of every changed stream at the earliest moment that keeps
 * them COCKPIT_INTERVAL_MS apart (at once when the last publish is that old). So a value waits at most 50 ms, a quiet
 * market's tick goes out at once, and everything that changed leaves together, in one message to each page
 * (the outbox flushes what one turn published). The topics themselves do not coalesce again.
 */
export class IngestTopics {
  private readonly bySymbol = new Map<string, { topics: SymbolTopics; dirty: Dirty }>();
  /** Not coalesced: every sweep is an event the trader must see (two within 50 ms are both sent). */
  readonly sweeps = new Topic<SweepEvent>(0);
  readonly state = new Topic<IngestionState>(COCKPIT_INTERVAL_MS);
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private lastPublish = 0;

  constructor(private readonly lookup: (symbol: string) => SymbolState | undefined, symbols: ReadonlyArray<{ symbol: string; dataClass: string }>) {
    for (const { symbol, dataClass } of symbols) {
      const topics: SymbolTopics = {
        quote: new Topic(),
        book: dataClass === 'level2' ? new Topic() : null,
        prints: new Topic(),
        bars: new Topic(),
      };
      this.bySymbol.set(symbol, { topics, dirty: { quote: false, book: false, prints: false, bars: false } });
    }
  }

  topics(symbol: string): SymbolTopics | undefined {
    return this.bySymbol.get(symbol)?.topics;
  }

  start(): void {
    this.running = true;
    this.schedule();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
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
    if (!entry) return;
    entry.dirty.quote = true;
    this.schedule();
  }

  markBook(symbol: string): void {
    const entry = this.bySymbol.get(symbol);
    if (!entry) return;
    entry.dirty.book = true;
    this.schedule();
  }

  markPrints(symbol: string): void {
    const entry = this.bySymbol.get(symbol);
    if (!entry) return;
    entry.dirty.prints = true;
    this.schedule();
  }

  markBars(symbol: string): void {
    const entry = this.bySymbol.get(symbol);
    if (!entry) return;
    entry.dirty.bars = true;
    this.schedule();
  }

  publishSweep(sweep: SweepEvent): void {
    this.sweeps.publish(sweep, sweep.detectedAt);
  }

  private schedule(): void {
    if (this.timer || !this.running) return;
    const wait = Math.max(0, this.lastPublish + COCKPIT_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publish();
    }, wait);
    this.timer.unref();
  }

  private publish(): void {
    const now = Date.now();
    this.lastPublish = now;
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
