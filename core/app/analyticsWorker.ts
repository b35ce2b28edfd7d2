import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ChainAnalytics, FlowOutcome, FlowRequest, GexPricing, PricedGex } from '../analytics/chainAnalytics';
import { READY, type AnalyticsJob, type AnalyticsReply, type AnalyticsThreadSetup } from './analyticsThreadMessages';
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

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
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
  private worker: Worker | null = null;
  private starting: Promise<Worker | null> | null = null;
  private inline: ChainAnalytics | null = null;
  private stopped = false;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly options: AnalyticsWorkerOptions) {}

  /** Starts the thread ahead of the first chain; resolves when it is up or could not start. */
  async start(): Promise<void> {
    await this.thread();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = null;
    this.rejectAll('the analytics thread stopped');
    await worker?.terminate();
  }

  loadGexChain(symbol: string, chainAsOf: number): Promise<{ asOf: number; contracts: number } | null> {
    return this.call({ id: 0, call: 'loadGexChain', args: [symbol, chainAsOf] }, (a) => a.loadGexChain(symbol, chainAsOf));
  }

  priceGex(symbol: string, at: GexPricing): Promise<PricedGex | null> {
    return this.call({ id: 0, call: 'priceGex', args: [symbol, at] }, (a) => a.priceGex(symbol, at));
  }

  flow(symbol: string, request: FlowRequest): Promise<FlowOutcome> {
    return this.call({ id: 0, call: 'flow', args: [symbol, request] }, (a) => a.flow(symbol, request));
  }

  private async call<T>(job: AnalyticsJob, here: (analytics: ChainAnalytics) => Promise<T>): Promise<T> {
    const worker = await this.thread();
    if (this.stopped) throw new Error('the analytics thread has stopped');
    if (!worker) return here((this.inline ??= this.options.here()));
    if (worker !== this.worker) throw new Error(`the analytics thread stopped before ${job.call} of ${job.args[0]}`);
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...job, id });
    });
  }

  private thread(): Promise<Worker | null> {
    if (this.stopped || this.inline) return Promise.resolve(null);
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= this.startThread().then((worker) => {
      this.starting = null;
      return worker;
    });
    return this.starting;
  }

  private startThread(): Promise<Worker | null> {
    const { redisUrl, gex, flow } = this.options;
    let worker: Worker;
    try {
      worker = new Worker(this.options.entry ?? threadEntry('analyticsThread'), { workerData: { redisUrl, gex, flow } satisfies AnalyticsThreadSetup, resourceLimits: this.options.resourceLimits });
    } catch (error) {
      return Promise.resolve(this.unusable(`the analytics thread could not start: ${error instanceof Error ? error.message : String(error)}`));
    }
    worker.unref();
    return new Promise((resolve) => {
      let ready = false; // 'online' comes before the code loads, and a script that cannot load fails after it
      let gone = false;
      const lost = (problem: string) => {
        if (gone) return; // 'error' is followed by 'exit'
        gone = true;
        if (this.stopped) return resolve(null);
        if (!ready) return resolve(this.unusable(problem));
        this.worker = null;
        this.rejectAll(problem);
        this.options.onProblem(`${problem}; a new thread starts for the next chain`);
      };
      worker.on('message', (reply: AnalyticsReply | typeof READY) => {
        if (reply !== READY) return this.answer(reply);
        ready = true;
        this.worker = worker;
        resolve(worker);
      });
      worker.once('error', (error) => lost(`the analytics thread failed: ${error.message}`));
      worker.once('exit', (code) => lost(`the analytics thread exited (code ${code})`));
    });
  }

  private unusable(problem: string): null {
    this.inline = this.options.here();
    this.options.onProblem(`${problem}; GEX and the options flow are computed on the engine's thread`);
    return null;
  }

  private answer(reply: AnalyticsReply): void {
    const job = this.waiting.get(reply.id);
    if (!job) return;
    this.waiting.delete(reply.id);
    if ('value' in reply) job.resolve(reply.value);
    else job.reject(new Error(reply.failure));
  }

  /** Calls on a thread that is gone fail by name (the services count the failure; the next chain is tried again). */
  private rejectAll(problem: string): void {
    for (const job of this.waiting.values()) job.reject(new Error(`${problem} while computing chain analytics`));
    this.waiting.clear();
  }
}
