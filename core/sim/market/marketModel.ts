import { aggregateBars, dailyFromIntraday } from './barSeries';
import { sessionDate } from './expiries';
import type { SimAggressor, SimBar, SimDepthBook, Fill, MarketEpisode, MarketEventMap, MarketFeed, OptionQuote, SimQuote, SymbolSpec } from './marketFeed';
import { etToUtc, isValidDate, previousWeekday } from '../../market/newYorkTime';
import { DIFFUSION_VARIANCE_SHARE, MarketEngine } from './marketEngine';
import { OptionChains } from './optionChains';
import { Pacer } from './pacer';
import { PriorHistory } from './priorHistory';
import { deriveSeed } from './rng';
import { selectSymbols, toSpec, type SymbolModel } from './symbols';
import type { RegimeName } from './volatilityRegime';

/** 2025-01-06 09:30 New York, a Monday open: the default market clock start. */
export const DEFAULT_START_TS = Date.UTC(2025, 0, 6, 14, 30);

export interface MarketModelOptions {
  seed: number;
  /** Market-clock speed under start(): 1 is real time. */
  speed?: number;
  /** Subset of the twelve default symbols. */
  symbols?: string[];
  /** Market clock at creation, epoch ms (default 2025-01-06 09:30 New York, a Monday open). */
  startTs?: number;
}

/** The seeded simulated market, as a MarketFeed plus the history it can reconstruct. */
export class MarketModel implements MarketFeed {
  private readonly engine: MarketEngine;
  private readonly specs: SymbolSpec[];
  private readonly chains: OptionChains;
  private readonly prior: PriorHistory;
  private readonly pacer: Pacer;

  constructor(options: MarketModelOptions) {
    const startTs = options.startTs ?? DEFAULT_START_TS;
    const models = selectSymbols(options.symbols);
    this.engine = new MarketEngine(options.seed, models, startTs);
    this.specs = models.map(toSpec);
    this.prior = new PriorHistory(deriveSeed(options.seed, 'history'), startTs);
    const engine = this.engine;
    this.chains = new OptionChains(deriveSeed(options.seed, 'options'), {
      model: (s) => engine.bySymbol.get(s)?.model,
      spot: (s) => engine.bySymbol.get(s)?.mid() ?? NaN,
      listingSpot: (s, session) => engine.sessionSpots.get(session)?.get(s) ?? engine.bySymbol.get(s)?.mid() ?? NaN,
      volMultiplier: () => engine.regime.vol,
      now: () => engine.now,
      session: () => engine.session,
    });
    engine.chains = this.chains;
    this.pacer = new Pacer((ms) => this.engine.advance(ms), options.speed ?? 1);
  }

  symbols(): SymbolSpec[] {
    return this.specs;
  }

  symbol(symbol: string): SymbolSpec | undefined {
    return this.specs.find((s) => s.symbol === symbol);
  }

  quote(symbol: string): SimQuote | undefined {
    return this.engine.bySymbol.get(symbol)?.quote(this.engine.now);
  }

  depth(symbol: string): SimDepthBook | undefined {
    const book = this.engine.bySymbol.get(symbol);
    return book?.model.level2 ? book.depth(this.engine.now) : undefined;
  }

  bars(symbol: string, count: number): SimBar[] {
    return this.engine.bySymbol.get(symbol)?.bars.recent(count) ?? [];
  }

  /**
   * Bars of `barSeconds` (5, or a multiple of 60 up to 3600, or 86400 for daily), oldest first, joining the
   * synthetic history before the model started to the live 5-second bars; the last bar may still be forming.
   */
  historicalBars(symbol: string, barSeconds: number, count: number): SimBar[] {
    const book = this.engine.bySymbol.get(symbol);
    if (!book || count <= 0) return [];
    const live = book.bars.all();
    if (barSeconds === 5) return live.slice(-count);
    if (barSeconds === 86_400) return [...this.prior.dailyBars(book.model), ...dailyFromIntraday(live)].slice(-count);
    if (barSeconds % 60 !== 0 || barSeconds > 3600) throw new RangeError(`unsupported bar size ${barSeconds}s`);
    const minutes = this.prior.minuteBars(book.model);
    return aggregateBars([...minutes, ...live], barSeconds).slice(-count);
  }

  /**
   * The last price of the session before the current one: the close of the last live bar that began before the
   * current session (it starts at the previous weekday's 16:00 New York), else the last daily bar of the history.
   */
  previousClose(symbol: string): number | undefined {
    const book = this.engine.bySymbol.get(symbol);
    if (!book) return undefined;
    const sessionStart = etToUtc(previousWeekday(this.engine.session), 16) / 1000;
    const lastBefore = book.bars.all().findLast((b) => b.time < sessionStart);
    if (lastBefore) return lastBefore.close;
    return this.prior.dailyBars(book.model).at(-1)?.close;
  }

  optionChain(underlying: string): OptionQuote[] {
    return this.chains.chain(underlying);
  }

  option(conId: number): OptionQuote | undefined {
    return this.chains.option(conId);
  }

  /** The chain at the close of a past session (YYYY-MM-DD), or the live chain for today's session. */
  historicalOptionChain(underlying: string, date: string): OptionQuote[] {
    const model = this.engine.bySymbol.get(underlying)?.model;
    if (!model || !isValidDate(date)) return [];
    if (date === this.engine.session) return this.chains.chain(underlying);
    const day = this.prior.dailyBars(model).find((b) => sessionDate(b.time * 1000) === date);
    return day ? this.chains.historicalChain(underlying, date, day.close) : [];
  }

  /** Takes liquidity for an order: walks the book (every symbol has one, shown or not). */
  fill(symbol: string, side: SimAggressor, quantity: number, limitPrice?: number): Fill[] {
    const book = this.engine.bySymbol.get(symbol);
    if (!book || book.halted(this.engine.now) || !(quantity > 0)) return [];
    const fills: Fill[] = [];
    const bookSide = side === 'buy' ? book.asks : book.bids;
    const limit = limitPrice === undefined ? NaN : side === 'buy'
      ? Math.floor(limitPrice * book.ticksPerDollar + 1e-9)
      : Math.ceil(limitPrice * book.ticksPerDollar - 1e-9);
    bookSide.take(Math.floor(quantity), limit, (ticks, size, exchange) => {
      const price = ticks / book.ticksPerDollar;
      fills.push({ price, size, exchange });
      book.recordPrint(price, size);
      this.engine.emitter.emit('trade', {
        symbol, price, size, exchange, aggressor: side, kind: 'noise', totalVolume: book.volume, vwap: book.vwap(), ts: this.engine.now,
      });
    });
    if (fills.length > 0) {
      book.markBookChanged();
      this.engine.flush(book);
    }
    return fills;
  }

  /**
   * Sends an aggressive order through `levels` price levels of a symbol's book now, as the model's own sweeps do
   * (the sim console's `sweep` command: practice and tests). Null for an unknown or halted symbol or an empty side.
   */
  injectSweep(symbol: string, aggressor: SimAggressor, levels: number): MarketEpisode | null {
    const book = this.engine.bySymbol.get(symbol);
    if (!book || book.halted(this.engine.now)) return null;
    return this.engine.injectSweep(book, aggressor, levels);
  }

  /**
   * Starts a burst of one-sided informed flow now (the sim console's `informed` command: practice and tests): mostly
   * buys (`buy`) or sells for `durationMs`, fair value drifting its way, then the news: a sweep and the rest of a
   * `moveBps` move. Null for an unknown or halted symbol, or one already in an informed episode.
   */
  injectInformedFlow(symbol: string, side: SimAggressor, durationMs: number, moveBps?: number): MarketEpisode | null {
    const book = this.engine.bySymbol.get(symbol);
    if (!book || !(durationMs > 0)) return null;
    return this.engine.injectInformed(book, side === 'buy' ? 1 : -1, durationMs, moveBps);
  }

  /**
   * Unusual options activity now: `contracts` more traded in one of today's listed contracts (OCC id) over the next
   * `durationMs`, as the model's own episodes (tests and practice). Null for an unknown symbol or contract. Taken at
   * any hour: before the session opens its contracts add to the last session's volume (the seeded episodes start in
   * regular hours only).
   */
  injectUnusualOptions(occId: string, contracts: number, durationMs: number): MarketEpisode | null {
    const book = this.engine.books.find((b) => occId.startsWith(b.symbol) && /^\d{6}[CP]\d{8}$/.test(occId.slice(b.symbol.length)));
    return book ? this.engine.injectUnusualOptions(book, occId, contracts, durationMs) : null;
  }

  now(): number {
    return this.engine.now;
  }

  regime(): RegimeName {
    return this.engine.regime.name;
  }

  /**
   * The correlation of two symbols' returns the model aims at: the product of their factor loadings, diluted
   * by the idiosyncratic informed moves. NaN for an unknown symbol.
   */
  targetCorrelation(a: string, b: string): number {
    const ma = this.symbolModel(a);
    const mb = this.symbolModel(b);
    return ma && mb ? ma.factorLoading * mb.factorLoading * DIFFUSION_VARIANCE_SHARE : NaN;
  }

  /** The parameters behind a symbol (vol, factor loading…), for tests and documentation. */
  symbolModel(symbol: string): SymbolModel | undefined {
    return this.engine.bySymbol.get(symbol)?.model;
  }

  on<K extends keyof MarketEventMap>(event: K, listener: (...args: MarketEventMap[K]) => void): void {
    this.engine.emitter.on(event, listener);
  }

  off<K extends keyof MarketEventMap>(event: K, listener: (...args: MarketEventMap[K]) => void): void {
    this.engine.emitter.off(event, listener);
  }

  start(): void {
    this.pacer.start();
  }

  stop(): void {
    this.pacer.stop();
  }

  advance(ms: number): void {
    this.engine.advance(ms);
  }
}

export function createMarketModel(options: MarketModelOptions): MarketModel {
  return new MarketModel(options);
}
