import type { ResourceLimits, Worker } from 'node:worker_threads';
import { AvError } from '../venues/alphavantage/avError';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { AvRequest } from '../venues/alphavantage/avRequests';
import type { CalledChain } from '../venues/alphavantage/chainCall';
import type { ChainCalls, ChainCallSetup } from '../venues/alphavantage/chainCalls';
import { unpackContractsInTurns } from '../venues/alphavantage/packedContracts';
import type { ChainJob, ChainReply, LoadedChain } from './chainCallMessages';
import { ReplaceableThread } from './replaceableThread';
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
  private readonly host: ReplaceableThread<ChainJob, ChainReply>;

  constructor(private readonly options: ChainReaderOptions) {
    this.host = new ReplaceableThread<ChainJob, ChainReply>({
      name: "the chain reader's thread",
      entry: options.entry ?? threadEntry('chainCallThread'),
      workerData: { http: options.http, redisUrl: options.redisUrl },
      resourceLimits: options.resourceLimits,
      doing: 'reading a chain',
      settle: settleChainReply,
      onUnusable: (problem) => options.onProblem(`${problem}; option chains are read on the engine's thread`),
      onLost: (problem) => options.onProblem(`${problem}; a new thread starts for the next chain`),
    });
  }

  /** Starts the thread ahead of the first chain; resolves when it is up or could not start. */
  async start(): Promise<void> {
    await this.host.thread();
  }

  /** Calls `request` (a chain of `symbol`): fetched, screened, read and stored. Answer failures are AvErrors. */
  async call(request: AvRequest, symbol: string): Promise<CalledChain | null> {
    const worker = await this.running();
    if (!worker) return this.options.here(request, symbol);
    const answer = await this.host.ask<Answer>(worker, { request, symbol }, request.label);
    return 'chain' in answer ? answer.chain : null;
  }

  /** The stored chain of `symbol` (read and decoded on the thread), or null when none is stored. */
  async load(symbol: string): Promise<OptionChainSnapshot | null> {
    const worker = await this.running();
    if (!worker) return this.options.loadHere(symbol);
    const answer = await this.host.ask<Answer>(worker, { load: symbol }, `the stored chain of ${symbol}`);
    const loaded = 'loaded' in answer ? answer.loaded : null;
    return loaded && { ...loaded, contracts: await unpackContractsInTurns(loaded.contracts) };
  }

  stop(): Promise<void> {
    return this.host.stop();
  }

  private async running(): Promise<Worker | null> {
    const worker = await this.host.thread();
    if (this.host.hasStopped) throw new Error('the chain reader has stopped');
    return worker;
  }
}

function settleChainReply(reply: ChainReply): { value: Answer } | { error: Error } {
  if ('chain' in reply || 'loaded' in reply) return { value: reply };
  if ('avError' in reply) return { error: new AvError(reply.avError.kind, reply.avError.message, reply.avError.retryable) };
  return { error: new Error(`the chain reader could not read a chain: ${reply.failure}`) };
}
