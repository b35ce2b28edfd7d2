import { FeedEmitter } from '../market/feedEmitter';
import type { SimAggressor, SimBar, SimDepthBook, DepthRow, Fill, MarketEventMap, MarketFeed, OptionQuote, SimQuote, SymbolSpec } from '../market/marketFeed';
import { Pacer } from '../market/pacer';
import type { ReplayEvent, ReplaySession } from './replayEvents';

const BAR_HISTORY = 20_000;

/**
 * A MarketFeed that plays back recorded events on its own clock: advance(ms) applies everything up to the new
 * time, start() paces it against the wall clock. After the last event the market stays as it ended.
 */
export class ReplayFeed implements MarketFeed {
  private readonly emitter = new FeedEmitter();
  private readonly quotes = new Map<string, SimQuote>();
  private readonly books = new Map<string, SimDepthBook>();
  private readonly barHistory = new Map<string, SimBar[]>();
  private readonly chains = new Map<string, OptionQuote[]>();
  private readonly options = new Map<number, OptionQuote>();
  private readonly closes = new Map<string, number>();
  private readonly pacer: Pacer;
  private clock: number;
  private cursor = 0;

  constructor(private readonly session: ReplaySession, speed = 1) {
    this.clock = session.startTs;
    this.pacer = new Pacer((ms) => this.advance(ms), speed);
  }

  /** True once every recorded event has been played. */
  get finished(): boolean {
    return this.cursor >= this.session.events.length;
  }

  symbols(): SymbolSpec[] {
    return this.session.symbols;
  }

  symbol(symbol: string): SymbolSpec | undefined {
    return this.session.symbols.find((s) => s.symbol === symbol);
  }

  quote(symbol: string): SimQuote | undefined {
    return this.quotes.get(symbol);
  }

  depth(symbol: string): SimDepthBook | undefined {
    return this.books.get(symbol);
  }

  bars(symbol: string, count: number): SimBar[] {
    return count > 0 ? (this.barHistory.get(symbol) ?? []).slice(-count) : [];
  }

  optionChain(underlying: string): OptionQuote[] {
    return this.chains.get(underlying) ?? [];
  }

  option(conId: number): OptionQuote | undefined {
    return this.options.get(conId);
  }

  /** The previous session's close as recorded (a file from the engine's --record has it; the simulator's does not). */
  previousClose(symbol: string): number | undefined {
    return this.closes.get(symbol);
  }

  now(): number {
    return this.clock;
  }

  on<K extends keyof MarketEventMap>(event: K, listener: (...args: MarketEventMap[K]) => void): void {
    this.emitter.on(event, listener);
  }

  off<K extends keyof MarketEventMap>(event: K, listener: (...args: MarketEventMap[K]) => void): void {
    this.emitter.off(event, listener);
  }

  start(): void {
    this.pacer.start();
  }

  stop(): void {
    this.pacer.stop();
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance(ms) needs ms >= 0, got ${ms}`);
    const target = this.clock + ms;
    const events = this.session.events;
    while (this.cursor < events.length && (events[this.cursor] as ReplayEvent).t <= target) {
      const e = events[this.cursor++] as ReplayEvent;
      this.clock = Math.max(this.clock, e.t);
      this.apply(e);
    }
    this.clock = target;
  }

  private apply(e: ReplayEvent): void {
    switch (e.type) {
      case 'quote':
        this.quotes.set(e.data.symbol, e.data);
        return this.emitter.emit('quote', e.data);
      case 'trade':
        return this.emitter.emit('trade', e.data);
      case 'depth':
        this.books.set(e.data.symbol, e.data);
        return this.emitter.emit('depth', e.data);
      case 'bar': {
        const list = this.barHistory.get(e.data.symbol) ?? [];
        list.push(e.data);
        if (list.length > BAR_HISTORY) list.shift();
        this.barHistory.set(e.data.symbol, list);
        return this.emitter.emit('bar', e.data);
      }
      case 'episode':
        return this.emitter.emit('episode', e.data);
      case 'options':
        for (const old of this.chains.get(e.underlying) ?? []) this.options.delete(old.spec.conId);
        this.chains.set(e.underlying, e.data);
        for (const o of e.data) this.options.set(o.spec.conId, o);
        return;
      case 'previousClose':
        if (e.data.close === null) this.closes.delete(e.data.symbol);
        else this.closes.set(e.data.symbol, e.data.close);
        return;
      case 'technicals':
      case 'sentiment':
        return; // the Alpha Vantage endpoint computes its own from the bars and the seed
    }
  }

  /**
   * Takes liquidity from the replayed book (or the quote's displayed size when there is no book). The book
   * shrinks until the recording next updates it; the recording's own prints are not changed.
   */
  fill(symbol: string, side: SimAggressor, quantity: number, limitPrice?: number): Fill[] {
    const quote = this.quotes.get(symbol);
    if (!quote || quote.halted || !(quantity > 0)) return [];
    const book = this.books.get(symbol) ?? topOfBook(quote);
    const rows = side === 'buy' ? book.asks : book.bids;
    const fills: Fill[] = [];
    let remaining = Math.floor(quantity);
    const kept: DepthRow[] = [];
    for (const row of rows) {
      const tooFar = limitPrice !== undefined && (side === 'buy' ? row.price > limitPrice : row.price < limitPrice);
      if (remaining === 0 || tooFar) {
        kept.push(row);
        continue;
      }
      const n = Math.min(remaining, row.size);
      fills.push({ price: row.price, size: n, exchange: row.exchange });
      remaining -= n;
      if (n < row.size) kept.push({ ...row, size: row.size - n });
    }
    if (this.books.has(symbol)) this.books.set(symbol, side === 'buy' ? { ...book, asks: kept } : { ...book, bids: kept });
    return fills;
  }
}

function topOfBook(q: SimQuote): SimDepthBook {
  return {
    symbol: q.symbol, ts: q.ts,
    bids: q.bidSize > 0 ? [{ price: q.bid, size: q.bidSize, exchange: 'SMART', marketMaker: 'SMART' }] : [],
    asks: q.askSize > 0 ? [{ price: q.ask, size: q.askSize, exchange: 'SMART', marketMaker: 'SMART' }] : [],
  };
}
