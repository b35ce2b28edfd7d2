/**
 * The engine's event loop while twelve 10,000-contract chains refresh: the Alpha Vantage module as the engine runs it
 * (limiter, scheduler, chain reading, Redis writes to a real redis-server) against a stand-in endpoint in its own
 * process (avChainServerProcess.ts). Every chain is due every 2 s, so the twelve refresh back to back, 102 ms apart
 * (the 590/min spacing), for BENCH_REFRESH_SECONDS (default 12); the first round (JIT warm-up, worker start) is left out.
 * - refresh_loop_delay_max_ms / _p99_ms: perf_hooks.monitorEventLoopDelay at 1 ms resolution (its samples include that
 *   1 ms: an idle loop reads ~1.1 ms).
 * - refresh_body_to_redis_*_ms: from the HTTP client handing over a chain's body to redis-server's reply to the MULTI
 *   writing it (times taken on the engine's thread by wrapping AvHttpClient.get and AvStore.writeEncodedOptions).
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createEngineBus } from '../../core/bus/catalogue';
import { AlphaVantageStore as AvStore } from '../../core/store/alphaVantageStore';
import { AlphaVantageIngestModule } from '../../core/venues/alphavantage';
import { AvHttpClient } from '../../core/venues/alphavantage/avHttpClient';
import type { AvRequest } from '../../core/venues/alphavantage/avRequests';
import { startTestRedis } from '../support/testRedis';

const SYMBOLS = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'META', 'AMZN', 'GOOGL', 'AMD', 'VXX'];
const SECONDS = Number(process.env.BENCH_REFRESH_SECONDS ?? 12);
const ms = (ns: number) => ns / 1e6;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

type Emit = (metric: string, value: number, unit: string) => void;

/** Body arrival and Redis-written times per chain, taken where the engine's thread sees them. */
function timeChains(): { latencies: number[]; restore(): void } {
  const arrived = new Map<string, number>();
  const latencies: number[] = [];
  const get = AvHttpClient.prototype.get;
  const write = AvStore.prototype.writeEncodedOptions;
  AvHttpClient.prototype.get = async function timedGet(this: AvHttpClient, request: AvRequest) {
    const body = await get.call(this, request);
    if (request.fn === 'REALTIME_OPTIONS') arrived.set(request.params.symbol!, performance.now());
    return body;
  };
  AvStore.prototype.writeEncodedOptions = async function timedWrite(this: AvStore, ...args: Parameters<typeof write>) {
    await write.apply(this, args);
    const at = arrived.get(args[0]);
    if (at !== undefined) latencies.push(performance.now() - at);
  };
  return {
    latencies,
    restore() {
      AvHttpClient.prototype.get = get;
      AvStore.prototype.writeEncodedOptions = write;
    },
  };
}

export async function benchRefresh(emit: Emit): Promise<void> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const server = fork('tests/bench/avChainServerProcess.ts', [], { execPath: process.execPath, execArgv: [tsx], env: { ...process.env, CHAIN_SYMBOLS: SYMBOLS.join(',') } });
  const port = await new Promise<number>((resolve) => server.on('message', (m: { port?: number }) => m.port && resolve(m.port)));
  const redis = await startTestRedis();
  const timing = timeChains();
  const module = new AlphaVantageIngestModule({
    baseUrl: `http://127.0.0.1:${port}`, apiKey: 'bench', callsPerMinute: 590,
    symbols: SYMBOLS.map((symbol) => ({ symbol, etf: true, priority: false })),
    schedules: { optionsRefreshSeconds: 2, sentimentRefreshMinutes: 60, technicalsRefreshMinutes: 60 },
    storage: new AvStore(redis.client), bus: createEngineBus(), reportBadInput: () => undefined,
    tuning: { staggerMs: 0, tickMs: 100 },
  });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  try {
    await module.start();
    const firstRound = Date.now() + 3_000;
    while (Date.now() < firstRound || timing.latencies.length < SYMBOLS.length) await new Promise((r) => setTimeout(r, 50));
    const warm = timing.latencies.length;
    const load = os.loadavg()[0]!;
    delay.enable();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    delay.disable();
    const latencies = timing.latencies.slice(warm);
    emit('refresh_chains_measured', latencies.length, 'chains');
    emit('refresh_loop_delay_max_ms', ms(delay.max), 'ms');
    emit('refresh_loop_delay_p99_ms', ms(delay.percentile(99)), 'ms');
    emit('refresh_loop_delay_mean_ms', ms(delay.mean), 'ms');
    emit('refresh_body_to_redis_p50_ms', percentile(latencies, 0.5), 'ms');
    emit('refresh_body_to_redis_p95_ms', percentile(latencies, 0.95), 'ms');
    emit('refresh_body_to_redis_max_ms', Math.max(...latencies), 'ms');
    emit('refresh_load_average_1min', load, '');
  } finally {
    timing.restore();
    await module.stop();
    await redis.stop();
    server.kill();
  }
}
