// `npm run bench alphavantage`: the engine's event-loop delay while twelve 10,000-contract chains refresh (goal <= 5 ms)
// and each chain's body → Redis time (goal < 100 ms), see avRefreshBench.ts; one chain fetched, read and stored (on the
// chain reader's thread), and the same work on the engine's thread step by step; and the call limiter's own cost per call (goal: under 1% of a core at 590 calls/min,
// see benchLimiter). One JSON line per figure.
import v8 from 'node:v8';
import { ChainReader } from '../../core/app/chainReader';
import { AlphaVantageStore } from '../../core/store/alphaVantageStore';
import { readAnswer } from '../../core/venues/alphavantage/avAnswer';
import { AvHttpClient } from '../../core/venues/alphavantage/avHttpClient';
import { chainRequest } from '../../core/venues/alphavantage/avRequests';
import { CallLimiter } from '../../core/venues/alphavantage/callLimiter';
import { CallLog } from '../../core/venues/alphavantage/callLog';
import { callChain, loadChain } from '../../core/venues/alphavantage/chainCall';
import { encodeOptions } from '../../core/venues/alphavantage/chainColumns';
import { parseOptionChain } from '../../core/venues/alphavantage/optionChainParser';
import { readOptionChain } from '../../core/venues/alphavantage/optionChainReader';
import { packContracts, unpackContracts } from '../../core/venues/alphavantage/packedContracts';
import { startTestRedis } from '../support/testRedis';
import { chainBody } from './avChainBodies';
import { benchRefresh, startChainServer } from './avRefreshBench';

// BENCH_TRACE_GC=1 prints every collection with its reason (V8's --trace-gc), e.g. `Mark-Compact (reduce)` for the
// memory reducer; BENCH_NO_MEMORY_REDUCER=1 sets --no-memory-reducer at run time (which does not reach the main isolate).
if (process.env.BENCH_TRACE_GC) v8.setFlagsFromString('--trace-gc');
if (process.env.BENCH_NO_MEMORY_REDUCER) v8.setFlagsFromString('--no-memory-reducer');

const emit = (metric: string, value: number, unit: string) =>
  console.log(JSON.stringify({ bench: 'alphavantage', metric, value: Number(value.toFixed(4)), unit }));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

async function benchChain(): Promise<void> {
  const redis = await startTestRedis();
  const server = await startChainServer(['SPY']);
  const store = new AlphaVantageStore(redis.client);
  const http = new AvHttpClient({ baseUrl: server.url, apiKey: 'bench', timeoutMs: 20_000, signal: new AbortController().signal });
  const reader = new ChainReader({
    http: { baseUrl: server.url, apiKey: 'bench', timeoutMs: 20_000 }, redisUrl: redis.url, here: (request, symbol) => callChain(http, store, request, symbol),
    loadHere: (symbol) => loadChain(store, symbol), onProblem: (problem) => console.error(problem),
  });
  await reader.start();
  const request = chainRequest('REALTIME_OPTIONS', 'SPY');
  try {
    const steps = {
      fetch_store: [] as number[], body_to_redis: [] as number[], load: [] as number[], snapshot: [] as number[], read_main_thread: [] as number[],
      redis_write_main_thread: [] as number[], load_main_thread: [] as number[],
    };
    const library = { json_parse: [] as number[], validate: [] as number[], serialise: [] as number[] };
    for (let run = 0; run < 30; run++) {
      // The production path (RefreshJob.fetchChain): ChainReader.call, which on the reader's thread fetches the
      // answer, reads it (JSON.parse, validation, column encoding) and writes the two documents (one MULTI), then
      // sends the counts back. The cockpit's snapshot (contract objects) is read back only for a watched symbol
      // (ChainReader.load: the document read from Redis and decoded on the reader's thread, its contracts moved
      // back packed, then built as objects on the engine's thread, `chain_snapshot_ms`), so it is timed apart.
      const t0 = performance.now();
      const chain = await reader.call(request, 'SPY');
      const t1 = performance.now();
      const loaded = await reader.load('SPY');
      const t2 = performance.now();
      if (chain === null || loaded === null) throw new Error('the chain call gave no data');
      if (chain.count !== 10_000 || loaded.contracts.length !== 10_000 || chain.unsaved !== null) throw new Error(`read ${chain.count} contracts`);
      const packed = packContracts(loaded.contracts);
      const t3 = performance.now();
      unpackContracts(packed);
      const t4 = performance.now();
      if (run < 5) continue; // the first runs warm the JIT
      steps.fetch_store.push(t1 - t0);
      steps.body_to_redis.push(chain.storedAt! - server.sentAt.get('SPY')!);
      steps.load.push(t2 - t1);
      steps.snapshot.push(t4 - t3);
    }
    // The same work on the engine's thread (what a chain costs it when the reader's thread cannot start), step by
    // step: decoding and JSON.parse, readOptionContract per row, encodeOptions; the Redis write. After the runs above
    // so that its garbage stays out of them.
    const body = Buffer.from(chainBody(10_000));
    for (let run = 0; run < 20; run++) {
      const t0 = performance.now();
      const { encoded } = readOptionChain(body, 'REALTIME_OPTIONS SPY', 'SPY', Date.now());
      const t1 = performance.now();
      await store.writeEncodedOptions('SPY', encoded);
      const l0 = performance.now();
      await loadChain(store, 'SPY');
      const g0 = performance.now();
      const answer = readAnswer(body.toString('utf8'), 'REALTIME_OPTIONS SPY');
      const g1 = performance.now();
      const { chain } = parseOptionChain(answer, 'SPY', Date.now());
      const g2 = performance.now();
      encodeOptions(chain);
      const g3 = performance.now();
      if (run < 5) continue;
      steps.read_main_thread.push(t1 - t0);
      steps.redis_write_main_thread.push(l0 - t1);
      steps.load_main_thread.push(g0 - l0);
      library.json_parse.push(g1 - g0);
      library.validate.push(g2 - g1);
      library.serialise.push(g3 - g2);
    }
    for (const [step, values] of Object.entries(steps)) emit(`chain_${step}_ms`, percentile(values, 0.5), 'ms');
    emit('chain_fetch_store_p95_ms', percentile(steps.fetch_store, 0.95), 'ms');
    emit('chain_body_to_redis_p95_ms', percentile(steps.body_to_redis, 0.95), 'ms');
    for (const [step, values] of Object.entries(library)) emit(`chain_read_${step}_ms`, percentile(values, 0.5), 'ms');
    emit('chain_body_bytes', body.length, 'B');
  } finally {
    await reader.stop();
    http.close();
    server.stop();
    await redis.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Process CPU (user + system), ms per call, for `calls` no-op calls scheduled by `schedule`, `gapMs` apart (0: all at once). */
async function cpuPerCall(calls: number, gapMs: number, schedule: (i: number) => Promise<unknown>): Promise<number> {
  const cpu = process.cpuUsage();
  const jobs = [];
  for (let i = 0; i < calls; i++) {
    jobs.push(schedule(i));
    if (gapMs > 0) await sleep(gapMs);
  }
  await Promise.all(jobs);
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / calls;
}

/**
 * The limiter's own cost per call: this process's CPU (user + system, all threads: GC included) with every call
 * passing the CallLimiter, minus the same calls made directly, in the same round. What is in it: the priority
 * queue, spacing, window gate, launch log, the call's promise and release. What is not: the HTTP call (the task is a no-op) and waiting (calls arrive 3 ms apart
 * and the budget never holds one back beyond the 1 ms spacing; time asleep costs no CPU anyway). The limiter is
 * first warmed with 3,000 calls, as in an engine that has been running (590 calls a minute); each figure is the
 * median of 7 paired rounds of 500 calls, which damps what other processes on this shared machine do.
 */
async function benchLimiter(): Promise<void> {
  const budget = { calls: 1_000_000, windowMs: 60_000 };
  const call = (limiter: CallLimiter) => (i: number) => limiter.schedule(i % 3 === 0 ? 'options' : 'technicals', i % 2 === 0, 'RSI SPY', async () => i);
  const warm = new CallLimiter({ budget, maxInFlight: 4, maxSlowFactor: 8 });
  await cpuPerCall(3_000, 0, call(warm));
  await warm.stop();

  const calls = 500;
  const direct: number[] = [];
  const limited: number[] = [];
  const added: number[] = [];
  for (let round = 0; round < 7; round++) {
    const d = await cpuPerCall(calls, 3, async (i) => i);
    const limiter = new CallLimiter({ budget, maxInFlight: 4, maxSlowFactor: 8 });
    const l = await cpuPerCall(calls, 3, call(limiter));
    await limiter.stop();
    direct.push(d);
    limited.push(l);
    added.push(l - d);
  }
  emit('limiter_decision_cpu_ms', percentile(added, 0.5), 'ms');
  emit('limiter_paced_cpu_ms', percentile(limited, 0.5), 'ms');
  emit('limiter_paced_direct_cpu_ms', percentile(direct, 0.5), 'ms');

  // A burst: 2,000 calls queued at once (1 ms spacing), CPU per call including the waits' timers.
  const burst = new CallLimiter({ budget, maxInFlight: 4, maxSlowFactor: 8 });
  emit('limiter_burst_cpu_ms', await cpuPerCall(2_000, 0, call(burst)), 'ms');
  await burst.stop();

  const log = new CallLog(60_000);
  const n = 200_000;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const now = i; // one launch per ms: the window always holds 60,000 launches
    if (log.waitForRoom(now, 590_000) === 0) log.record('options', now);
  }
  emit('limiter_window_gate_ms', (performance.now() - start) / n, 'ms');

  // At the production budget and pace: 100 calls queued at once through a 590/min limiter launch 102 ms apart, each
  // after a wake-up timer. This process's whole CPU over those 10 s as a share of one core, an upper bound of the
  // limiter's (the need: under 1% at 590 calls/min); beside it the same process's share over 10 s of doing nothing.
  const pacedCalls = 100;
  const idle0 = process.cpuUsage();
  const idleStart = performance.now();
  await sleep(pacedCalls * 102);
  const idleCpu = process.cpuUsage(idle0);
  const idleMs = performance.now() - idleStart;
  const paced = new CallLimiter({ budget: { calls: 590, windowMs: 60_000 }, maxInFlight: 4, maxSlowFactor: 8 });
  const busy0 = process.cpuUsage();
  const busyStart = performance.now();
  await Promise.all(Array.from({ length: pacedCalls }, (_, i) => call(paced)(i)));
  const busyCpu = process.cpuUsage(busy0);
  const busyMs = performance.now() - busyStart;
  await paced.stop();
  const share = (cpu: NodeJS.CpuUsage, wallMs: number) => (cpu.user + cpu.system) / 1000 / wallMs;
  emit('limiter_core_share_at_590_per_min_pct', 100 * share(busyCpu, busyMs), '%');
  emit('limiter_idle_process_core_share_pct', 100 * share(idleCpu, idleMs), '%');
}

const only = process.env.BENCH_REFRESH_ONLY ? 'refresh' : process.env.BENCH_CHAIN_ONLY ? 'chain' : process.env.BENCH_LIMITER_ONLY ? 'limiter' : null;
if (only === null || only === 'refresh') await benchRefresh(emit);
if (only === null || only === 'chain') await benchChain();
if (only === null || only === 'limiter') await benchLimiter();
