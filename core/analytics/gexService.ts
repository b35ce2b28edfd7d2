/**
 * GEX / DEX as a bus service: on each chainRefreshed of a symbol it serves, the analytics (ChainAnalytics: the app
 * runs them on the analytics thread) read the stored chain and keep it; it is priced there at the live spot, and
 * gexUpdated is published here; the chain is priced again whenever the live spot has moved more than the re-price step
 * from the spot last priced. The engine's thread only sends spots and receives the figures.
 * Contracts the vendor sent without an IV get the engine's own from their mark when the chain is read there
 * (ownGreeks).
 *
 * Per symbol at most one request runs; figures of a chain overtaken by a newer one meanwhile are dropped.
 * A chain that cannot be read back is reported (onProblem) and counted; the last figures stay as they were.
 */
import type { ChainRefresh, EngineBus } from '../bus/catalogue';
import type { GammaExposureUpdate } from '../market/gammaExposureReading';
import type { Quote } from '../market/quote';
import type { ChainAnalytics } from './chainAnalytics';
import { spotMovedBeyond } from './gammaExposure';

export interface GexServiceOptions {
  bus: EngineBus;
  symbols: readonly string[];
  /** Where chains are read, kept and priced (the app's analytics thread). */
  analytics: Pick<ChainAnalytics, 'loadGexChain' | 'priceGex'>;
  /** Relative spot move that triggers a re-price (0.005 = 0.5%). */
  repriceStep: number;
  /** Told about each chain that could not be read back or priced (the app logs it). */
  onProblem?: (symbol: string, problem: string, error?: unknown) => void;
  now?: () => number;
}

/** Health figures, all symbols together. */
export interface GexServiceFigures {
  computations: number;
  /** Computations that were re-prices at a moved spot (of `computations`). */
  reprices: number;
  /** Computations dropped because a newer chain came in. */
  overtaken: number;
  /** Chains that could not be read back (gone from Redis, or unreadable) or priced. */
  failures: number;
  /** The last computation, ms from the request to publish, and the computation alone (on the analytics thread). */
  lastDurationMs: number | null;
  lastComputeMs: number | null;
  /** Contracts the last computation left out: no IV, expired, invalid strike or open interest. */
  lastSkippedContracts: number;
  /** Chains waiting for a first spot (no quote yet). */
  waitingForSpot: number;
}

interface SymbolState {
  symbol: string;
  refresh: ChainRefresh | null;
  /** Bumped by every chainRefreshed: a computation of an older generation is dropped. */
  generation: number;
  /** Whether the analytics hold a chain of the symbol (kept there for re-pricing on spot moves), and its generation. */
  chainHeld: boolean;
  chainGeneration: number;
  /** The generation whose read-back failed: not tried again until the next refresh. */
  failedGeneration: number;
  computedGeneration: number;
  pricedSpot: number | null;
  quote: Quote | null;
  running: boolean;
}

export class GexService {
  readonly name = 'gexService';
  private readonly states = new Map<string, SymbolState>();
  private readonly offs: Array<() => void> = [];
  private stopped = true;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly figures: Omit<GexServiceFigures, 'waitingForSpot'> = {
    computations: 0, reprices: 0, overtaken: 0, failures: 0, lastDurationMs: null, lastComputeMs: null, lastSkippedContracts: 0,
  };

  constructor(private readonly options: GexServiceOptions) {
    for (const symbol of options.symbols) {
      this.states.set(symbol, {
        symbol, refresh: null, generation: 0, chainHeld: false, chainGeneration: 0, failedGeneration: 0, computedGeneration: 0, pricedSpot: null, quote: null, running: false,
      });
    }
  }

  get stats(): GexServiceFigures {
    let waitingForSpot = 0;
    for (const s of this.states.values()) if (s.chainHeld && s.pricedSpot === null && spotOf(s.quote) === null) waitingForSpot++;
    return { ...this.figures, waitingForSpot };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const { bus } = this.options;
    this.offs.push(
      bus.subscribe('chainRefreshed', (refresh) => this.onChain(refresh)),
      bus.subscribe('quoteChanged', (quote) => this.onQuote(quote)),
    );
  }

  /**
   * Stops listening; a request in flight is dropped when it answers (not awaited: the analytics thread may already be
   * gone, and its answer would then never come).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const off of this.offs.splice(0)) off();
  }

  /** Resolves once no symbol has work left (tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private onChain(refresh: ChainRefresh): void {
    const state = this.states.get(refresh.symbol);
    if (!state) return;
    state.refresh = refresh;
    state.generation++;
    this.kick(state);
  }

  private onQuote(quote: Quote): void {
    const state = this.states.get(quote.symbol);
    if (!state) return;
    state.quote = quote; // the venue's live object: read again at each look
    if (!state.running && state.chainHeld) this.kick(state);
  }

  private kick(state: SymbolState): void {
    if (state.running || this.stopped || this.nextStep(state) === null) return;
    state.running = true;
    const run = this.run(state).finally(() => {
      state.running = false;
      this.inFlight.delete(run);
    });
    this.inFlight.add(run);
  }

  private nextStep(state: SymbolState): 'load' | 'compute' | null {
    if (this.stopped) return null;
    if (state.refresh && state.chainGeneration !== state.generation && state.failedGeneration !== state.generation) return 'load';
    const spot = spotOf(state.quote);
    if (!state.chainHeld || spot === null) return null;
    if (state.computedGeneration !== state.chainGeneration) return 'compute';
    return state.pricedSpot !== null && spotMovedBeyond(state.pricedSpot, spot, this.options.repriceStep) ? 'compute' : null;
  }

  private async run(state: SymbolState): Promise<void> {
    for (let step = this.nextStep(state); step !== null; step = this.nextStep(state)) {
      if (step === 'load') await this.load(state);
      else await this.compute(state);
    }
  }

  private async load(state: SymbolState): Promise<void> {
    const generation = state.generation;
    const refresh = state.refresh!;
    const chain = `the option chain of ${state.symbol} (as of ${new Date(refresh.asOf).toISOString()})`;
    let loaded;
    try {
      loaded = await this.options.analytics.loadGexChain(state.symbol, refresh.asOf);
    } catch (error) {
      this.failed(state, generation, `${chain} could not be read back; the last GEX is kept`, error);
      return;
    }
    if (!loaded) {
      this.failed(state, generation, `${chain} is no longer stored; the last GEX is kept`);
      return;
    }
    state.chainHeld = true;
    state.chainGeneration = generation;
  }

  private failed(state: SymbolState, generation: number, problem: string, error?: unknown): void {
    if (this.stopped) return; // the analytics stopping after this service fails what was in flight: not a fault
    if (generation === state.generation) state.failedGeneration = generation;
    this.figures.failures++;
    this.options.onProblem?.(state.symbol, problem, error);
  }

  private async compute(state: SymbolState): Promise<void> {
    const { quote, chainGeneration } = state;
    const spot = spotOf(quote)!;
    const now = this.options.now ?? Date.now;
    const started = performance.now();
    const trigger = state.computedGeneration === chainGeneration ? 'spot' : 'chain';
    const generation = state.generation;
    let priced;
    try {
      priced = await this.options.analytics.priceGex(state.symbol, { spot, spotAsOf: quote!.ts, now: now() });
    } catch (error) {
      if (this.stopped) return;
      state.computedGeneration = chainGeneration;
      state.pricedSpot = spot; // not tried again until the next chain or the next move
      this.figures.failures++;
      this.options.onProblem?.(state.symbol, `the option chain of ${state.symbol} could not be priced: ${messageOf(error)}`, error);
      return;
    }
    if (this.stopped) return;
    if (!priced) {
      // The analytics lost the chain (their thread was replaced): read it again, unless that read failed before.
      state.chainHeld = false;
      state.chainGeneration = 0;
      if (state.failedGeneration === state.generation) state.failedGeneration = 0;
      return;
    }
    if (state.generation !== generation) {
      this.figures.overtaken++; // a newer chain came in meanwhile: its figures follow
      return;
    }
    const { exposure, computeMs } = priced;
    state.computedGeneration = chainGeneration;
    state.pricedSpot = spot;
    const f = this.figures;
    f.computations++;
    if (trigger === 'spot') f.reprices++;
    f.lastDurationMs = performance.now() - started;
    f.lastComputeMs = computeMs;
    f.lastSkippedContracts = exposure.contracts.withoutIv + exposure.contracts.expired + exposure.contracts.invalid;
    const update: GammaExposureUpdate = { ...exposure, trigger, computedAt: now() };
    this.options.bus.publish('gexUpdated', update);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The quote's mid when both sides are there, else its last price; null without either. */
export function spotOf(quote: Quote | null): number | null {
  if (!quote) return null;
  if (quote.bid !== null && quote.ask !== null && quote.bid > 0 && quote.ask >= quote.bid) return (quote.bid + quote.ask) / 2;
  return quote.last !== null && quote.last > 0 ? quote.last : null;
}
