/**
 * GEX / DEX as a bus service: on each chainRefreshed of a symbol it serves, the chain is read back (ChainRefresh.load,
 * off the engine's thread) and priced at the live spot in slices (gexSlices), and gexUpdated is published; the chain
 * is kept and priced again whenever the live spot has moved more than the re-price step from the spot last priced.
 * Contracts the vendor sent without an IV get the engine's own from their mark when the chain is read (ownGreeks).
 *
 * Per symbol at most one computation runs; a newer chain overtakes it (the older one is dropped between two slices).
 * A chain that cannot be read back is reported (onProblem) and counted; the last figures stay as they were.
 */
import type { ChainRefresh, EngineBus } from '../bus/catalogue';
import type { GammaExposureUpdate } from '../market/gammaExposureReading';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { Quote } from '../market/quote';
import { spotMovedBeyond, type GammaExposureSettings, type GexChain } from './gammaExposure';
import { computeInSlices, yieldToEventLoop, type SliceOptions } from './gexSlices';
import { valuationTimeOf } from './optionsFlow';
import { fillChainGreeks } from './ownGreeks';

export interface GexServiceOptions {
  bus: EngineBus;
  symbols: readonly string[];
  settings: GammaExposureSettings;
  /** Relative spot move that triggers a re-price (0.005 = 0.5%). */
  repriceStep: number;
  /** Told about each chain that could not be read back or priced (the app logs it). */
  onProblem?: (symbol: string, problem: string, error?: unknown) => void;
  now?: () => number;
  /** Default 2 ms a slice, yielding with setImmediate. */
  slicing?: Partial<Pick<SliceOptions, 'sliceMs' | 'yieldTurn'>>;
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
  /** The last computation, ms from start to publish, and its longest slice. */
  lastDurationMs: number | null;
  lastLongestSliceMs: number | null;
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
  /** The newest chain read back, only what pricing reads of it: kept for re-pricing on spot moves. */
  chain: GexChain | null;
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
    computations: 0, reprices: 0, overtaken: 0, failures: 0, lastDurationMs: null, lastLongestSliceMs: null, lastSkippedContracts: 0,
  };

  constructor(private readonly options: GexServiceOptions) {
    for (const symbol of options.symbols) {
      this.states.set(symbol, {
        symbol, refresh: null, generation: 0, chain: null, chainGeneration: 0, failedGeneration: 0, computedGeneration: 0, pricedSpot: null, quote: null, running: false,
      });
    }
  }

  get stats(): GexServiceFigures {
    let waitingForSpot = 0;
    for (const s of this.states.values()) if (s.chain && s.pricedSpot === null && spotOf(s.quote) === null) waitingForSpot++;
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
   * Stops listening; a computation in progress is dropped at its next slice, and a read-back in flight when it answers
   * (not awaited: the chain reader may already be gone, and its answer would then never come).
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
    if (!state.running && state.chain) this.kick(state);
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
    if (!state.chain || spot === null) return null;
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
    let chain: OptionChainSnapshot | null;
    try {
      chain = await refresh.load();
    } catch (error) {
      this.failed(state, generation, `the option chain of ${state.symbol} (as of ${new Date(refresh.asOf).toISOString()}) could not be read back; the last GEX is kept`, error);
      return;
    }
    if (generation !== state.generation) return; // a newer chain came in meanwhile: read that one
    if (!chain) {
      this.failed(state, generation, `the option chain of ${state.symbol} (as of ${new Date(refresh.asOf).toISOString()}) is no longer stored; the last GEX is kept`);
      return;
    }
    const own = await fillChainGreeks(chain, valuationTimeOf(chain), this.options.settings.rate, yieldToEventLoop);
    if (generation !== state.generation) return;
    state.chain = { ...slim(own.chain), ownIv: own.filled };
    state.chainGeneration = generation;
  }

  private failed(state: SymbolState, generation: number, problem: string, error?: unknown): void {
    if (generation === state.generation) state.failedGeneration = generation;
    this.figures.failures++;
    this.options.onProblem?.(state.symbol, problem, error);
  }

  private async compute(state: SymbolState): Promise<void> {
    const { quote, chain, chainGeneration } = state;
    const spot = spotOf(quote)!;
    const now = this.options.now ?? Date.now;
    const started = performance.now();
    const trigger = state.computedGeneration === chainGeneration ? 'spot' : 'chain';
    const generation = state.generation;
    let result;
    try {
      result = await computeInSlices({ chain: chain!, spot, spotAsOf: quote!.ts, now: now() }, this.options.settings, {
        sliceMs: this.options.slicing?.sliceMs ?? 2,
        yieldTurn: this.options.slicing?.yieldTurn ?? yieldToEventLoop,
        stillWanted: () => !this.stopped && state.generation === generation,
      });
    } catch (error) {
      state.computedGeneration = chainGeneration;
      state.pricedSpot = spot; // not tried again until the next chain or the next move
      this.figures.failures++;
      this.options.onProblem?.(state.symbol, `the option chain of ${state.symbol} could not be priced: ${error instanceof Error ? error.message : String(error)}`, error);
      return;
    }
    if (!result) {
      if (!this.stopped) this.figures.overtaken++;
      return;
    }
    const { exposure, longestSliceMs } = result;
    state.computedGeneration = chainGeneration;
    state.pricedSpot = spot;
    const f = this.figures;
    f.computations++;
    if (trigger === 'spot') f.reprices++;
    f.lastDurationMs = performance.now() - started;
    f.lastLongestSliceMs = longestSliceMs;
    f.lastSkippedContracts = exposure.contracts.withoutIv + exposure.contracts.expired + exposure.contracts.invalid;
    const update: GammaExposureUpdate = { ...exposure, trigger, computedAt: now() };
    this.options.bus.publish('gexUpdated', update);
  }
}

/**
 * Five fields of each contract instead of twenty: a symbol's chain stays on the engine's heap between refreshes, and
 * every major collection marks what is kept (a 10,000-contract chain: some 2.5 MB whole, about 0.6 MB slim).
 */
function slim(chain: OptionChainSnapshot): GexChain {
  return {
    symbol: chain.symbol, asOf: chain.asOf,
    contracts: chain.contracts.map(({ expiry, strike, type, openInterest, iv }) => ({ expiry, strike, type, openInterest, iv })),
  };
}

/** The quote's mid when both sides are there, else its last price; null without either. */
export function spotOf(quote: Quote | null): number | null {
  if (!quote) return null;
  if (quote.bid !== null && quote.ask !== null && quote.bid > 0 && quote.ask >= quote.bid) return (quote.bid + quote.ask) / 2;
  return quote.last !== null && quote.last > 0 ? quote.last : null;
}
