import type { ChainRefresh, EngineBus } from '../bus/catalogue';
import type { OptionsFlowReading } from '../market/optionsFlow';
import type { ChainAnalytics, FlowOutcome } from './chainAnalytics';

/** The logger's two calls the service uses (the app gives it a module logger). */
export interface FlowLog {
  warn(details: object, message: string): void;
}

export interface OptionsFlowServiceOptions {
  bus: EngineBus;
  /** Where chains are read and the flow computed and stored, with its histories (the app's analytics thread). */
  analytics: Pick<ChainAnalytics, 'flow'>;
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
  latest: OptionsFlowReading | null;
  /** The refresh waiting while one is computed (only the newest is kept). */
  pending: ChainRefresh | null;
  running: Promise<void> | null;
}

/**
 * Options flow as a bus service: at each chainRefreshed of a configured symbol the analytics (on their own thread in
 * the app) read the chain, compute the flow (core/analytics/optionsFlow.ts) and store the reading and its histories
 * (so a restart keeps them); this publishes flowUpdated and one unusualOptionsActivity per contract that just became
 * unusual. A chain that cannot be read is logged and counted, and the last reading stays. Refreshes of one symbol are
 * computed one at a time; one arriving meanwhile waits, replaced by any newer one.
 */
export class OptionsFlowService {
  readonly name = 'optionsFlow';
  private readonly flows = new Map<string, SymbolFlow>();
  private unsubscribe: (() => void) | undefined;
  private readonly counts = { refreshes: 0, loadFailures: 0, chainsMissing: 0, storeFailures: 0, computeFailures: 0, stateUnreadable: 0, repeats: 0, superseded: 0, unusualEvents: 0 };
  private lastComputeMs: number | null = null;
  private readonly now: () => number;

  constructor(private readonly options: OptionsFlowServiceOptions) {
    this.now = options.now ?? Date.now;
    for (const symbol of options.symbols) this.flows.set(symbol, { latest: null, pending: null, running: null });
  }

  /** Listens for chain refreshes (each symbol's histories are restored by the analytics at its first refresh). */
  async start(): Promise<void> {
    this.unsubscribe ??= this.options.bus.subscribe('chainRefreshed', (refresh) => this.onRefresh(refresh));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    await Promise.all([...this.flows.values()].map((f) => f.running));
  }

  /** The newest reading published since start (null until one was). */
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
    const { symbol, asOf } = refresh;
    const valuedAt = this.options.valuationTime?.(asOf);
    const outcome = await this.options.analytics.flow(symbol, { chainAsOf: asOf, computedAt: this.now(), ...(valuedAt === undefined ? {} : { valuedAt }) });
    this.noteHistory(symbol, outcome);
    switch (outcome.kind) {
      case 'unreadable':
        this.counts.loadFailures++;
        this.options.log.warn({ err: new Error(outcome.problem), symbol }, 'option chain could not be read back; the last options flow stays');
        return;
      case 'missing':
        this.counts.chainsMissing++;
        return;
      case 'superseded':
        this.counts.superseded++; // the newer chain's own refresh is computed next
        return;
      case 'repeat':
        this.counts.repeats++;
        if (outcome.reading) this.publish(flow, outcome.reading);
        return;
      case 'computed':
        this.lastComputeMs = Math.round(outcome.computeMs * 10) / 10;
        this.counts.refreshes++;
        this.publish(flow, outcome.reading);
        for (const contract of outcome.newlyUnusual) {
          this.counts.unusualEvents++;
          this.options.bus.publish('unusualOptionsActivity', { symbol, asOf: outcome.reading.asOf, contract });
        }
        if (outcome.unstored !== null) {
          this.counts.storeFailures++;
          this.options.log.warn({ err: new Error(outcome.unstored), symbol }, 'options flow not stored');
        }
    }
  }

  private publish(flow: SymbolFlow, reading: OptionsFlowReading): void {
    flow.latest = reading;
    this.options.bus.publish('flowUpdated', reading);
  }

  private noteHistory(symbol: string, outcome: FlowOutcome): void {
    if (outcome.historyUnreadable === undefined) return;
    this.counts.stateUnreadable++;
    this.options.log.warn({ err: new Error(outcome.historyUnreadable), symbol }, 'options flow history could not be read; it starts afresh');
  }
}
