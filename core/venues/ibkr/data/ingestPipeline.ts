import type { Bar } from '../../../market/bar';
import type { Trade } from '../../../market/trade';
import { keys, LIST_LIMITS } from '../../../store/keys';
import type { DepthUpdate } from './depthBook';
import type { IngestMetrics } from './ingestMetrics';
import type { IngestTopics } from '../../../app/cockpit/marketStreams';
import { priceProblem, sizeProblem } from './plausibility';
import type { RedisBatchWriter } from '../../../store/redisBatchWriter';
import { parseRtVolume } from './rtVolume';
import type { SweepEvent } from '../../../analytics/sweepTracker';
import { symbolWrites, type SymbolWrites } from '../../../store/symbolWrites';
import { SymbolState } from './symbolState';
import { TICK } from '../../../market/tickTypes';

/** Detected sweeps kept in market:{symbol}:sweep. */
export const SWEEP_LIST_LIMIT = 100;
/** A burst of prints is closed after this much wall-clock quiet (sweeps are reported then at the latest). */
const BURST_QUIET_MS = 250;

export interface PipelineHooks {
  reportBadInput(problem: string): void;
  /** The book could not take an update: the caller re-requests it. */
  onBookBroken(symbol: string, problem: string): void;
}

interface Tracked {
  state: SymbolState;
  writes: SymbolWrites;
  trades: { key: string; ttl: number | null };
  bars: { key: string; ttl: number | null };
  barHistory: { key: string; ttl: number | null };
}

/**
 * Domain updates for every symbol: applies each message to the symbol's state, runs the detections, and marks
 * what changed for the Redis writer and the cockpit topics. Never throws on bad input: it names the problem,
 * counts it and keeps going.
 */
export class IngestPipeline {
  private readonly symbols = new Map<string, Tracked>();

  constructor(
    symbols: ReadonlyArray<{ symbol: string; dataClass: 'level2' | 'standard' }>,
    private readonly writer: RedisBatchWriter,
    private readonly topics: IngestTopics,
    private readonly metrics: IngestMetrics,
    private readonly hooks: PipelineHooks,
  ) {
    for (const { symbol, dataClass } of symbols) {
      const state = new SymbolState(symbol, dataClass === 'level2');
      this.symbols.set(symbol, { state, writes: symbolWrites(state), trades: keys.market.trades(symbol), bars: keys.market.bars(symbol), barHistory: keys.market.barHistory(symbol) });
    }
  }

  state(symbol: string): SymbolState | undefined {
    return this.symbols.get(symbol)?.state;
  }

  states(): SymbolState[] {
    return [...this.symbols.values()].map((t) => t.state);
  }

  onPrice(symbol: string, tick: number, price: number, now: number): void {
    const t = this.symbols.get(symbol);
    if (!t) return;
    if (price === -1) return this.clearPrice(t, tick, now); // TWS: no price available on this side
    const problem = priceProblem(price);
    if (problem) return this.bad(`${symbol} tick ${tick}: ${problem}`);
    const q = t.state.quote;
    if (tick === TICK.BID) q.bid = price;
    else if (tick === TICK.ASK) q.ask = price;
    else if (tick === TICK.LAST) q.last = price;
    else if (tick === TICK.CLOSE) q.close = price;
    else return;
    this.quoteChanged(t, now, tick === TICK.BID || tick === TICK.ASK);
  }

  onSize(symbol: string, tick: number, size: number | undefined, now: number): void {
    const t = this.symbols.get(symbol);
    if (!t || size === undefined) return;
    const problem = sizeProblem(size);
    if (problem) return this.bad(`${symbol} size tick ${tick}: ${problem}`);
    const q = t.state.quote;
    if (tick === TICK.BID_SIZE) q.bidSize = size;
    else if (tick === TICK.ASK_SIZE) q.askSize = size;
    else if (tick === TICK.LAST_SIZE) q.lastSize = size;
    else if (tick === TICK.VOLUME) q.volume = size;
    else return;
    this.quoteChanged(t, now, tick === TICK.BID_SIZE || tick === TICK.ASK_SIZE);
  }

  onHalted(symbol: string, value: number, now: number): void {
    const t = this.symbols.get(symbol);
    if (!t) return;
    if (value !== 0 && value !== 1 && value !== 2) return this.bad(`${symbol} halted tick: value ${value} is not 0, 1 or 2`);
    t.state.quote.halted = value !== 0;
    this.quoteChanged(t, now, false);
  }

  onRtVolume(symbol: string, text: string, now: number): void {
    const t = this.symbols.get(symbol);
    if (!t) return;
    const rt = parseRtVolume(text);
    if (typeof rt === 'string') return this.bad(`${symbol}: ${rt}`);
    if (rt.price === undefined || rt.size === undefined) return;
    const trade: Trade = {
      symbol, price: rt.price, size: rt.size, ts: rt.ts, receivedAt: now, totalVolume: rt.totalVolume, vwap: rt.vwap,
      aggressor: t.state.aggressorOf(rt.price),
    };
    const sweep = t.state.addTrade(trade);
    this.metrics.updates.trades++;
    this.writer.push(t.trades.key, t.trades.ttl, LIST_LIMITS.trades, trade);
    this.writer.markLatest(t.writes.last);
    this.topics.markPrints(symbol);
    if (sweep) this.onSweep(sweep);
  }

  onDepth(symbol: string, update: DepthUpdate, now: number): void {
    const t = this.symbols.get(symbol);
    if (!t) return;
    this.metrics.updates.depth++;
    const problem = t.state.applyDepth(update, now);
    if (problem) {
      this.bad(`${symbol} ${problem}`);
      this.hooks.onBookBroken(symbol, problem);
    }
    if (t.writes.book) this.writer.markLatest(t.writes.book);
    this.writer.markLatest(t.writes.imbalance);
    this.topics.markBook(symbol);
  }

  /** 317: the venue is about to re-send the book from scratch. */
  resetDepth(symbol: string, now: number): void {
    if (this.clearBook(symbol, now)) this.metrics.depthResets++;
  }

  /** Empties a book that is about to be sent again in full (reset, rebuild, resubscribe). */
  clearBook(symbol: string, now: number): boolean {
    const t = this.symbols.get(symbol);
    if (!t?.state.book) return false;
    t.state.book.clear(now);
    t.state.sweeps?.reset();
    if (t.writes.book) this.writer.markLatest(t.writes.book);
    this.topics.markBook(symbol);
    return true;
  }

  onBar(symbol: string, bar: Bar, now: number): void {
    const t = this.symbols.get(symbol);
    if (!t) return;
    const problem = priceProblem(bar.open) ?? priceProblem(bar.high) ?? priceProblem(bar.low) ?? priceProblem(bar.close) ?? sizeProblem(bar.volume);
    if (problem) return this.bad(`${symbol} bar at ${bar.time}: ${problem}`);
    if (bar.low > bar.high) return this.bad(`${symbol} bar at ${bar.time}: low ${bar.low} above high ${bar.high}`);
    this.metrics.updates.bars++;
    const reading = t.state.addBar(bar, now);
    this.writer.push(t.bars.key, t.bars.ttl, LIST_LIMITS.bars, bar);
    this.writer.push(t.barHistory.key, t.barHistory.ttl, LIST_LIMITS.barHistory, bar);
    if (reading) this.writer.markLatest(t.writes.unusualVolume);
    this.topics.markBars(symbol);
  }

  /** Closes print bursts that went quiet, so a sweep is reported even when no later print arrives. */
  closeQuietBursts(now: number): void {
    for (const { state } of this.symbols.values()) {
      const sweep = state.sweeps?.closeIfQuiet(now, BURST_QUIET_MS);
      if (sweep) this.onSweep(sweep);
    }
  }

  private onSweep(sweep: SweepEvent): void {
    this.metrics.sweeps++;
    const spec = keys.market.sweep(sweep.symbol);
    this.writer.push(spec.key, spec.ttl, SWEEP_LIST_LIMIT, sweep);
    this.topics.publishSweep(sweep);
  }

  private clearPrice(t: Tracked, tick: number, now: number): void {
    const q = t.state.quote;
    if (tick === TICK.BID) q.bid = null;
    else if (tick === TICK.ASK) q.ask = null;
    else if (tick === TICK.CLOSE) q.close = null;
    else return;
    this.quoteChanged(t, now, tick !== TICK.CLOSE);
  }

  private quoteChanged(t: Tracked, now: number, touchesSpread: boolean): void {
    t.state.quote.ts = now;
    t.state.touch('quotes', now);
    this.metrics.updates.quotes++;
    this.writer.markLatest(t.writes.ticker);
    if (touchesSpread) {
      this.writer.markLatest(t.writes.spread);
      if (!t.state.book) this.writer.markLatest(t.writes.imbalance);
    }
    this.topics.markQuote(t.state.symbol);
  }

  private bad(problem: string): void {
    this.metrics.badInput++;
    this.hooks.reportBadInput(problem);
  }
}
