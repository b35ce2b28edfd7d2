import { BarBuilder } from './barBuilder';
import { BookSide } from './bookSide';
import type { SimDepthBook, SimQuote } from './marketFeed';
import { LEVEL2_PARTICIPANTS, TOP_PARTICIPANTS } from './marketMakers';
import type { Rng } from './rng';
import type { SymbolModel } from './symbols';

const DEPTH_LEVELS = 12;

/** Everything the model tracks for one symbol: its fair value, its book, its tape and its bars. */
export class SymbolBook {
  readonly ticksPerDollar: number;
  /** Log of the fair value the market makers quote around. */
  logValue: number;
  readonly bids: BookSide;
  readonly asks: BookSide;
  readonly bars: BarBuilder;
  last: number;
  lastSize = 0;
  volume = 0;
  notional = 0;
  dayOpen: number;
  previousClose: number;
  haltedUntil = 0;
  informedUntil = 0;
  informedDirection = 0;
  informedMoveBps = 0;
  /** Log fair value added each 100 ms while informed flow lasts (its price pressure). */
  informedDrift = 0;
  unusualUntil = 0;
  quoteDirty = true;
  depthDirty = true;
  private snapshot: SimDepthBook | undefined;
  private lastQuote: SimQuote | undefined;

  constructor(readonly model: SymbolModel, rng: Rng) {
    this.ticksPerDollar = Math.round(1 / model.minTick);
    this.logValue = Math.log(model.startPrice);
    const participants = model.level2 ? LEVEL2_PARTICIPANTS : TOP_PARTICIPANTS;
    this.bids = new BookSide(true, this.ticksPerDollar, participants, DEPTH_LEVELS);
    this.asks = new BookSide(false, this.ticksPerDollar, participants, DEPTH_LEVELS);
    this.last = model.startPrice;
    this.dayOpen = model.startPrice;
    this.previousClose = model.startPrice;
    this.bars = new BarBuilder(model.symbol, model.startPrice);
    const [bid, ask] = this.targetTouch(1);
    this.bids.rebuild(bid, rng);
    this.asks.rebuild(ask, rng);
  }

  get symbol(): string {
    return this.model.symbol;
  }

  value(): number {
    return Math.exp(this.logValue);
  }

  mid(): number {
    const b = this.bids.bestTicks();
    const a = this.asks.bestTicks();
    if (Number.isNaN(b) || Number.isNaN(a)) return this.value();
    return (a + b) / 2 / this.ticksPerDollar;
  }

  halted(now: number): boolean {
    return now < this.haltedUntil;
  }

  /** The touch the market makers want around fair value, in ticks: [bid, ask]. */
  targetTouch(spreadMultiplier: number): [number, number] {
    const spread = Math.max(1, Math.round(this.model.spreadTicks * spreadMultiplier));
    const valueTicks = this.value() * this.ticksPerDollar;
    const bid = Math.max(1, Math.floor(valueTicks - spread / 2));
    return [bid, bid + spread];
  }

  /** Market makers lean back to fair value: a side that moved away (or got eaten) is re-quoted. */
  recenter(spreadMultiplier: number, rng: Rng): void {
    const [bid, ask] = this.targetTouch(spreadMultiplier);
    if (this.bids.bestTicks() !== bid) {
      this.bids.moveTouch(bid, rng);
      this.markBookChanged();
    }
    if (this.asks.bestTicks() !== ask) {
      this.asks.moveTouch(ask, rng);
      this.markBookChanged();
    }
  }

  markBookChanged(): void {
    this.markQuoteChanged();
    this.depthDirty = true;
    this.snapshot = undefined;
  }

  /** Something a quote shows changed: a quote event is due at the end of the step. */
  markQuoteChanged(): void {
    this.quoteDirty = true;
    this.lastQuote = undefined;
  }

  recordPrint(price: number, size: number): void {
    this.last = price;
    this.lastSize = size;
    this.volume += size;
    this.notional += price * size;
    this.bars.add(price, size);
    this.markQuoteChanged();
  }

  vwap(): number {
    return this.volume > 0 ? this.notional / this.volume : this.last;
  }

  startSession(): void {
    this.previousClose = this.last;
    this.dayOpen = this.mid();
    this.volume = 0;
    this.notional = 0;
  }

  /** The current depth book as an immutable snapshot (new arrays; unchanged rows are shared). */
  depth(ts: number): SimDepthBook {
    if (!this.snapshot) this.snapshot = { symbol: this.symbol, bids: this.bids.rows.slice(), asks: this.asks.rows.slice(), ts };
    return this.snapshot;
  }

  quote(ts: number): SimQuote {
    if (this.lastQuote) return this.lastQuote;
    this.lastQuote = {
      symbol: this.symbol, bid: this.bids.bestTicks() / this.ticksPerDollar, bidSize: this.bids.sizeAtBest(),
      ask: this.asks.bestTicks() / this.ticksPerDollar, askSize: this.asks.sizeAtBest(), last: this.last,
      lastSize: this.lastSize, volume: this.volume, halted: this.halted(ts), ts,
    };
    return this.lastQuote;
  }
}
