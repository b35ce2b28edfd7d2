import type { SweepEvent } from '../market/sweep';
import type { Trade } from '../market/trade';
import { continuesBurst, DEFAULT_SWEEP_OPTIONS, detectSweep, type SweepBookRow, type SweepOptions, type SweepPrint } from './sweeps';

export type { SweepEvent };

/**
 * Groups a symbol's prints into bursts (same aggressor, within the window) and asks the analytics whether a
 * closed burst was a sweep. The book side a burst hit is copied when the burst starts: the venue sends the
 * depth change after the prints that caused it.
 */
export class SweepTracker {
  private direction: 'buy' | 'sell' | undefined;
  private prints: SweepPrint[] = [];
  private sideBefore: readonly SweepBookRow[] = [];
  private lastReceivedAt = 0;

  constructor(
    private readonly symbol: string,
    private readonly options: SweepOptions = DEFAULT_SWEEP_OPTIONS,
  ) {}

  /** Adds a print; returns the sweep the previous burst amounted to when this print closes it. */
  onTrade(trade: Trade, bookSide: (direction: 'buy' | 'sell') => readonly SweepBookRow[]): SweepEvent | null {
    if (trade.aggressor === 'unknown') return this.close(trade.receivedAt);
    const first = this.prints[0];
    if (this.direction === trade.aggressor && first && continuesBurst(first.ts, trade.ts, this.options)) {
      this.prints.push({ price: trade.price, size: trade.size, ts: trade.ts });
      this.lastReceivedAt = trade.receivedAt;
      return null;
    }
    const closed = this.close(trade.receivedAt);
    this.direction = trade.aggressor;
    this.prints = [{ price: trade.price, size: trade.size, ts: trade.ts }];
    this.sideBefore = bookSide(trade.aggressor);
    this.lastReceivedAt = trade.receivedAt;
    return closed;
  }

  /** Closes a burst that has been quiet for `quietMs` of wall time (called from a timer). */
  closeIfQuiet(now: number, quietMs: number): SweepEvent | null {
    return this.prints.length > 0 && now - this.lastReceivedAt >= quietMs ? this.close(now) : null;
  }

  reset(): void {
    this.direction = undefined;
    this.prints = [];
    this.sideBefore = [];
  }

  private close(now: number): SweepEvent | null {
    const direction = this.direction;
    const prints = this.prints;
    const side = this.sideBefore;
    this.reset();
    if (!direction || prints.length < this.options.minLevels) return null;
    const sweep = detectSweep(direction, prints, side, this.options);
    return sweep ? { ...sweep, symbol: this.symbol, detectedAt: now } : null;
  }
}
