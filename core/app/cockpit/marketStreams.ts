import type { BookChange, EngineBus, IngestionReport } from '../../bus/catalogue';
import type { IngestionState } from '../../contract/ingestionState';
import type { Bar } from '../../market/bar';
import { booksByExchange, crossedOrLocked, type Book, type DepthView } from '../../market/book';
import type { Quote } from '../../market/quote';
import { Ring } from '../../market/ring';
import type { SweepEvent } from '../../market/sweep';
import type { Trade } from '../../market/trade';
import { Topic } from '../../runtime/topic';

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

/** One symbol: its topics, what changed since the last publish, and what the cockpit shows of it. */
class SymbolStreams {
  readonly topics: SymbolTopics;
  /** Live views handed over by quoteChanged / bookChanged. */
  quote: Quote | null = null;
  book: DepthView | null = null;
  readonly prints = new Ring<Trade>(PRINTS_SHOWN);
  readonly bars = new Ring<Bar>(BARS_SHOWN);
  quoteDirty = false;
  bookDirty = false;
  printsDirty = false;
  barsDirty = false;

  constructor(
    readonly symbol: string,
    level2: boolean,
  ) {
    this.topics = { quote: new Topic(), book: level2 ? new Topic() : null, prints: new Topic(), bars: new Topic() };
  }

  get dirty(): boolean {
    return this.quoteDirty || this.bookDirty || this.printsDirty || this.barsDirty;
  }

  /** The book as shown on the cockpit stream. */
  bookSnapshot(): Book | null {
    if (!this.book) return null;
    const consolidated = this.book.snapshot();
    return { symbol: this.symbol, ts: this.book.updatedAt, consolidated, exchanges: booksByExchange(consolidated), ...crossedOrLocked(consolidated) };
  }

  publish(now: number): void {
    const { topics } = this;
    if (this.quoteDirty && this.quote) topics.quote.publish({ ...this.quote }, now);
    if (this.bookDirty && topics.book) {
      const book = this.bookSnapshot();
      if (book) topics.book.publish(book, now);
    }
    if (this.printsDirty) topics.prints.publish(this.prints.newest(), now);
    if (this.barsDirty) topics.bars.publish(this.bars.newest(), now);
    this.quoteDirty = this.bookDirty = this.printsDirty = this.barsDirty = false;
  }

  close(): void {
    this.topics.quote.close();
    this.topics.book?.close();
    this.topics.prints.close();
    this.topics.bars.close();
  }
}

/**
 * The live market streams for the cockpit, fed by the bus and coalesced in one stage: an event only sets a dirty flag
 * (and keeps the print or bar), and the first change after a quiet spell schedules one publish of every changed stream
 * at the earliest moment that keeps them COCKPIT_INTERVAL_MS apart (at once when the last publish is that old). So a
 * value waits at most 50 ms, a quiet market's tick goes out at once, and everything that changed leaves together, in
 * one message to each page (the outbox flushes what one turn published). The topics themselves do not coalesce again.
 */
export class MarketStreams {
  private readonly bySymbol = new Map<string, SymbolStreams>();
  /** Not coalesced: every sweep is an event the trader must see (two within 50 ms are both sent). */
  readonly sweeps = new Topic<SweepEvent>(0);
  readonly ingestion = new Topic<IngestionState>(COCKPIT_INTERVAL_MS);
  private unsubscribe: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private lastPublish = 0;

  constructor(
    private readonly bus: EngineBus,
    symbols: ReadonlyArray<{ symbol: string; dataClass: string }>,
  ) {
    for (const { symbol, dataClass } of symbols) this.bySymbol.set(symbol, new SymbolStreams(symbol, dataClass === 'level2'));
  }

  topics(symbol: string): SymbolTopics | undefined {
    return this.bySymbol.get(symbol)?.topics;
  }

  start(): void {
    if (this.unsubscribe.length > 0) return;
    const bus = this.bus;
    this.unsubscribe = [
      bus.subscribe('quoteChanged', (quote) => this.onQuote(quote)),
      bus.subscribe('bookChanged', (change) => this.onBook(change)),
      bus.subscribe('bookCleared', (change) => this.onBook(change)),
      bus.subscribe('tradePrinted', (trade) => this.onTrade(trade)),
      bus.subscribe('barClosed', (bar) => this.onBar(bar)),
      bus.subscribe('sweepDetected', (sweep) => this.sweeps.publish(sweep, sweep.detectedAt)),
      bus.subscribe('ibkrStatusSampled', (report: IngestionReport) => this.ingestion.publish(report.state, report.state.asOf)),
    ];
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const streams of this.bySymbol.values()) streams.close();
    this.sweeps.close();
    this.ingestion.close();
  }

  private onQuote(quote: Quote): void {
    const s = this.bySymbol.get(quote.symbol);
    if (!s) return;
    s.quote = quote;
    s.quoteDirty = true;
    this.schedule();
  }

  private onBook(change: BookChange): void {
    const s = this.bySymbol.get(change.symbol);
    if (!s) return;
    s.book = change.book;
    s.bookDirty = true;
    this.schedule();
  }

  private onTrade(trade: Trade): void {
    const s = this.bySymbol.get(trade.symbol);
    if (!s) return;
    s.prints.push(trade);
    s.printsDirty = true;
    this.schedule();
  }

  private onBar(bar: Bar): void {
    const s = this.bySymbol.get(bar.symbol);
    if (!s) return;
    s.bars.push(bar);
    s.barsDirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.unsubscribe.length === 0) return;
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
    for (const s of this.bySymbol.values()) if (s.dirty) s.publish(now);
  }
}
