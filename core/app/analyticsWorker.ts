import type { ResourceLimits } from 'node:worker_threads';
import type { ChainAnalytics, FlowOutcome, FlowRequest, GexPricing, PricedGex } from '../analytics/chainAnalytics';
import type { AnalyticsJob, AnalyticsReply, AnalyticsThreadSetup } from './analyticsThreadMessages';
import { ReplaceableThread, type JobWithoutId } from './replaceableThread';
import { threadEntry } from './threadEntry';

export interface AnalyticsWorkerOptions extends AnalyticsThreadSetup {
  /** The same analytics on the engine's thread, for when the thread cannot start. */
  here: () => ChainAnalytics;
  /** Told when the thread cannot start or is lost (the app logs it). */
  onProblem: (problem: string) => void;
  /** The thread's script; by default the one beside this module (source or bundle). */
  entry?: URL;
  resourceLimits?: ResourceLimits;
}

/**
 * The per-chain analytics (GEX / DEX with its flip grid, the options flow: ChainAnalytics) on a thread of their own,
 * so the engine's event loop never reads a chain back, builds its 10,000 contracts, computes on them or collects
 * their garbage: it sends a symbol and a spot and receives the figures. The thread keeps each symbol's chain for
 * re-pricing and the flow's state (restored from Redis at its first refresh, stored after each). A thread that dies
 * fails the calls it was making (by name) and is replaced for the next one, which reads chains and histories from
 * Redis again; a thread that cannot start leaves the analytics to the engine's thread (logged once).
 */
export class AnalyticsWorker implements ChainAnalytics {
  private readonly host: ReplaceableThread<AnalyticsJob, AnalyticsReply>;
  private inline: ChainAnalytics | null = null;

  constructor(private readonly options: AnalyticsWorkerOptions) {
    const { redisUrl, gex, flow } = options;
    this.host = new ReplaceableThread<AnalyticsJob, AnalyticsReply>({
      name: 'the analytics thread',
      entry: options.entry ?? threadEntry('analyticsThread'),
      workerData: { redisUrl, gex, flow } satisfies AnalyticsThreadSetup,
      resourceLimits: options.resourceLimits,
      doing: 'computing chain analytics',
      settle: (reply) => ('value' in reply ? { value: reply.value } : { error: new Error(reply.failure) }),
      onUnusable: (problem) => options.onProblem(`${problem}; GEX and the options flow are computed on the engine's thread`),
      onLost: (problem) => options.onProblem(`${problem}; a new thread starts for the next chain`),
    });
  }

  /** Starts the thread ahead of the first chain; resolves when it is up or could not start. */
  async start(): Promise<void> {
    await this.host.thread();
  }

  stop(): Promise<void> {
    return this.host.stop();
  }

  loadGexChain(symbol: string, chainAsOf: number): Promise<{ asOf: number; contracts: number } | null> {
    return this.call({ call: 'loadGexChain', args: [symbol, chainAsOf] }, (a) => a.loadGexChain(symbol, chainAsOf));
  }

  priceGex(symbol: string, at: GexPricing): Promise<PricedGex | null> {
    return this.call({ call: 'priceGex', args: [symbol, at] }, (a) => a.priceGex(symbol, at));
  }

  flow(symbol: string, request: FlowRequest): Promise<FlowOutcome> {
    return this.call({ call: 'flow', args: [symbol, request] }, (a) => a.flow(symbol, request));
  }

  private async call<T>(job: JobWithoutId<AnalyticsJob>, here: (analytics: ChainAnalytics) => Promise<T>): Promise<T> {
    const worker = await this.host.thread();
    if (this.host.hasStopped) throw new Error('the analytics thread has stopped');
    if (!worker) return here((this.inline ??= this.options.here()));
    return this.host.ask<T>(worker, job, `${job.call} of ${job.args[0]}`);
  }
}
