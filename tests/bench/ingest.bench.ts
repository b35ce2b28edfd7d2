/**
 * `npm run bench ingest`: the IBKR ingestion against the simulated gateway (own process) and a real redis-server.
 * 1. full speed: market-data messages per second from the socket into Redis, Redis round trips per 1,000, latency;
 * 2. 10,000 messages/s: the same latency and round trips, with the event-loop delay and GC pauses behind the tail;
 * 3. resident memory over the run (BENCH_SOAK_MINUTES=10 for the ten-minute soak; default is a short run);
 * 4. the decoder's own pace on the same stream: the venue alone (@stoqey/ib decoding, routing to the venue's
 *    handlers, publishing on a bus nobody listens to: no Redis, no detectors, no cockpit), and full speed's share of it.
 * Latency runs from the gateway's socket write (wall clock, its own process) to the acknowledgement of the Redis
 * pipeline that wrote everything the message changed (a book deferred by its 5 ms throttle counts as not written).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import pino from 'pino';
import { quantileSorted } from 'simple-statistics';
import { MarketStreams } from '../../core/app/cockpit/marketStreams';
import { IbkrDataSource } from '../../core/app/ibkrDataSource';
import { createEngineBus } from '../../core/bus/catalogue';
import { connectRedis } from '../../core/store/redisConnection';
import { IbConnection } from '../../core/venues/ibkr/connection/ibConnection';
import { IbkrMarketData } from '../../core/venues/ibkr/data/ibkrMarketData';
import { DEFAULT_SYMBOLS } from '../../core/sim/market/symbols';
import { startTestRedis } from '../support/testRedis';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const SOAK_MINUTES = Number(process.env.BENCH_SOAK_MINUTES ?? 0);
const wallNow = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'ingest', metric, value: Math.round(value * 100) / 100, unit }));
}

interface Run {
  child: ChildProcess;
  ingest: IbkrDataSource;
  /** Gateway side: [wall time, frames written so far] per socket write. */
  sends: number[];
  /** Ingestion side: [wall time the Redis batch was acknowledged, messages it covers]. */
  writes: number[];
  /** Each batch's time from the writer starting it to Redis acknowledging it (the Redis share of the latency). */
  batchTimes: number[];
  /** Gateway frames minus ingestion messages when the feed starts (frames the client does not count as messages). */
  frameOffset: number;
  /** Samples are kept only while recording, so a long soak does not measure the benchmark's own arrays. */
  recording: boolean;
  stop(): Promise<void>;
}

async function startRun(framesPerSecond: number): Promise<Run> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const child = fork('tests/bench/ingestGatewayProcess.ts', [], { execPath: process.execPath, execArgv: [tsx], env: { ...process.env, FRAMES_PER_S: String(framesPerSecond) } });
  const sends: number[] = [];
  const writes: number[] = [];
  const batchTimes: number[] = [];
  const rec = { recording: false };
  let onFramesAtGo: (frames: number) => void = () => undefined;
  const port = await new Promise<number>((resolve) => child.on('message', (m: { port?: number; samples?: number[]; framesAtGo?: number }) => {
    if (m.port) resolve(m.port);
    if (m.samples && rec.recording) for (const v of m.samples) sends.push(v);
    if (m.framesAtGo !== undefined) onFramesAtGo(m.framesAtGo);
  }));
  const redis = await startTestRedis();
  const client = connectRedis(redis.url, 'ingest-bench');
  await client.connect();
  const symbols = DEFAULT_SYMBOLS.map((s) => ({ symbol: s.symbol, dataClass: s.level2 ? ('level2' as const) : ('standard' as const) }));
  // As in the engine: the venue publishes on the bus; the store writers, the detectors and the cockpit streams listen.
  const bus = createEngineBus();
  const cockpit = new MarketStreams(bus, symbols);
  cockpit.start();
  // With parameter discovery's history, as the engine runs by default (discovery.enabled).
  const discoveryHistory = { historyMinutes: 120, bookSnapshotSeconds: 1, bookLevels: 10 };
  const ingest = new IbkrDataSource({ ib: { host: '127.0.0.1', port, clientId: 1 }, symbols, staleAfterSeconds: 10, bus, redis: client, reportBadInput: () => undefined, discoveryHistory });
  ingest.writer.batchTag = () => ingest.venue.connection.messages;
  ingest.writer.onWritten = (startedAt, tag) => {
    if (!rec.recording) return;
    writes.push(wallNow(), tag);
    batchTimes.push(Date.now() - startedAt);
  };
  await ingest.start({ log: pino({ level: 'silent' }), fail: () => undefined });
  while (!(ingest.state().connected && ingest.state().subscriptions.length === symbols.length * 2 + 6 && ingest.state().metrics.queueDepth === 0)) await sleep(50);
  await sleep(300);
  const messagesAtGo = ingest.venue.connection.messages;
  const framesAtGo = new Promise<number>((resolve) => (onFramesAtGo = resolve));
  child.send({ go: true });
  const frameOffset = (await framesAtGo) - messagesAtGo;
  return {
    child, ingest, sends, writes, batchTimes, frameOffset,
    get recording() {
      return rec.recording;
    },
    set recording(on: boolean) {
      rec.recording = on;
    },
    async stop() {
      child.send({ stop: true });
      await ingest.stop();
      cockpit.stop();
      client.disconnect();
      await redis.stop();
    },
  };
}

/** For each gateway write, the first Redis batch acknowledged that covers all its frames. */
function latencies(run: Run, fromMessage: number): number[] {
  const out: number[] = [];
  let w = 0;
  for (let s = 0; s < run.sends.length; s += 2) {
    const sentAt = run.sends[s]!;
    const frames = run.sends[s + 1]! - run.frameOffset;
    if (frames < fromMessage) continue;
    while (w < run.writes.length && run.writes[w + 1]! < frames) w += 2;
    if (w >= run.writes.length) break;
    out.push(run.writes[w]! - sentAt);
  }
  return out.sort((a, b) => a - b);
}

async function fullSpeed(): Promise<number> {
  const run = await startRun(0);
  const rss: number[] = [];
  await sleep(1_000);
  const m0 = run.ingest.venue.connection.messages;
  const r0 = run.ingest.writer.stats.roundTrips;
  const t0 = performance.now();
  const seconds = SOAK_MINUTES > 0 ? SOAK_MINUTES * 60 : SECONDS;
  let latencyFrom = m0;
  for (let i = 0; i < seconds; i++) {
    if (i === seconds - SECONDS) [run.recording, latencyFrom] = [true, run.ingest.venue.connection.messages];
    await sleep(1_000);
    rss.push(process.memoryUsage().rss / 2 ** 20);
  }
  const messages = run.ingest.venue.connection.messages - m0;
  const elapsed = (performance.now() - t0) / 1000;
  await sleep(300);
  run.recording = false;
  const lat = latencies(run, latencyFrom);
  report('msgs_per_s', messages / elapsed, '1/s');
  report('latency_p50_ms_full_speed', quantileSorted(lat, 0.5), 'ms');
  report('latency_p99_ms_full_speed', quantileSorted(lat, 0.99), 'ms');
  report('redis_round_trips_per_1000_msgs_full_speed', ((run.ingest.writer.stats.roundTrips - r0) * 1000) / messages, 'count');
  report('redis_buffered_at_end_full_speed', run.ingest.writer.buffered, 'count');
  report('rss_start_mb', rss[0]!, 'MB');
  // The soak's time series, one figure a minute: flat means bounded buffers.
  for (let minute = 1; minute <= SOAK_MINUTES; minute++) report(`rss_after_${minute}_min_mb`, rss[minute * 60 - 1]!, 'MB');
  report('rss_end_mb', rss[rss.length - 1]!, 'MB');
  report('rss_max_mb', Math.max(...rss), 'MB');
  report('heap_used_end_mb', process.memoryUsage().heapUsed / 2 ** 20, 'MB');
  report('run_seconds', elapsed, 's');
  await run.stop();
  return messages / elapsed;
}

async function atTenThousand(): Promise<void> {
  const run = await startRun(10_000);
  await sleep(1_000);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const gcPauses: number[] = [];
  const gc = new PerformanceObserver((list) => gcPauses.push(...list.getEntries().map((e) => e.duration)));
  gc.observe({ entryTypes: ['gc'] });
  const m0 = run.ingest.venue.connection.messages;
  const r0 = run.ingest.writer.stats.roundTrips;
  const t0 = performance.now();
  run.recording = true;
  await sleep(SECONDS * 1000);
  const messages = run.ingest.venue.connection.messages - m0;
  const seconds = (performance.now() - t0) / 1000;
  loop.disable();
  gc.disconnect();
  await sleep(300);
  run.recording = false;
  const lat = latencies(run, m0);
  report('msgs_per_s_paced', messages / seconds, '1/s');
  report('latency_p50_ms_at_10k', quantileSorted(lat, 0.5), 'ms');
  report('latency_p99_ms_at_10k', quantileSorted(lat, 0.99), 'ms');
  report('latency_max_ms_at_10k', lat[lat.length - 1]!, 'ms');
  report('event_loop_delay_p99_ms_at_10k', loop.percentile(99) / 1e6, 'ms');
  report('event_loop_delay_max_ms_at_10k', loop.max / 1e6, 'ms');
  report('gc_pauses_per_s_at_10k', gcPauses.length / seconds, '1/s');
  report('gc_pause_max_ms_at_10k', Math.max(0, ...gcPauses), 'ms');
  const batchTimes = run.batchTimes.sort((a, b) => a - b);
  report('redis_batch_ms_p50_at_10k', quantileSorted(batchTimes, 0.5), 'ms');
  report('redis_batch_ms_p99_at_10k', quantileSorted(batchTimes, 0.99), 'ms');
  report('redis_round_trips_per_1000_msgs_at_10k', ((run.ingest.writer.stats.roundTrips - r0) * 1000) / messages, 'count');
  await run.stop();
}

/** The same stream, flat out, into the venue alone: what decoding costs before any of the engine's own work. */
async function decoderOnly(): Promise<number> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const child = fork('tests/bench/ingestGatewayProcess.ts', [], { execPath: process.execPath, execArgv: [tsx], env: { ...process.env, FRAMES_PER_S: '0' } });
  const port = await new Promise<number>((resolve) => child.on('message', (m: { port?: number }) => m.port && resolve(m.port)));
  const symbols = DEFAULT_SYMBOLS.map((s) => ({ symbol: s.symbol, dataClass: s.level2 ? ('level2' as const) : ('standard' as const) }));
  const connection = new IbConnection({ host: '127.0.0.1', port, clientId: 1 });
  const venue = new IbkrMarketData({ connection, symbols, staleAfterSeconds: 10, bus: createEngineBus(), reportBadInput: () => undefined });
  await venue.start({ log: pino({ level: 'silent' }), fail: () => undefined });
  connection.start();
  while (!(venue.state().connected && venue.state().subscriptions.length === symbols.length * 2 + 6 && venue.state().metrics.queueDepth === 0)) await sleep(50);
  await sleep(300);
  child.send({ go: true });
  await sleep(1_000);
  const m0 = venue.connection.messages;
  const t0 = performance.now();
  await sleep(SECONDS * 1000);
  const perSecond = (venue.connection.messages - m0) / ((performance.now() - t0) / 1000);
  report('decoder_only_msgs_per_s', perSecond, '1/s');
  child.send({ stop: true });
  connection.stop();
  await venue.stop();
  return perSecond;
}

if (!process.env.BENCH_ONLY_PACED) {
  const full = await fullSpeed();
  const decoder = await decoderOnly();
  report('full_speed_share_of_decoder_only', (100 * full) / decoder, '%');
}
await atTenThousand();
process.exit(0);
