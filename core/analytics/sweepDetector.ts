import type { BookChange, EngineBus } from '../bus/catalogue';
import type { BookLevel } from '../market/book';
import type { Trade } from '../market/trade';
import { SweepTracker } from './sweepTracker';

/** A burst of prints is closed after this much wall-clock quiet (sweeps are reported then at the latest). */
export const BURST_QUIET_MS = 250;

interface Watched {
  tracker: SweepTracker;
  /** The symbol's live book (from bookChanged), read when a burst starts. */
  book: BookChange['book'] | null;
}

/**
 * Sweep detection for the Level 2 symbols as a bus service: hears every print and book change, groups prints into
 * bursts (SweepTracker) and publishes sweepDetected. A burst that goes quiet is closed by a timer, so a sweep is
 * reported even when no later print arrives.
 */
export class SweepDetector {
  readonly name = 'sweepDetector';
  private readonly watched = new Map<string, Watched>();
  private unsubscribe: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  /** Sweeps detected since start. */
  detected = 0;

  constructor(
    private readonly bus: EngineBus,
    level2Symbols: readonly string[],
    private readonly quietCheckMs = 1_000,
  ) {
    for (const symbol of level2Symbols) this.watched.set(symbol, { tracker: new SweepTracker(symbol), book: null });
  }

  async start(): Promise<void> {
    if (this.unsubscribe.length > 0) return;
    this.unsubscribe = [
      this.bus.subscribe('bookChanged', (change) => this.onBook(change)),
      this.bus.subscribe('bookCleared', (change) => this.onBookCleared(change)),
      this.bus.subscribe('tradePrinted', (trade) => this.onTrade(trade)),
    ];
    if (this.quietCheckMs === 0) return; // the owner calls closeQuietBursts on its own clock (a replay)
    this.timer = setInterval(() => this.closeQuietBursts(Date.now()), this.quietCheckMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    clearInterval(this.timer);
  }

  /** Closes bursts that went quiet (also called by the timer). */
  closeQuietBursts(now: number): void {
    for (const { tracker } of this.watched.values()) this.report(tracker.closeIfQuiet(now, BURST_QUIET_MS));
  }

  private onBook(change: BookChange): void {
    const watched = this.watched.get(change.symbol);
    if (watched) watched.book = change.book;
  }

  /** The venue re-sends the book from scratch: a burst across the gap would compare prints with the wrong book. */
  private onBookCleared(change: BookChange): void {
    const watched = this.watched.get(change.symbol);
    if (!watched) return;
    watched.book = change.book;
    watched.tracker.reset();
  }

  private onTrade(trade: Trade): void {
    const watched = this.watched.get(trade.symbol);
    if (!watched) return;
    this.report(watched.tracker.onTrade(trade, (direction) => sideHitBy(watched.book, direction)));
  }

  private report(sweep: ReturnType<SweepTracker['onTrade']>): void {
    if (!sweep) return;
    this.detected++;
    this.bus.publish('sweepDetected', sweep);
  }
}

/** A copy of the side a burst takes liquidity from: asks for a buy, bids for a sell (rows are immutable). */
function sideHitBy(book: BookChange['book'] | null, direction: 'buy' | 'sell'): readonly BookLevel[] {
  if (!book) return [];
  return direction === 'buy' ? book.asks.slice() : book.bids.slice();
}
