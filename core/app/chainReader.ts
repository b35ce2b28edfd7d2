import { Worker, type ResourceLimits } from 'node:worker_threads';
import { AvError } from '../venues/alphavantage/avError';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { AvRequest } from '../venues/alphavantage/avRequests';
import type { CalledChain } from '../venues/alphavantage/chainCall';
import type { ChainCalls, ChainCallSetup } from '../venues/alphavantage/chainCalls';
import { unpackContractsInTurns } from '../venues/alphavantage/packedContracts';
import { READY, type ChainJob, type ChainReply, type LoadedChain } from './chainCallMessages';
import { threadEntry } from './threadEntry';

export interface ChainReaderOptions extends ChainCallSetup {
  /** Where the thread's own Redis connection goes (the engine's Redis). */
  redisUrl: string;
  /** The thread's script; by default the one beside this module (source or bundle). */
  entry?: URL;
  resourceLimits?: ResourceLimits;
}

/** A job's answer: a chain call's counts or a stored chain read back. */
type Answer = { chain: CalledChain | null } | { loaded: LoadedChain | null };

interface Waiting {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

/**
 * The one way option chains are fetched, read and stored (the venue's callChain): on a thread of its own, so the engine's event
 * loop never holds a 4 MB answer, its ~60 ms of JSON.parse, validation and column encoding, or the Redis write of
 * its documents. Only the counts come back: nothing a refresh leaves on the engine's heap makes its garbage collector
 * work. A chain someone watches is read back from Redis on the same thread (load), its contracts moved back packed in
 * typed arrays, and only then built as objects here. Calls run at once, as the limiter launches them. A thread that
 * dies fails the calls it was making (by name) and is replaced for the next one; a thread that cannot start leaves
 * chains to the engine's thread (logged once), so none waits on it.
 */
export class ChainReader implements ChainCalls {
  private worker: Worker | null = null;
  private starting: Promise<Worker | null> | null = null;
  private unusable = false;
  private stopped = false;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly options: ChainReaderOptions) {}

  /** Starts the thread ahead of the first chain; resolves when it is up or could not start. */
  async start(): Promise<void> {
    await this.thread();
  }

  /** Calls `request` (a chain of `symbol`): fetched, screened, read and stored. Answer failures are AvErrors. */
  async call(request: AvRequest, symbol: string): Promise<CalledChain | null> {
    const worker = await this.thread();
    if (this.stopped) throw new Error('the chain reader has stopped');
    if (!worker) return this.options.here(request, symbol);
    const answer = await this.ask(worker, { id: this.nextId++, request, symbol }, request.label);
    return 'chain' in answer ? answer.chain : null;
  }

  /** The stored chain of `symbol` (read and decoded on the thread), or null when none is stored. */
  async load(symbol: string): Promise<OptionChainSnapshot | null> {
    const worker = await this.thread();
    if (this.stopped) throw new Error('the chain reader has stopped');
    if (!worker) return this.options.loadHere(symbol);
    const answer = await this.ask(worker, { id: this.nextId++, load: symbol }, `the stored chain of ${symbol}`);
    const loaded = 'loaded' in answer ? answer.loaded : null;
    return loaded && { ...loaded, contracts: await unpackContractsInTurns(loaded.contracts) };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = null;
    this.rejectAll('the chain reader stopped');
    await worker?.terminate();
  }

  private thread(): Promise<Worker | null> {
    if (this.stopped || this.unusable) return Promise.resolve(null);
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= this.startThread().then((worker) => {
      this.starting = null;
      return worker;
    });
    return this.starting;
  }

  private startThread(): Promise<Worker | null> {
    let worker: Worker;
    try {
      worker = new Worker(this.options.entry ?? threadEntry('chainCallThread'), { workerData: { http: this.options.http, redisUrl: this.options.redisUrl }, resourceLimits: this.options.resourceLimits });
    } catch (error) {
      this.unusable = true;
      this.report(`the chain reader's thread could not start: ${error instanceof Error ? error.message : String(error)}; option chains are read on the engine's thread`);
      return Promise.resolve(null);
    }
    worker.unref();
    return new Promise((resolve) => {
      let ready = false; // 'online' comes before the code loads, and a script that cannot load fails after it
      let gone = false;
      const lost = (problem: string) => {
        if (gone) return; // 'error' is followed by 'exit'
        gone = true;
        if (this.stopped) return resolve(null);
        if (!ready) {
          this.unusable = true;
          this.report(`${problem}; option chains are read on the engine's thread`);
          return resolve(null);
        }
        this.worker = null;
        this.rejectAll(problem);
        this.report(`${problem}; a new thread starts for the next chain`);
      };
      worker.on('message', (reply: ChainReply | typeof READY) => {
        if (reply !== READY) return this.answer(reply);
        ready = true;
        this.worker = worker;
        resolve(worker);
      });
      worker.once('error', (error) => lost(`the chain reader's thread failed: ${error.message}`));
      worker.once('exit', (code) => lost(`the chain reader's thread exited (code ${code})`));
    });
  }

  private ask(worker: Worker, job: ChainJob, what: string): Promise<Answer> {
    if (worker !== this.worker) return Promise.reject(new Error(`the chain reader's thread stopped before ${what}`)); // lost meanwhile
    return new Promise((resolve, reject) => {
      this.waiting.set(job.id, { resolve, reject });
      worker.postMessage(job);
    });
  }

  private answer(reply: ChainReply): void {
    const job = this.waiting.get(reply.id);
    if (!job) return;
    this.waiting.delete(reply.id);
    if ('chain' in reply || 'loaded' in reply) job.resolve(reply);
    else if ('avError' in reply) job.reject(new AvError(reply.avError.kind, reply.avError.message, reply.avError.retryable));
    else job.reject(new Error(`the chain reader could not read a chain: ${reply.failure}`));
  }

  /** Calls on a thread that is gone fail by name (the refresh counts the failure and tries again later). */
  private rejectAll(problem: string): void {
    for (const job of this.waiting.values()) job.reject(new Error(`${problem} while reading a chain`));
    this.waiting.clear();
  }

  private report(problem: string): void {
    this.options.onProblem(problem);
  }
}
