/**
 * Each symbol's latest inputs, kept from the bus, and the StrategySnapshot built from them at a moment: the quote, the
 * last five-second bars, the Level 2 book's imbalance, GEX, VPIN, options flow, recent sweeps, the option chain (only
 * for symbols an option strategy trades, only the expiries it could pick), Alpha Vantage's technicals and sentiment,
 * and the position. A snapshot copies what may change later, so a strategy sees one moment.
 */
import { bookImbalance } from '../analytics/imbalance';
import type { EngineBus } from '../bus/catalogue';
import type { Bar } from '../market/bar';
import type { DepthView } from '../market/book';
import type { GammaExposureUpdate } from '../market/gammaExposureReading';
import { addDays, etDate, etParts } from '../market/newYorkTime';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { OptionsFlowReading } from '../market/optionsFlow';
import { FINAL_ORDER_STATUSES, type OrderRecord, type Position } from '../market/order';
import type { Quote } from '../market/quote';
import type { SentimentScore } from '../market/sentiment';
import type { SweepEvent } from '../market/sweep';
import type { TechnicalsBySymbol } from '../market/technicals';
import type { VpinReading } from '../market/vpinReading';
import type { SymbolDiscovery } from '../market/discoveryReading';
import type { StrategySnapshot } from './strategySnapshot';

/** Five-second bars kept per symbol (the longest lookback is well under half of it). */
export const BARS_KEPT = 200;
/** Sweeps older than this are dropped (the rules look back minutes). */
const SWEEPS_KEPT_MS = 15 * 60_000;
/** The best levels of each side the imbalance is measured over (the strategies' doc comments say five). */
const IMBALANCE_LEVELS = 5;

interface SymbolInputs {
  quote: Quote | null;
  bars: Bar[];
  book: DepthView | null;
  gex: GammaExposureUpdate | null;
  vpin: VpinReading | null;
  flow: OptionsFlowReading | null;
  sweeps: SweepEvent[];
  chain: OptionChainSnapshot | null;
  /** The chain refresh being read (a newer one supersedes it). */
  chainLoading: number;
  technicals: TechnicalsBySymbol;
  sentiment: SentimentScore | null;
  positionQuantity: number;
  discovered: SymbolDiscovery | null;
}

export interface SnapshotBookOptions {
  bus: EngineBus;
  symbols: readonly string[];
  /** Symbols an option strategy trades: their chains are read back (others are never loaded). */
  chainSymbols: ReadonlySet<string>;
  /** Expiries further than this many calendar days are dropped from a loaded chain. */
  maxChainDays: number;
  /** A chain that could not be read back. */
  onProblem?: (symbol: string, problem: string) => void;
  clock?: () => number;
}

export class SnapshotBook {
  private readonly inputs = new Map<string, SymbolInputs>();
  private readonly offs: Array<() => void> = [];
  /** Orders not yet final, by id: their symbol (a strategy stays out of a symbol with a working order). */
  private readonly working = new Map<number, string>();
  private readonly clock: () => number;

  constructor(private readonly options: SnapshotBookOptions) {
    this.clock = options.clock ?? Date.now;
    for (const symbol of options.symbols) this.inputs.set(symbol, emptyInputs());
  }

  start(): void {
    const { bus } = this.options;
    const on = <T>(symbol: (event: T) => string, apply: (inputs: SymbolInputs, event: T) => void) => (event: T) => {
      const inputs = this.inputs.get(symbol(event));
      if (inputs) apply(inputs, event);
    };
    this.offs.push(
      bus.subscribe('quoteChanged', on((q) => q.symbol, (i, q) => (i.quote = q))),
      bus.subscribe('barClosed', on((b) => b.symbol, (i, b) => pushBar(i.bars, b))),
      bus.subscribe('bookChanged', on((c) => c.symbol, (i, c) => (i.book = c.book))),
      bus.subscribe('bookCleared', on((c) => c.symbol, (i) => (i.book = null))),
      bus.subscribe('gexUpdated', on((g) => g.symbol, (i, g) => (i.gex = g))),
      bus.subscribe('vpinUpdated', on((v) => v.symbol, (i, v) => (i.vpin = v))),
      bus.subscribe('flowUpdated', on((f) => f.symbol, (i, f) => (i.flow = f))),
      bus.subscribe('sweepDetected', on((s) => s.symbol, (i, s) => this.addSweep(i, s))),
      bus.subscribe('technicalsRefreshed', on((t) => t.symbol, (i, t) => (i.technicals = { ...i.technicals, [t.indicator]: t }))),
      bus.subscribe('sentimentRefreshed', on((s) => s.score.symbol, (i, s) => (i.sentiment = s.score))),
      bus.subscribe('chainRefreshed', (refresh) => void this.loadChain(refresh.symbol, refresh.asOf, refresh.load)),
      bus.subscribe('positionsChanged', (positions) => this.positions(positions)),
      bus.subscribe('orderChanged', (order) => this.order(order)),
      bus.subscribe('parametersDiscovered', (run) => {
        for (const found of run.symbols) {
          const inputs = this.inputs.get(found.symbol);
          if (inputs) inputs.discovered = found;
        }
      }),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** The underlying's price now: the mid of a two-sided quote, else the last; null when there is neither. */
  price(symbol: string): number | null {
    const quote = this.inputs.get(symbol)?.quote;
    if (!quote) return null;
    if (quote.bid !== null && quote.ask !== null && quote.bid > 0 && quote.ask >= quote.bid) return (quote.bid + quote.ask) / 2;
    return quote.last;
  }

  snapshot(symbol: string, now = this.clock()): StrategySnapshot {
    const i = this.inputs.get(symbol) ?? emptyInputs();
    const parts = etParts(now);
    const technicals = Object.keys(i.technicals).length > 0 ? { ...i.technicals } : null;
    return {
      symbol, now, marketDate: etDate(now), marketMinute: parts.hour * 60 + parts.minute,
      quote: i.quote ? { ...i.quote } : null,
      bars: i.bars.slice(),
      imbalance: i.book ? bookImbalance(i.book.bids, i.book.asks, IMBALANCE_LEVELS) : null,
      gex: i.gex, vpin: i.vpin, flow: i.flow,
      sweeps: i.sweeps.filter((s) => now - s.detectedAt <= SWEEPS_KEPT_MS).reverse(),
      chain: i.chain,
      discovered: i.discovered,
      technicals, sentiment: i.sentiment, positionQuantity: i.positionQuantity,
      workingOrders: this.workingOrders(symbol),
    };
  }

  private addSweep(inputs: SymbolInputs, sweep: SweepEvent): void {
    inputs.sweeps.push(sweep);
    const cutoff = sweep.detectedAt - SWEEPS_KEPT_MS;
    while (inputs.sweeps.length > 0 && inputs.sweeps[0]!.detectedAt < cutoff) inputs.sweeps.shift();
  }

  /** Read back off the event loop's hot path (the chain reader's thread); a newer refresh wins over an older read. */
  private async loadChain(symbol: string, asOf: number, load: () => Promise<OptionChainSnapshot | null>): Promise<void> {
    const inputs = this.inputs.get(symbol);
    if (!inputs || !this.options.chainSymbols.has(symbol)) return;
    inputs.chainLoading = asOf;
    let chain: OptionChainSnapshot | null;
    try {
      chain = await load();
    } catch (error) {
      this.options.onProblem?.(symbol, `the option chain of ${symbol} could not be read back (${(error as Error).message}); the strategies keep the last one`);
      return;
    }
    if (!chain || inputs.chainLoading !== asOf) return;
    // YYYY-MM-DD compares as text: no date parsing per contract on the engine's thread.
    const today = etDate(this.clock());
    const last = addDays(today, this.options.maxChainDays);
    const contracts = chain.contracts.filter((c) => c.expiry >= today && c.expiry <= last);
    inputs.chain = { ...chain, contracts };
  }

  private order(order: OrderRecord): void {
    if (FINAL_ORDER_STATUSES.has(order.status)) this.working.delete(order.orderId);
    else this.working.set(order.orderId, order.instrument.symbol);
  }

  private workingOrders(symbol: string): number {
    let count = 0;
    for (const working of this.working.values()) if (working === symbol) count++;
    return count;
  }

  private positions(positions: readonly Position[]): void {
    for (const inputs of this.inputs.values()) inputs.positionQuantity = 0;
    for (const p of positions) {
      const inputs = this.inputs.get(p.instrument.symbol);
      if (inputs) inputs.positionQuantity += p.quantity;
    }
  }
}

function emptyInputs(): SymbolInputs {
  return { quote: null, bars: [], book: null, gex: null, vpin: null, flow: null, sweeps: [], chain: null, chainLoading: 0, technicals: {}, sentiment: null, positionQuantity: 0, discovered: null };
}

function pushBar(bars: Bar[], bar: Bar): void {
  bars.push(bar);
  if (bars.length > BARS_KEPT) bars.splice(0, bars.length - BARS_KEPT);
}
