import type { SimBar } from './marketFeed';

export const BAR_SECONDS = 5;

/** Builds one symbol's 5-second bars from its prints and keeps the most recent ones. */
export class BarBuilder {
  private readonly history: SimBar[] = [];
  private start = NaN;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;
  private notional = 0;
  private count = 0;

  constructor(
    private readonly symbol: string,
    lastPrice: number,
    private readonly capacity = 20_000,
  ) {
    this.close = lastPrice;
  }

  /** Seconds of the bar that contains ts, aligned to the 5-second grid. */
  static barStart(ts: number): number {
    return Math.floor(ts / 1000 / BAR_SECONDS) * BAR_SECONDS;
  }

  begin(ts: number): void {
    this.start = BarBuilder.barStart(ts);
    this.open = this.high = this.low = this.close;
    this.volume = this.notional = this.count = 0;
  }

  add(price: number, size: number): void {
    if (this.count === 0) this.open = this.high = this.low = price;
    if (price > this.high) this.high = price;
    if (price < this.low) this.low = price;
    this.close = price;
    this.volume += size;
    this.notional += price * size;
    this.count++;
  }

  /** Closes the running bar and starts the next; returns the finished bar. */
  finish(nextTs: number): SimBar {
    const bar: SimBar = {
      symbol: this.symbol, time: this.start, open: this.open, high: this.high, low: this.low, close: this.close,
      volume: this.volume, wap: this.volume > 0 ? this.notional / this.volume : this.close, count: this.count,
    };
    this.history.push(bar);
    if (this.history.length > this.capacity) this.history.splice(0, this.history.length - this.capacity);
    this.begin(nextTs);
    return bar;
  }

  /** Bars end with the current bar start; oldest first. */
  recent(count: number): SimBar[] {
    return count <= 0 ? [] : this.history.slice(-count);
  }

  all(): readonly SimBar[] {
    return this.history;
  }
}
