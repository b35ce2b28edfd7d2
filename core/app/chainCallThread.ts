import { parentPort, workerData } from 'node:worker_threads';
import { AlphaVantageStore } from '../store/alphaVantageStore';
import { connectRedis } from '../store/redisConnection';
import { AvError } from '../venues/alphavantage/avError';
import { AvHttpClient } from '../venues/alphavantage/avHttpClient';
import { callChain, loadChain } from '../venues/alphavantage/chainCall';
import { packContracts, packedMemory } from '../venues/alphavantage/packedContracts';
import { yieldToTheEngine } from './threadPriority';
import { READY, type ChainJob, type ChainReply, type ChainThreadSetup, type LoadedChain } from './chainCallMessages';

/** How long the thread waits for Redis before it takes calls anyway (a failed write is reported per chain). */
const REDIS_WAIT_MS = 2_000;

/**
 * The chain reader's thread (chainReader.ts): makes whole chain calls (callChain) with its own HTTP client and its
 * own Redis connection, writing through the app's store, so the answer, its parse and its write never touch the
 * engine's heap; only counts go back. Asked for a stored chain (a cockpit watches it), it reads it back from Redis
 * (loadChain) and sends its contracts packed in typed arrays (moved, not copied).
 */
async function serve(setup: ChainThreadSetup): Promise<void> {
  yieldToTheEngine();
  const http = new AvHttpClient({ ...setup.http, signal: new AbortController().signal }); // stopping ends the thread
  const redis = connectRedis(setup.redisUrl, 'alphatrader-chains');
  await Promise.race([redis.connect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, REDIS_WAIT_MS))]);
  const store = new AlphaVantageStore(redis);
  parentPort!.on('message', (job: ChainJob) => void answer(job, http, store));
  parentPort!.postMessage(READY);
}

async function answer(job: ChainJob, http: AvHttpClient, store: AlphaVantageStore): Promise<void> {
  const { id } = job;
  let reply: ChainReply;
  try {
    reply = 'load' in job ? { id, loaded: packed(await loadChain(store, job.load)) } : { id, chain: await callChain(http, store, job.request, job.symbol) };
  } catch (error) {
    if (error instanceof AvError) reply = { id, avError: { kind: error.kind, message: error.message, retryable: error.retryable } };
    else reply = { id, failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, 'loaded' in reply && reply.loaded ? packedMemory(reply.loaded.contracts) : []); // moved, not copied
}

function packed(chain: Awaited<ReturnType<typeof loadChain>>): LoadedChain | null {
  return chain && { ...chain, contracts: packContracts(chain.contracts) };
}

if (parentPort) void serve(workerData as ChainThreadSetup);
