import type { ChainRefresh, EngineBus } from '../bus/catalogue';
import type { OptionsFlowReading } from '../market/optionsFlow';
import { computeFlow, valuationTimeOf, type OptionsFlowSettings } from './optionsFlow';
import { emptyState, fromStored, toStored, validIvHistory, type FlowState, type OptionsFlowStorage } from './optionsFlowState';
import type { IvDay } from './ivHistory';

/** The logger's two calls the service uses (the app gives it a module logger). */
export interface FlowLog {
  warn(details: object, message: string): void;
}

export interface OptionsFlowServiceOptions {
  bus: EngineBus;
  storage: OptionsFlowStorage;
  settings: OptionsFlowSettings;
  symbols: readonly string[];
  log: FlowLog;
  now?: () => number;
  /**
   * The instant a chain is valued at (time to expiry, the New York day): by default its as-of time, or its session's
   * close for the previous session's chain (valuationTimeOf). A test whose simulated market runs on another clock than
   * the fetch stamps gives the market's clock.
   */
  valuationTime?: (chainAsOf: number) => number;
}

interface SymbolFlow {
  state: FlowState;
  ivHistory: IvDay[];
  latest: OptionsFlowReading | null;
  /** The refresh waiting while one is computed (only the newest is kept). */
  pending: ChainRefresh | null;
  running: Promise<void> | null;
}

/** Hands the event loop back between the stages of one refresh (a 10,000-contract chain takes milliseconds). */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Options flow as a bus service: at each chainRefreshed of a configured symbol it reads the chain back, computes the
 * flow (core/analytics/optionsFlow.ts), publishes flowUpdated and one unusualOptionsActivity per contract that just
 * became unusual, and stores the reading and its histories (so a restart keeps them). A chain that cannot be read is
 * logged and counted, and the last reading stays. Refreshes of one symbol are computed one at a time; one arriving
 * meanwhile waits, replaced by any newer one.
 */
export class OptionsFlowService {
  readonly name = 'optionsFlow';
  private readonly flows = new Map<string, SymbolFlow>();
  private unsubscribe: (() => void) | undefined;
  private readonly counts = { refreshes: 0, loadFailures: 0, chainsMissing: 0, storeFailures: 0, computeFailures: 0, stateUnreadable: 0, repeats: 0, unusualEvents: 0 };
  private lastComputeMs: number | null = null;
  private readonly now: () => number;

  constructor(private readonly options: OptionsFlowServiceOptions) {
    this.now = options.now ?? Date.now;
    for (const symbol of options.symbols) {
      this.flows.set(symbol, { state: emptyState(), ivHistory: [], latest: null, pending: null, running: null });
    }
  }

  /** Restores each symbol's histories from storage, then listens for chain refreshes. */
  async start(): Promise<void> {
    await Promise.all([...this.flows.entries()].map(([symbol, flow]) => this.restore(symbol, flow)));
    this.unsubscribe ??= this.options.bus.subscribe('chainRefreshed', (refresh) => this.onRefresh(refresh));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await Promise.all([...this.flows.values()].map((f) => f.running));
  }

  latest(symbol: string): OptionsFlowReading | null {
    return this.flows.get(symbol)?.latest ?? null;
  }

  /** Resolves once every refresh heard so far has been computed and stored. */
  async settled(): Promise<void> {
    while ([...this.flows.values()].some((f) => f.running)) await Promise.all([...this.flows.values()].map((f) => f.running));
  }

  detail(): Record<string, number | null> {
    return { ...this.counts, lastComputeMs: this.lastComputeMs };
  }

  private async restore(symbol: string, flow: SymbolFlow): Promise<void> {
    const { storage, log } = this.options;
    try {
      flow.state = fromStored(await storage.readState(symbol));
      flow.ivHistory = validIvHistory(await storage.readIvHistory(symbol));
      const reading = await storage.readReading(symbol);
      flow.latest = reading === null ? null : (JSON.parse(reading) as OptionsFlowReading);
    } catch (error) {
      this.counts.stateUnreadable++;
      log.warn({ err: error, symbol }, 'options flow history could not be read; it starts afresh');
    }
  }

  private onRefresh(refresh: ChainRefresh): void {
    const flow = this.flows.get(refresh.symbol);
    if (!flow) return;
    flow.pending = refresh;
    if (!flow.running) flow.running = this.drain(flow);
  }

  private async drain(flow: SymbolFlow): Promise<void> {
    try {
      while (flow.pending) {
        const refresh = flow.pending;
        flow.pending = null;
        await this.process(flow, refresh).catch((error: unknown) => {
          this.counts.computeFailures++;
          this.options.log.warn({ err: error, symbol: refresh.symbol }, 'options flow could not be computed; the last one stays');
        });
      }
    } finally {
      flow.running = null;
    }
  }

  private async process(flow: SymbolFlow, refresh: ChainRefresh): Promise<void> {
    const { bus, storage, settings, log } = this.options;
    let chain;
    try {
      chain = await refresh.load();
    } catch (error) {
      this.counts.loadFailures++;
      log.warn({ err: error, symbol: refresh.symbol }, 'option chain could not be read back; the last options flow stays');
      return;
    }
    if (!chain) {
      this.counts.chainsMissing++;
      return;
    }
    if (chain.asOf <= flow.state.asOf) {
      // The same chain again (restored at start-up, or published twice): its volumes would count as a refresh with
      // nothing traded. The reading it gave is shown again instead.
      this.counts.repeats++;
      if (flow.latest) bus.publish('flowUpdated', flow.latest);
      return;
    }
    const started = performance.now();
    const valuedAt = this.options.valuationTime?.(chain.asOf) ?? valuationTimeOf(chain);
    const step = await computeFlow(chain, flow.state, flow.ivHistory, settings, { computedAt: this.now(), valuedAt }, yieldToLoop);
    this.lastComputeMs = Math.round((performance.now() - started) * 10) / 10;
    Object.assign(flow, { state: step.state, ivHistory: step.ivHistory, latest: step.reading });
    this.counts.refreshes++;
    bus.publish('flowUpdated', step.reading);
    for (const contract of step.newlyUnusual) {
      this.counts.unusualEvents++;
      bus.publish('unusualOptionsActivity', { symbol: chain.symbol, asOf: chain.asOf, contract });
    }
    await yieldToLoop(); // the stored form of 10,000 contracts takes a couple of milliseconds more
    try {
      await storage.write(chain.symbol, JSON.stringify(step.reading), toStored(step.state), step.ivHistory);
    } catch (error) {
      this.counts.storeFailures++;
      log.warn({ err: error, symbol: chain.symbol }, 'options flow not stored');
    }
  }
}
