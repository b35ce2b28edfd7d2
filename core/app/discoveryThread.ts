import { parentPort, workerData } from 'node:worker_threads';
import { discoverCorrelations, discoverSymbol, type SymbolFindings } from '../discovery/discoveryFindings';
import type { Bar } from '../market/bar';
import type { SymbolHistory } from '../market/marketHistory';
import { readSymbolHistory } from '../store/discoveryHistory';
import { connectRedis } from '../store/redisConnection';
import { READY, type DiscoveryJob, type DiscoveryThreadSetup, type JobReply, type ThreadMessage } from './discoveryMessages';

/** How long the thread waits for Redis before it takes runs anyway (a run that cannot read fails by name). */
const REDIS_WAIT_MS = 2_000;

/**
 * Parameter discovery's thread (discoveryCompute.ts): reads each symbol's history on its own Redis connection and runs
 * every method on it, so neither the history (tens of thousands of trades a symbol) nor the methods ever hold the
 * engine's event loop; only the findings go back. One symbol's trades and books are dropped once it is done; its bars
 * stay for the correlations.
 */
async function serve(setup: DiscoveryThreadSetup): Promise<void> {
  const redis = connectRedis(setup.redisUrl, 'alphatrader-discovery');
  await Promise.race([redis.connect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, REDIS_WAIT_MS))]);
  parentPort!.on('message', (job: DiscoveryJob) => {
    run(job, (from, to, symbol) => readSymbolHistory(redis, symbol, from, to)).then(post, (error: unknown) => post({ id: job.id, failure: error instanceof Error ? error.message : String(error) }));
  });
  post(READY);
}

type Reader = (from: number, to: number, symbol: string) => Promise<SymbolHistory>;

async function run(job: DiscoveryJob, read: Reader): Promise<JobReply> {
  let readMs = 0;
  let computeMs = 0;
  const symbols: SymbolFindings[] = [];
  const bars: Array<{ symbol: string; bars: Bar[] }> = [];
  for (const [i, setup] of job.symbols.entries()) {
    const t0 = performance.now();
    const history = await read(job.from, job.to, setup.symbol).catch((error: unknown) => {
      throw new Error(`reading the history of ${setup.symbol} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    const t1 = performance.now();
    symbols.push(discoverSymbol(history, setup, job.now));
    computeMs += performance.now() - t1;
    readMs += t1 - t0;
    bars.push({ symbol: setup.symbol, bars: history.bars });
    post({ id: job.id, progress: { done: i + 1, step: `${setup.symbol}: history read, parameters computed` } });
  }
  const t2 = performance.now();
  const correlations = discoverCorrelations(bars, { from: job.from, to: job.to }, job.now);
  computeMs += performance.now() - t2;
  post({ id: job.id, progress: { done: job.symbols.length + 1, step: 'correlations computed' } });
  return { id: job.id, findings: { symbols, correlations }, readMs, computeMs };
}

function post(message: ThreadMessage): void {
  parentPort!.postMessage(message);
}

if (parentPort) void serve(workerData as DiscoveryThreadSetup);
