import { parentPort, workerData } from 'node:worker_threads';
import { discoverCorrelations, discoverSymbol, type DiscoveryFindings, type SymbolFindings } from '../discovery/discoveryFindings';
import { assembleRun, runSummary } from '../discovery/discoveryRun';
import type { Bar } from '../market/bar';
import type { DiscoveryRun } from '../market/discoveryReading';
import type { SymbolHistory } from '../market/marketHistory';
import { discoveredYaml } from '../store/discoveredYaml';
import { readSymbolHistory } from '../store/discoveryHistory';
import { connectRedis } from '../store/redisConnection';
import { yieldToTheEngine } from './threadPriority';
import { READY, type DiscoveryJob, type DiscoveryThreadSetup, type JobReply, type ThreadMessage } from './discoveryMessages';

/** How long the thread waits for Redis before it takes runs anyway (a run that cannot read fails by name). */
const REDIS_WAIT_MS = 2_000;

type Reader = (symbol: string, from: number, to: number) => Promise<SymbolHistory>;

/**
 * Parameter discovery's thread (discoveryCompute.ts): reads each symbol's history on its own Redis connection, runs
 * every method on it, and makes the run whole (the guard against the previous run, the changes, its JSON and YAML), so
 * neither the history (tens of thousands of trades a symbol), nor the methods, nor the serialising ever hold the
 * engine's event loop. A symbol's trades and books are dropped once it is done; its bars stay for the correlations.
 */
async function serve(setup: DiscoveryThreadSetup): Promise<void> {
  yieldToTheEngine();
  const redis = connectRedis(setup.redisUrl, 'alphatrader-discovery');
  await Promise.race([redis.connect().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, REDIS_WAIT_MS))]);
  const read: Reader = (symbol, from, to) => readSymbolHistory(redis, symbol, from, to);
  parentPort!.on('message', (job: DiscoveryJob) => {
    const id = job.stamp.id;
    run(job, read).then(post, (error: unknown) => post({ id, failure: error instanceof Error ? error.message : String(error) }));
  });
  post(READY);
}

async function run(job: DiscoveryJob, read: Reader): Promise<JobReply> {
  const id = job.stamp.id;
  const { findings, readMs, computeMs, skipped } = await discover(job, read);
  const t0 = performance.now();
  const previous = job.previousJson === null ? null : (JSON.parse(job.previousJson) as DiscoveryRun);
  const discovered = assembleRun({ ...job.stamp, finishedAt: Date.now() }, findings, previous);
  const reply = { id, run: discovered, runJson: JSON.stringify(discovered), yaml: discoveredYaml(discovered), summary: runSummary(discovered), readMs, skipped };
  return { ...reply, computeMs: computeMs + performance.now() - t0 };
}

/** Every method on every symbol, one symbol at a time, with a progress message after each. */
async function discover(job: DiscoveryJob, read: Reader): Promise<{ findings: DiscoveryFindings; readMs: number; computeMs: number; skipped: Record<string, number> }> {
  const id = job.stamp.id;
  const now = job.to;
  let readMs = 0;
  let computeMs = 0;
  const symbols: SymbolFindings[] = [];
  const bars: Array<{ symbol: string; bars: Bar[] }> = [];
  const skipped: Record<string, number> = {};
  for (const [i, setup] of job.symbols.entries()) {
    const t0 = performance.now();
    const history = await read(setup.symbol, job.from, job.to).catch((error: unknown) => {
      throw new Error(`reading the history of ${setup.symbol} failed: ${error instanceof Error ? error.message : String(error)}`);
    });
    const t1 = performance.now();
    symbols.push(discoverSymbol(history, setup, now));
    computeMs += performance.now() - t1;
    readMs += t1 - t0;
    bars.push({ symbol: setup.symbol, bars: history.bars });
    if (history.skipped) skipped[setup.symbol] = history.skipped;
    post({ id, progress: { done: i + 1, step: `${setup.symbol}: history read, parameters computed` } });
  }
  const t2 = performance.now();
  const correlations = discoverCorrelations(bars, { from: job.from, to: job.to }, now);
  computeMs += performance.now() - t2;
  post({ id, progress: { done: job.symbols.length + 1, step: 'correlations computed' } });
  return { findings: { symbols, correlations }, readMs, computeMs, skipped };
}

function post(message: ThreadMessage): void {
  parentPort!.postMessage(message);
}

if (parentPort) void serve(workerData as DiscoveryThreadSetup);
