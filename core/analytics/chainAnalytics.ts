/**
 * The per-chain analytics — GEX / DEX with its flip grid, and the options flow — with what they keep between
 * refreshes: each symbol's chain for re-pricing GEX at a moved spot, and its flow state (paces, premiums, flagged
 * contracts, ATM IV history, last reading), restored from storage the first time a symbol is asked for.
 *
 * The app runs this on the analytics thread (core/app/analyticsWorker.ts), so a chain's ~1 MB of garbage and its
 * computations never touch the engine's event loop; the engine's services (gexService, optionsFlowService) only ask
 * through the ChainAnalytics port and get the small results back. The computations are the pure functions of
 * gammaExposure.ts and optionsFlow.ts.
 */
import type { GammaExposure } from '../market/gammaExposureReading';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { OptionsFlowReading, UnusualContract } from '../market/optionsFlow';
import { computeGammaExposure, type GammaExposureSettings, type GexChain } from './gammaExposure';
import type { IvDay } from './ivHistory';
import { computeFlow, valuationTimeOf, type OptionsFlowSettings } from './optionsFlow';
import { emptyState, fromStored, toStored, validIvHistory, type FlowState, type OptionsFlowStorage } from './optionsFlowState';
import { fillChainGreeks } from './ownGreeks';

/** The spot (and the clock) a held chain is priced at. */
export interface GexPricing {
  spot: number;
  spotAsOf: number;
  now: number;
}

export interface PricedGex {
  exposure: GammaExposure;
  /** The computation alone, ms, where it ran. */
  computeMs: number;
}

/** `valuedAt`: given only where a test's simulated market runs on another clock; else valuationTimeOf(chain). */
export interface FlowRequest {
  /** The refreshed chain's as-of time: a stored chain older than this is read again. */
  chainAsOf: number;
  computedAt: number;
  valuedAt?: number;
}

export type FlowOutcome = (
  | { kind: 'missing' }
  /** The stored chain is already newer than the refresh asked for: its own refresh follows (and is computed). */
  | { kind: 'superseded' }
  | { kind: 'unreadable'; problem: string }
  | { kind: 'repeat'; reading: OptionsFlowReading | null }
  | { kind: 'computed'; reading: OptionsFlowReading; newlyUnusual: UnusualContract[]; computeMs: number; unstored: string | null }
) & {
  /** Set once, on the first outcome after the stored history could not be read (the flow started afresh). */
  historyUnreadable?: string;
};

/** What the engine's services ask of the analytics, wherever they run. */
export interface ChainAnalytics {
  /**
   * Reads `symbol`'s stored chain (the refresh of `chainAsOf` or newer) and keeps it for priceGex. Null when none is
   * stored; rejects when it cannot be read. Either way the chain held before is kept.
   */
  loadGexChain(symbol: string, chainAsOf: number): Promise<{ asOf: number; contracts: number } | null>;
  /** GEX / DEX of the held chain at `at`; null when no chain is held (the analytics thread was replaced). */
  priceGex(symbol: string, at: GexPricing): Promise<PricedGex | null>;
  /** One refresh of the options flow, computed and stored; a chain no newer than the last one counted is a repeat. */
  flow(symbol: string, request: FlowRequest): Promise<FlowOutcome>;
}

export interface ChainAnalyticsCoreOptions {
  /** The stored chain of a symbol (null: none stored). */
  chains: (symbol: string) => Promise<OptionChainSnapshot | null>;
  flowStorage: OptionsFlowStorage;
  gex: GammaExposureSettings;
  flow: OptionsFlowSettings;
}

interface SymbolFlow {
  state: FlowState;
  ivHistory: IvDay[];
  latest: OptionsFlowReading | null;
  historyUnreadable?: string;
}

export class ChainAnalyticsCore implements ChainAnalytics {
  private readonly gexChains = new Map<string, GexChain>();
  private readonly flows = new Map<string, Promise<SymbolFlow>>();
  /** One read of a symbol's chain at a time, shared: GEX and the flow ask for the same refresh together. */
  private readonly reads = new Map<string, Promise<OptionChainSnapshot | null>>();

  constructor(private readonly options: ChainAnalyticsCoreOptions) {}

  async loadGexChain(symbol: string, chainAsOf: number): Promise<{ asOf: number; contracts: number } | null> {
    const chain = await this.chain(symbol, chainAsOf);
    if (!chain) return null;
    // Contracts the vendor sent without an IV get the engine's own from their mark (ownGreeks).
    const own = await fillChainGreeks(chain, valuationTimeOf(chain), this.options.gex.rate);
    this.gexChains.set(symbol, { ...slim(own.chain), ownIv: own.filled });
    return { asOf: chain.asOf, contracts: chain.contracts.length };
  }

  async priceGex(symbol: string, at: GexPricing): Promise<PricedGex | null> {
    const chain = this.gexChains.get(symbol);
    if (!chain) return null;
    const started = performance.now();
    const exposure = computeGammaExposure({ chain, ...at }, this.options.gex);
    return { exposure, computeMs: performance.now() - started };
  }

  async flow(symbol: string, request: FlowRequest): Promise<FlowOutcome> {
    const flow = await this.flowOf(symbol);
    const historyUnreadable = flow.historyUnreadable;
    delete flow.historyUnreadable;
    const noted = historyUnreadable === undefined ? {} : { historyUnreadable };
    let chain: OptionChainSnapshot | null;
    try {
      chain = await this.chain(symbol, request.chainAsOf);
    } catch (error) {
      return { kind: 'unreadable', problem: messageOf(error), ...noted };
    }
    if (!chain) return { kind: 'missing', ...noted };
    // A newer chain was stored since this refresh was announced: it is valued with its own refresh's times, so that a
    // reading never pairs a chain with another refresh's valuation time.
    if (chain.asOf > request.chainAsOf) return { kind: 'superseded', ...noted };
    // The same chain again (restored at start-up, or published twice): its volumes would count as a refresh with
    // nothing traded. The reading it gave is shown again instead.
    if (chain.asOf <= flow.state.asOf) return { kind: 'repeat', reading: flow.latest, ...noted };
    const started = performance.now();
    const valuedAt = request.valuedAt ?? valuationTimeOf(chain);
    const step = await computeFlow(chain, flow.state, flow.ivHistory, this.options.flow, { computedAt: request.computedAt, valuedAt });
    const computeMs = performance.now() - started;
    Object.assign(flow, { state: step.state, ivHistory: step.ivHistory, latest: step.reading });
    let unstored: string | null = null;
    try {
      await this.options.flowStorage.write(symbol, JSON.stringify(step.reading), toStored(step.state), step.ivHistory);
    } catch (error) {
      unstored = messageOf(error);
    }
    return { kind: 'computed', reading: step.reading, newlyUnusual: step.newlyUnusual, computeMs, unstored, ...noted };
  }

  private async chain(symbol: string, atLeast: number): Promise<OptionChainSnapshot | null> {
    const shared = this.reads.get(symbol);
    const chain = shared ? await shared : null;
    if (chain && chain.asOf >= atLeast) return chain;
    const read = this.options.chains(symbol).finally(() => {
      if (this.reads.get(symbol) === read) this.reads.delete(symbol);
    });
    this.reads.set(symbol, read);
    return read;
  }

  private flowOf(symbol: string): Promise<SymbolFlow> {
    let flow = this.flows.get(symbol);
    if (!flow) this.flows.set(symbol, (flow = this.restore(symbol)));
    return flow;
  }

  private async restore(symbol: string): Promise<SymbolFlow> {
    const storage = this.options.flowStorage;
    try {
      const state = fromStored(await storage.readState(symbol));
      const ivHistory = validIvHistory(await storage.readIvHistory(symbol));
      const reading = await storage.readReading(symbol);
      return { state, ivHistory, latest: reading === null ? null : (JSON.parse(reading) as OptionsFlowReading) };
    } catch (error) {
      return { state: emptyState(), ivHistory: [], latest: null, historyUnreadable: messageOf(error) };
    }
  }
}

/**
 * Five fields of each contract instead of twenty: a symbol's chain is kept between refreshes, and every major
 * collection marks what is kept (a 10,000-contract chain: some 2.5 MB whole, about 0.6 MB slim).
 */
function slim(chain: OptionChainSnapshot): GexChain {
  return {
    symbol: chain.symbol, asOf: chain.asOf,
    contracts: chain.contracts.map(({ expiry, strike, type, openInterest, iv }) => ({ expiry, strike, type, openInterest, iv })),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
