import { bookImbalance, sizeImbalance } from '../analytics/imbalance';
import type { BookChange, EngineBus } from '../bus/catalogue';
import type { Bar } from '../market/bar';
import { crossedOrLocked, type DepthView } from '../market/book';
import { quoteSpread, type Quote } from '../market/quote';
import type { SweepEvent } from '../market/sweep';
import type { Trade } from '../market/trade';
import type { UnusualVolumeEvent } from '../market/volumeReading';
import { bookJson } from './bookJson';
import { keys, LIST_LIMITS, type KeySpec } from './keys';
import type { LatestWrite, RedisBatchWriter } from './redisBatchWriter';

/** A book is written at most this often per symbol, however fast depth arrives. */
export const BOOK_WRITE_MS = 2;
/** Detected sweeps kept in market:{symbol}:sweep. */
export const SWEEP_LIST_LIMIT = 100;

const text = (n: number | null): string => (n === null ? '' : String(n));
const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

function latest(spec: KeySpec, kind: 'string' | 'hash', produce: LatestWrite['produce'], minIntervalMs?: number): LatestWrite {
  return { key: spec.key, ttl: spec.ttl, kind, produce, minIntervalMs, lastWrittenAt: 0 };
}

/** One symbol: the live views the events handed over, and its keys, created once and marked dirty as data arrives. */
class SymbolKeys {
  quote: Quote | null = null;
  book: DepthView | null = null;
  lastTrade: Trade | null = null;
  lastReading: UnusualVolumeEvent | null = null;
  /** Top of book as last marked: spread and imbalance are written again only when it moved. */
  private bid: number | null = null;
  private ask: number | null = null;
  private bidSize: number | null = null;
  private askSize: number | null = null;
  private wasCrossedOrLocked = false;
  crossedCount = 0;
  lockedCount = 0;
  readonly ticker: LatestWrite;
  readonly spread: LatestWrite;
  readonly imbalance: LatestWrite;
  readonly bookWrite: LatestWrite;
  readonly last: LatestWrite;
  readonly unusualVolume: LatestWrite;
  readonly trades: KeySpec;
  readonly bars: KeySpec;
  readonly barHistory: KeySpec;
  readonly sweeps: KeySpec;

  constructor(
    readonly symbol: string,
    readonly level2: boolean,
  ) {
    this.ticker = latest(keys.market.ticker(symbol), 'hash', () => this.tickerFields());
    this.spread = latest(keys.market.spread(symbol), 'string', () => {
      const spread = this.quote ? quoteSpread(this.quote) : null;
      return spread === null ? null : String(round(spread, 8));
    });
    this.imbalance = latest(keys.market.imbalance(symbol), 'string', () => {
      const imbalance = this.imbalanceNow();
      return imbalance === null ? null : String(round(imbalance, 4));
    });
    this.bookWrite = latest(keys.market.book(symbol), 'string', () => this.bookText(), BOOK_WRITE_MS);
    this.last = latest(keys.market.last(symbol), 'string', () => (this.lastTrade ? JSON.stringify(this.lastTrade) : null));
    this.unusualVolume = latest(keys.market.unusualVolume(symbol), 'string', () => (this.lastReading ? JSON.stringify(this.lastReading) : null));
    this.trades = keys.market.trades(symbol);
    this.bars = keys.market.bars(symbol);
    this.barHistory = keys.market.barHistory(symbol);
    this.sweeps = keys.market.sweep(symbol);
  }

  /** Whether bid, ask or their sizes moved since the last call (remembering the new ones). */
  topOfBookMoved(q: Quote): boolean {
    if (q.bid === this.bid && q.ask === this.ask && q.bidSize === this.bidSize && q.askSize === this.askSize) return false;
    this.bid = q.bid;
    this.ask = q.ask;
    this.bidSize = q.bidSize;
    this.askSize = q.askSize;
    return true;
  }

  private tickerFields(): Record<string, string> | null {
    const q = this.quote;
    if (!q) return null;
    return {
      bid: text(q.bid), ask: text(q.ask), bidSize: text(q.bidSize), askSize: text(q.askSize), last: text(q.last), lastSize: text(q.lastSize),
      volume: text(q.volume), close: text(q.close), halted: q.halted ? '1' : '0', ts: String(q.ts),
    };
  }

  private imbalanceNow(): number | null {
    if (this.book && this.book.size > 0) return bookImbalance(this.book.bids, this.book.asks);
    return sizeImbalance(this.quote?.bidSize ?? 0, this.quote?.askSize ?? 0);
  }

  /** The book's JSON; counts a written book becoming crossed or locked (mid-update states between two sides never count). */
  private bookText(): string | null {
    if (!this.book) return null;
    const flags = crossedOrLocked(this.book);
    const flagged = flags.crossed || flags.locked;
    if (flagged && !this.wasCrossedOrLocked) {
      if (flags.crossed) this.crossedCount++;
      else this.lockedCount++;
    }
    this.wasCrossedOrLocked = flagged;
    return bookJson(this.symbol, this.book, flags);
  }
}

/**
 * Keeps the market:{symbol}:* keys current from the bus: quotes, books, prints, bars, sweeps and volume readings.
 * Latest values are marked dirty and produced when the batch is written (RedisBatchWriter), so a burst of ticks costs
 * one write per key per batch; lists get every item. The hot path here is a Map lookup and a flag.
 */
export class MarketDataWriter {
  readonly name = 'marketDataWriter';
  private readonly symbols = new Map<string, SymbolKeys>();
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly bus: EngineBus,
    readonly writer: RedisBatchWriter,
    symbols: ReadonlyArray<{ symbol: string; dataClass: 'level2' | 'standard' }>,
  ) {
    for (const { symbol, dataClass } of symbols) this.symbols.set(symbol, new SymbolKeys(symbol, dataClass === 'level2'));
  }

  /** Books written while crossed or locked (episodes, not writes), all symbols. */
  get crossedOrLockedBooks(): number {
    let n = 0;
    for (const s of this.symbols.values()) n += s.crossedCount + s.lockedCount;
    return n;
  }

  async start(): Promise<void> {
    if (this.unsubscribe.length > 0) return;
    const bus = this.bus;
    this.unsubscribe = [
      bus.subscribe('quoteChanged', (quote) => this.onQuote(quote)),
      bus.subscribe('bookChanged', (change) => this.onBook(change, true)),
      bus.subscribe('bookCleared', (change) => this.onBook(change, false)),
      bus.subscribe('tradePrinted', (trade) => this.onTrade(trade)),
      bus.subscribe('barClosed', (bar) => this.onBar(bar)),
      bus.subscribe('sweepDetected', (sweep) => this.onSweep(sweep)),
      bus.subscribe('volumeMeasured', (reading) => this.onVolume(reading)),
    ];
  }

  /** Stops listening; what is pending is still written by the batch writer's drain. */
  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
  }

  private onQuote(quote: Quote): void {
    const s = this.symbols.get(quote.symbol);
    if (!s) return;
    s.quote = quote;
    this.writer.markLatest(s.ticker);
    if (!s.topOfBookMoved(quote)) return;
    this.writer.markLatest(s.spread);
    if (!s.level2) this.writer.markLatest(s.imbalance);
  }

  private onBook(change: BookChange, changed: boolean): void {
    const s = this.symbols.get(change.symbol);
    if (!s?.level2) return;
    s.book = change.book;
    this.writer.markLatest(s.bookWrite);
    if (changed) this.writer.markLatest(s.imbalance);
  }

  private onTrade(trade: Trade): void {
    const s = this.symbols.get(trade.symbol);
    if (!s) return;
    s.lastTrade = trade;
    this.writer.push(s.trades.key, s.trades.ttl, LIST_LIMITS.trades, trade);
    this.writer.markLatest(s.last);
  }

  private onBar(bar: Bar): void {
    const s = this.symbols.get(bar.symbol);
    if (!s) return;
    this.writer.push(s.bars.key, s.bars.ttl, LIST_LIMITS.bars, bar);
    this.writer.push(s.barHistory.key, s.barHistory.ttl, LIST_LIMITS.barHistory, bar);
  }

  private onSweep(sweep: SweepEvent): void {
    const s = this.symbols.get(sweep.symbol);
    if (s) this.writer.push(s.sweeps.key, s.sweeps.ttl, SWEEP_LIST_LIMIT, sweep);
  }

  private onVolume(reading: UnusualVolumeEvent): void {
    const s = this.symbols.get(reading.symbol);
    if (!s) return;
    s.lastReading = reading;
    this.writer.markLatest(s.unusualVolume);
  }
}
