import type { EngineBus } from '../../../bus/catalogue';
import type { Bar } from '../../../market/bar';
import { TICK } from '../../../market/tickTypes';
import type { Trade } from '../../../market/trade';
import type { DepthUpdate } from './depthBook';
import type { IngestMetrics } from './ingestMetrics';
import { priceProblem, sizeProblem } from './plausibility';
import { parseRtVolume } from './rtVolume';
import { SymbolState } from './symbolState';

export interface PublisherHooks {
  reportBadInput(problem: string): void;
  /** The book could not take an update: the caller re-requests it. */
  onBookBroken(symbol: string, problem: string): void;
}

/**
 * Domain updates for every symbol: checks each message, applies it to the symbol's state and publishes the fact on
 * the bus (quoteChanged, tradePrinted, bookChanged, bookCleared, barClosed). Never throws on bad input: it names
 * the problem, counts it and keeps going. What happens next (Redis, detections, the cockpit) is the subscribers'.
 */
export class MarketDataPublisher {
  private readonly symbols = new Map<string, SymbolState>();

  constructor(
    symbols: ReadonlyArray<{ symbol: string; dataClass: 'level2' | 'standard' }>,
    private readonly bus: EngineBus,
    private readonly metrics: IngestMetrics,
    private readonly hooks: PublisherHooks,
  ) {
    for (const { symbol, dataClass } of symbols) this.symbols.set(symbol, new SymbolState(symbol, dataClass === 'level2'));
  }

  state(symbol: string): SymbolState | undefined {
    return this.symbols.get(symbol);
  }

  states(): SymbolState[] {
    return [...this.symbols.values()];
  }

  onPrice(symbol: string, tick: number, price: number, now: number): void {
    const s = this.symbols.get(symbol);
    if (!s) return;
    if (price === -1) return this.clearPrice(s, tick, now); // TWS: no price available on this side
    const problem = priceProblem(price);
    if (problem) return this.bad(`${symbol} tick ${tick}: ${problem}`);
    const q = s.quote;
    if (tick === TICK.BID) q.bid = price;
    else if (tick === TICK.ASK) q.ask = price;
    else if (tick === TICK.LAST) q.last = price;
    else if (tick === TICK.CLOSE) q.close = price;
    else return;
    this.quoteChanged(s, now);
  }

  onSize(symbol: string, tick: number, size: number | undefined, now: number): void {
    const s = this.symbols.get(symbol);
    if (!s || size === undefined) return;
    const problem = sizeProblem(size);
    if (problem) return this.bad(`${symbol} size tick ${tick}: ${problem}`);
    const q = s.quote;
    if (tick === TICK.BID_SIZE) q.bidSize = size;
    else if (tick === TICK.ASK_SIZE) q.askSize = size;
    else if (tick === TICK.LAST_SIZE) q.lastSize = size;
    else if (tick === TICK.VOLUME) q.volume = size;
    else return;
    this.quoteChanged(s, now);
  }

  onHalted(symbol: string, value: number, now: number): void {
    const s = this.symbols.get(symbol);
    if (!s) return;
    if (value !== 0 && value !== 1 && value !== 2) return this.bad(`${symbol} halted tick: value ${value} is not 0, 1 or 2`);
    s.quote.halted = value !== 0;
    this.quoteChanged(s, now);
  }

  onRtVolume(symbol: string, text: string, now: number): void {
    const s = this.symbols.get(symbol);
    if (!s) return;
    const rt = parseRtVolume(text);
    if (typeof rt === 'string') return this.bad(`${symbol}: ${rt}`);
    if (rt.price === undefined || rt.size === undefined) return;
    const trade: Trade = {
      symbol, price: rt.price, size: rt.size, ts: rt.ts, receivedAt: now, totalVolume: rt.totalVolume, vwap: rt.vwap,
      aggressor: s.aggressorOf(rt.price),
    };
    s.lastUpdate.trades = now;
    this.metrics.updates.trades++;
    this.bus.publish('tradePrinted', trade);
  }

  onDepth(symbol: string, update: DepthUpdate, now: number): void {
    const s = this.symbols.get(symbol);
    if (!s) return;
    this.metrics.updates.depth++;
    const problem = s.applyDepth(update, now);
    if (problem) {
      this.bad(`${symbol} ${problem}`);
      this.hooks.onBookBroken(symbol, problem);
    }
    if (s.bookChange) this.bus.publish('bookChanged', s.bookChange);
  }

  /** 317: the venue is about to re-send the book from scratch. */
  resetDepth(symbol: string, now: number): void {
    if (this.clearBook(symbol, now)) this.metrics.depthResets++;
  }

  /** Empties a book that is about to be sent again in full (reset, rebuild, resubscribe). */
  clearBook(symbol: string, now: number): boolean {
    const s = this.symbols.get(symbol);
    if (!s?.book || !s.bookChange) return false;
    s.book.clear(now);
    this.bus.publish('bookCleared', s.bookChange);
    return true;
  }

  onBar(symbol: string, bar: Bar, now: number): void {
    const s = this.symbols.get(symbol);
    if (!s) return;
    const problem = priceProblem(bar.open) ?? priceProblem(bar.high) ?? priceProblem(bar.low) ?? priceProblem(bar.close) ?? sizeProblem(bar.volume);
    if (problem) return this.bad(`${symbol} bar at ${bar.time}: ${problem}`);
    if (bar.low > bar.high) return this.bad(`${symbol} bar at ${bar.time}: low ${bar.low} above high ${bar.high}`);
    this.metrics.updates.bars++;
    s.lastUpdate.bars = now;
    this.bus.publish('barClosed', bar);
  }

  private clearPrice(s: SymbolState, tick: number, now: number): void {
    const q = s.quote;
    if (tick === TICK.BID) q.bid = null;
    else if (tick === TICK.ASK) q.ask = null;
    else if (tick === TICK.CLOSE) q.close = null;
    else return;
    this.quoteChanged(s, now);
  }

  private quoteChanged(s: SymbolState, now: number): void {
    s.quote.ts = now;
    s.touch('quotes', now);
    this.metrics.updates.quotes++;
    this.bus.publish('quoteChanged', s.quote);
  }

  private bad(problem: string): void {
    this.metrics.badInput++;
    this.hooks.reportBadInput(problem);
  }
}
