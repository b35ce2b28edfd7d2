/**
 * The engine's event loop while twelve 10,000-contract chains refresh: the Alpha Vantage module as the engine runs it
 * (limiter, scheduler, chain reader, Redis writes to a real redis-server with the app's redis.conf) against a
 * stand-in endpoint in its own process (avChainServerProcess.ts). Every chain is due 8 s after it was stored, so every
 * 8 s the twelve refresh back to back, 102 ms apart (the 590/min spacing; in production they fall due once a minute).
 * The first round (JIT warm-up, the reader's thread starting) is left out; then BENCH_REFRESH_ROUNDS rounds (default
 * 3) are measured, each from its first chain's launch to its twelfth chain in Redis. Nobody watches a chain in that run
 * (`refresh_*`); the same is then run with a cockpit watching BENCH_WATCHED (default SPY: its chain is read back from
 * Redis after each refresh, as for the option chain panel; `watched_*`), and with chains of 10 contracts and nobody
 * watching (`control_*`), to tell what the chains' size costs from what the engine and this machine cost anyway.
 * BENCH_RUNS (default refresh,watched,control) picks runs; BENCH_PROFILE_DIR=dir writes each run's CPU profile and
 * trace there (engineTrace.ts). In every run the GEX and options-flow services hear each refresh, computing on the
 * analytics thread as in the engine (BENCH_ANALYTICS=inline|off to compare: avAnalytics.ts). BENCH_NO_CPU_PROFILE=1
 * runs without the CPU profiler (engine_busy_max_ms is then 0), to see what the profiler's sampling costs the loop.
 * - loop_delay_max_ms / _p99_ms: perf_hooks.monitorEventLoopDelay at 1 ms resolution during each round, the worst
 *   round's (its samples include that 1 ms). idle_loop_delay_*: the same for 3 s before the module starts, with redis-server and the
 *   endpoint up: what this machine's other load alone does to the loop (it is shared).
 * - engine_busy_max_ms: the longest stretch of the engine thread's CPU profile (sampled every 250 µs) with no idle
 *   sample, counted as samples × 250 µs: how long the thread worked without a break, which time taken from it by other
 *   processes does not lengthen (the loop delay's max does).
 * - gc_major_count / gc_pause_max_ms: the engine thread's garbage collections over the same span.
 * - body_to_redis_*_ms: from the endpoint handing a chain's last byte to its socket (its process's wall clock) to
 *   redis-server's reply to the MULTI writing the chain (CalledChain.storedAt, the reader thread's wall clock): the
 *   transfer, any wait for the reader's thread, the read and the write.
 */
import { fork } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { AlphaVantageIngestModule } from '../../core/venues/alphavantage';
import { ChainReader } from '../../core/app/chainReader';
import { AlphaVantageStreams } from '../../core/app/cockpit/alphaVantageStreams';
import { createEngineBus } from '../../core/bus/catalogue';
import { AlphaVantageStore } from '../../core/store/alphaVantageStore';
import { startTestRedis } from '../support/testRedis';
import { startAnalytics } from './avAnalytics';
import { EngineTrace } from './engineTrace';

const SYMBOLS = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'META', 'AMZN', 'GOOGL', 'AMD', 'VXX'];
const ROUNDS = Number(process.env.BENCH_REFRESH_ROUNDS ?? 3);
const PROFILING = !process.env.BENCH_NO_CPU_PROFILE;
/** In the `watched_*` run, the symbols whose chain a cockpit watches (read back from Redis after each refresh), as the option chain panel does. */
const WATCHED = (process.env.BENCH_WATCHED ?? 'SPY').split(',').filter(Boolean);
/** Which runs to make (default all): refresh, watched, control. */
const RUNS = (process.env.BENCH_RUNS ?? 'refresh,watched,control').split(',');
const SAMPLE_US = 250;
const ms = (ns: number) => ns / 1e6;
const sleep = (wait: number) => new Promise((resolve) => setTimeout(resolve, wait));
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

type Emit = (metric: string, value: number, unit: string) => void;

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  samples: number[];
}

/** The longest run of non-idle samples, in ms of samples. */
function longestBusy(profile: CpuProfile): number {
  const idle = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  let longest = 0;
  let run = 0;
  for (const sample of profile.samples) {
    run = idle.has(sample) ? 0 : run + 1;
    longest = Math.max(longest, run);
  }
  return (longest * SAMPLE_US) / 1000;
}

/** The stand-in endpoint (avChainServerProcess.ts) in a process of its own, serving `contracts`-contract chains. */
export async function startChainServer(symbols: string[], contracts = 10_000): Promise<{ url: string; sentAt: Map<string, number>; stop(): void }> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const env = { ...process.env, CHAIN_SYMBOLS: symbols.join(','), CHAIN_CONTRACTS: String(contracts) };
  const server = fork('tests/bench/avChainServerProcess.ts', [], { execPath: process.execPath, execArgv: [tsx], env });
  const sentAt = new Map<string, number>();
  const port = await new Promise<number>((resolve) =>
    server.on('message', (m: { port?: number; symbol?: string; sentAt?: number }) => {
      if (m.port) resolve(m.port);
      if (m.symbol && m.sentAt) sentAt.set(m.symbol, m.sentAt);
    }),
  );
  return { url: `http://127.0.0.1:${port}`, sentAt, stop: () => server.kill() };
}

/** Refresh rounds: each from its first chain's launch (`launched`) to its last chain in Redis (`stored`). */
class Rounds {
  measured = 0;
  readonly latencies: number[] = [];
  /** Each round's loop delay, max and p99, ns (a histogram per round: one re-enabled would count the gap between). */
  readonly delays: Array<{ max: number; p99: number; mean: number }> = [];
  private roundDelay: IntervalHistogram | null = null;
  /** Each measured round's start and end (performance.now() ms). */
  readonly spans: Array<[number, number]> = [];
  private inRound = false;
  private storedInRound = 0;
  private seen = 0;
  private done: () => void = () => undefined;
  readonly finished = new Promise<void>((resolve) => (this.done = resolve));

  launched(): void {
    if (this.inRound) return;
    this.inRound = true;
    this.storedInRound = 0;
    if (this.seen === 0) return; // round 0 warms up
    this.spans.push([performance.now(), NaN]);
    this.roundDelay = monitorEventLoopDelay({ resolution: 1 });
    this.roundDelay.enable();
  }

  /** A chain call of the round ended: stored (its latency), or not (null). */
  stored(latency: number | null): void {
    if (this.seen > 0 && latency !== null) this.latencies.push(latency);
    if (process.env.BENCH_DEBUG) console.error(`round ${this.seen} chain ${this.storedInRound} ${latency?.toFixed(1)} ms`);
    if (++this.storedInRound < SYMBOLS.length) return;
    this.inRound = false;
    if (this.seen++ === 0) return;
    const round = this.roundDelay!;
    round.disable();
    this.spans.at(-1)![1] = performance.now();
    this.delays.push({ max: round.max, p99: round.percentile(99), mean: round.mean });
    if (++this.measured === ROUNDS) this.done();
  }
}

async function measure(contracts: number, watched: readonly string[] = []): Promise<Record<string, number>> {
  const server = await startChainServer(SYMBOLS, contracts);
  const redis = await startTestRedis();
  const rounds = new Rounds();
  /** Each chain from its body's last byte to its write's reply (performance.now() ms): when the reader's thread works on it. */
  const chainSpans: Array<[number, number]> = [];
  const call = ChainReader.prototype.call;
  ChainReader.prototype.call = async function timedCall(this: ChainReader, ...args: Parameters<typeof call>) {
    let storedAt: number | null = null;
    try {
      const chain = await call.apply(this, args);
      storedAt = chain?.storedAt ?? null;
      return chain;
    } finally {
      const sent = server.sentAt.get(args[1]);
      if (storedAt !== null && sent !== undefined) chainSpans.push([sent - performance.timeOrigin, storedAt - performance.timeOrigin]);
      rounds.stored(storedAt !== null && sent !== undefined ? storedAt - sent : null);
    }
  };
  const bus = createEngineBus();
  const streams = new AlphaVantageStreams(bus); // the cockpit's side, watching `watched`
  streams.start();
  const analytics = await startAnalytics(bus, redis, SYMBOLS);
  let watchedChains = 0;
  for (const symbol of watched) streams.chain(symbol).subscribe((chain) => (watchedChains += chain.contracts.length === contracts ? 1 : 0));
  const module = new AlphaVantageIngestModule({
    baseUrl: server.url, apiKey: 'bench', callsPerMinute: 590,
    symbols: SYMBOLS.map((symbol) => ({ symbol, etf: true, priority: false })),
    schedules: { optionsRefreshSeconds: 8, sentimentRefreshMinutes: 60, technicalsRefreshMinutes: 60 },
    storage: new AlphaVantageStore(redis.client), bus, reportBadInput: () => undefined,
    chainCalls: (setup) => new ChainReader({ ...setup, redisUrl: redis.url }), // as the app wires it (core/app/dataSources)
    tuning: { staggerMs: 0, tickMs: 100 },
    onCallLaunched: (callClass) => callClass === 'options' && rounds.launched(),
  });
  const idle = monitorEventLoopDelay({ resolution: 1 });
  idle.enable();
  await sleep(3_000);
  idle.disable();
  const trace = new EngineTrace();
  const session = new Session();
  session.connect();
  try {
    await module.start();
    if (PROFILING) {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: SAMPLE_US });
      await session.post('Profiler.start');
    }
    trace.start();
    await Promise.race([rounds.finished, sleep(ROUNDS * 30_000).then(() => Promise.reject(new Error('the refresh rounds did not finish')))]);
    trace.stop();
    const { profile } = !PROFILING ? { profile: { nodes: [], samples: [] } } : (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    trace.dump(`refresh-${contracts}${watched.length > 0 ? '-watched' : ''}`, profile, rounds.spans, chainSpans);
    return {
      idle_loop_delay_max_ms: ms(idle.max), idle_loop_delay_p99_ms: ms(idle.percentile(99)),
      // The worst round's max and p99.
      loop_delay_max_ms: ms(Math.max(...rounds.delays.map((d) => d.max))), loop_delay_p99_ms: ms(Math.max(...rounds.delays.map((d) => d.p99))),
      loop_delay_mean_ms: ms(rounds.delays.reduce((sum, d) => sum + d.mean, 0) / rounds.delays.length),
      engine_busy_max_ms: longestBusy(profile), gc_major_count: trace.majorCount, gc_pause_max_ms: trace.longestMs,
      body_to_redis_p50_ms: percentile(rounds.latencies, 0.5), body_to_redis_p95_ms: percentile(rounds.latencies, 0.95),
      body_to_redis_max_ms: Math.max(...rounds.latencies), chains_measured: rounds.latencies.length, watched_chains_shown: watchedChains,
      load_average_1min: os.loadavg()[0]!,
      ...analytics?.figures(),
    };
  } finally {
    session.disconnect();
    trace.stop();
    ChainReader.prototype.call = call;
    await module.stop();
    await analytics?.stop();
    streams.stop();
    await redis.stop();
    server.stop();
  }
}

export async function benchRefresh(emit: Emit): Promise<void> {
  const unit = (name: string) => (name.endsWith('_ms') ? 'ms' : '');
  if (RUNS.includes('refresh')) for (const [name, value] of Object.entries(await measure(10_000))) emit(`refresh_${name}`, value, unit(name));
  if (RUNS.includes('watched')) {
    const watched = await measure(10_000, WATCHED);
    for (const name of ['loop_delay_max_ms', 'loop_delay_p99_ms', 'engine_busy_max_ms', 'gc_major_count', 'gc_pause_max_ms', 'body_to_redis_p95_ms', 'watched_chains_shown', 'idle_loop_delay_max_ms', 'analytics_gex_computations']) {
      emit(`watched_${name}`, watched[name]!, unit(name));
    }
  }
  if (!RUNS.includes('control')) return;
  const control = await measure(10);
  for (const name of ['loop_delay_max_ms', 'loop_delay_p99_ms', 'engine_busy_max_ms', 'gc_major_count', 'idle_loop_delay_max_ms', 'analytics_gex_computations']) {
    if (control[name] !== undefined) emit(`control_${name}`, control[name]!, unit(name));
  }
}
