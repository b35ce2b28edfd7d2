import type { BookChange, EngineBus } from '../bus/catalogue';
import type { DiscoveryConfig } from '../config/discoverySchema';
import type { Bar } from '../market/bar';
import type { DepthView } from '../market/book';
import type { Trade } from '../market/trade';
import { encodeBar, encodeBook, encodeBookRows, encodeTrade } from './discoveryHistoryEncoding';
import { keys, type KeySpec } from './keys';
import type { RedisBatchWriter } from './redisBatchWriter';

export type DiscoveryHistorySettings = Pick<DiscoveryConfig, 'historyMinutes' | 'bookSnapshotSeconds' | 'bookLevels'>;

/** A symbol's prints are written as one entry per this many ms (its id the first print's receivedAt). */
export const TRADE_CHUNK_MS = 1_000;

/**
 * Entries per stream that wait in memory while Redis is away (the oldest beyond are dropped and counted): an hour of
 * trade chunks, more than an hour of bars and of one-second snapshots.
 */
export const HISTORY_BUFFER_LIMITS = { trades: 3_600, bars: 1_000, books: 5_000 } as const;

/** One symbol's streams, and its live book with what its last snapshot held. */
class SymbolStreams {
  readonly trades: KeySpec;
  readonly bars: KeySpec;
  readonly books: KeySpec;
  book: DepthView | null = null;
  changed = false;
  lastRows = '';
  /** Prints not yet handed to the batch writer, encoded, and when the first of them was received. */
  pendingTrades: string[] = [];
  firstTradeAt = 0;

  constructor(
    readonly symbol: string,
    readonly level2: boolean,
    historyMinutes: number,
  ) {
    this.trades = keys.history.trades(symbol, historyMinutes);
    this.bars = keys.history.bars(symbol, historyMinutes);
    this.books = keys.history.books(symbol, historyMinutes);
  }
}

/**
 * Parameter discovery's history: every print and five-second bar of each symbol, and for Level 2 symbols a snapshot
 * of the top `bookLevels` rows per side of the consolidated book every `bookSnapshotSeconds` when they changed,
 * appended to history:{symbol}:trades|bars|books (Redis streams trimmed to `historyMinutes` by age) through the
 * ingestion's batch writer. A print costs a Map lookup and a short string; a symbol's prints go as one entry a second
 * (TRADE_CHUNK_MS), riding in the batch already going. Entry ids are on the engine's clock (the first print's
 * receivedAt, a bar's or a snapshot's write time).
 */
export class DiscoveryHistoryWriter {
  private readonly symbols = new Map<string, SymbolStreams>();
  private readonly maxAgeMs: number;
  private unsubscribe: Array<() => void> = [];
  private timers: NodeJS.Timeout[] = [];
  /** Prints, bars and snapshots handed to the batch writer since start. */
  readonly appended = { trades: 0, bars: 0, books: 0 };

  constructor(
    private readonly bus: EngineBus,
    private readonly writer: RedisBatchWriter,
    symbols: ReadonlyArray<{ symbol: string; dataClass: 'level2' | 'standard' }>,
    private readonly settings: DiscoveryHistorySettings,
  ) {
    this.maxAgeMs = settings.historyMinutes * 60_000;
    for (const { symbol, dataClass } of symbols) this.symbols.set(symbol, new SymbolStreams(symbol, dataClass === 'level2', settings.historyMinutes));
  }

  start(): void {
    if (this.unsubscribe.length > 0) return;
    const bus = this.bus;
    this.unsubscribe = [
      bus.subscribe('tradePrinted', (trade) => this.onTrade(trade)),
      bus.subscribe('barClosed', (bar) => this.onBar(bar)),
      bus.subscribe('bookChanged', (change) => this.onBook(change)),
      bus.subscribe('bookCleared', (change) => this.onBook(change)),
    ];
    this.timers = [
      setInterval(() => this.snapshotBooks(), this.settings.bookSnapshotSeconds * 1000),
      setInterval(() => this.flushTrades(), TRADE_CHUNK_MS),
    ];
    for (const timer of this.timers) timer.unref();
  }

  /** Stops listening and hands the prints of the current second over: the batch writer's drain writes them. */
  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.flushTrades();
  }

  /** Appends each symbol's prints since the last call as one entry (the timer calls it). */
  flushTrades(): void {
    for (const s of this.symbols.values()) {
      if (s.pendingTrades.length === 0) continue;
      const text = s.pendingTrades.join(';');
      s.pendingTrades = [];
      this.writer.append(s.trades.key, s.trades.ttl, this.maxAgeMs, HISTORY_BUFFER_LIMITS.trades, { ms: s.firstTradeAt, text });
    }
  }

  /** Appends a snapshot of each Level 2 book whose top rows changed since its last one (the timer calls it). */
  snapshotBooks(now = Date.now()): void {
    const levels = this.settings.bookLevels;
    for (const s of this.symbols.values()) {
      if (!s.changed || !s.book) continue;
      s.changed = false;
      const bids = s.book.bids.slice(0, levels);
      const asks = s.book.asks.slice(0, levels);
      // An emptied book is being re-sent by the venue: it says nothing about who quotes.
      if (bids.length === 0 && asks.length === 0) continue;
      const rows = encodeBookRows(bids, asks);
      if (rows === s.lastRows) continue;
      s.lastRows = rows;
      this.writer.append(s.books.key, s.books.ttl, this.maxAgeMs, HISTORY_BUFFER_LIMITS.books, { ms: now, text: encodeBook({ ts: now, bids, asks }) });
      this.appended.books++;
    }
  }

  private onTrade(trade: Trade): void {
    const s = this.symbols.get(trade.symbol);
    if (!s) return;
    if (s.pendingTrades.length === 0) s.firstTradeAt = trade.receivedAt;
    s.pendingTrades.push(encodeTrade(trade));
    this.appended.trades++;
  }

  private onBar(bar: Bar): void {
    const s = this.symbols.get(bar.symbol);
    if (!s) return;
    this.writer.append(s.bars.key, s.bars.ttl, this.maxAgeMs, HISTORY_BUFFER_LIMITS.bars, { ms: Date.now(), text: encodeBar(bar) });
    this.appended.bars++;
  }

  private onBook(change: BookChange): void {
    const s = this.symbols.get(change.symbol);
    if (!s?.level2) return;
    s.book = change.book;
    s.changed = true;
  }
}
