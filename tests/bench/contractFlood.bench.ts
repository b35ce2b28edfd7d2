// `npm run bench contractFlood`: how the kill switch and /api/health answer while clients flood the contract.
// The workstation (engine process, simulated market, 12 symbols) is started and left until every option chain is
// published. Then, per phase, this process times GET /api/health (one due every 10 ms) and setTradingState HALTED <->
// REDUCING over its own WebSocket (one due every 20 ms), each from when it was due, while a separate process (contractFloodClients.ts) runs clients
// that each subscribe at once to every stream of every symbol and then to the same streams again, up to 300
// subscriptions (past the engine's limit of 256 per connection). Phases: quiet (no flood), one flooding client,
// four at once. Goal: health and setTradingState p99 < 50 ms while a client floods. Option chains are not refreshed
// during the run (see below).
// BENCH_SECONDS (default 10) sets the shortest probe time per phase.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import { quantileSorted } from 'simple-statistics';
import WebSocket from 'ws';
import { ContractClient } from '../../core/contract/contractClient';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../core/app/contractLimits';
import { createWsClientTransport, type WebSocketConstructor } from '../../core/contract/wsClientTransport';
import { shippedConfig, startEngineProcess, writeTestConfig, type EngineProcess } from '../support/engineProcess';
import type { FloodReport } from './contractFloodClients';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PER_CLIENT = MAX_SUBSCRIPTIONS_PER_CONNECTION + 44;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'contractFlood', metric, value: Math.round(value * 10) / 10, unit }));
}

function reportLatencies(name: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  report(`${name}_p50_ms`, quantileSorted(sorted, 0.5), 'ms');
  report(`${name}_p99_ms`, quantileSorted(sorted, 0.99), 'ms');
  report(`${name}_max_ms`, sorted.at(-1)!, 'ms');
  report(`${name}_samples`, sorted.length, 'count');
}

function engineRssMb(engine: EngineProcess): number {
  const status = fs.readFileSync(`/proc/${engine.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function health(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`health answered ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

/**
 * Starts `request` every `everyMs` whether or not the ones before have answered, and records each one's time from
 * when it was due: a stalled engine shows as many slow answers, not as one (no coordinated omission).
 */
async function onSchedule(everyMs: number, request: (n: number) => Promise<unknown>, running: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  const inFlight: Array<Promise<unknown>> = [];
  const start = performance.now();
  for (let n = 0; running(); n++) {
    const due = start + n * everyMs;
    await sleep(Math.max(0, due - performance.now()));
    inFlight.push(request(n).then(() => latencies.push(performance.now() - due)));
  }
  await Promise.all(inFlight);
  return latencies;
}

/** Times health (every 10 ms) and the kill switch (every 20 ms) until `until` resolves, and at least SECONDS. */
async function probe(engine: EngineProcess, client: ContractClient, until: Promise<unknown>): Promise<{ health: number[]; tradingState: number[] }> {
  let running = true;
  const setTradingState = (n: number) =>
    client.call('setTradingState', { state: n % 2 === 0 ? 'HALTED' : 'REDUCING', reason: 'contractFlood benchmark', confirmed: true });
  const loops = Promise.all([onSchedule(10, () => health(engine.port), () => running), onSchedule(20, setTradingState, () => running)]);
  await Promise.all([until, sleep(SECONDS * 1000)]);
  running = false;
  const [healthLatencies, tradingState] = await loops;
  return { health: healthLatencies, tradingState };
}

function startFloodProcess(): Promise<ChildProcess> {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const child = fork('tests/bench/contractFloodClients.ts', [], { execPath: process.execPath, execArgv: [tsx] });
  return new Promise((resolve) => child.once('message', () => resolve(child)));
}

async function floodPhase(name: string, clients: number, engine: EngineProcess, client: ContractClient): Promise<void> {
  const flood = await startFloodProcess();
  const snapshots = new Promise((resolve) => flood.on('message', (m: { snapshots?: true }) => m.snapshots && resolve(true)));
  flood.send({ go: { port: engine.port, token: engine.token, clients, perClient: PER_CLIENT } });
  // Two more seconds after the last snapshot: the flooding clients keep every stream's updates coming.
  const { health, tradingState } = await probe(engine, client, snapshots.then(() => sleep(2_000)));
  const floodReport = await new Promise<FloodReport>((resolve) => {
    flood.on('message', (m: { report?: FloodReport }) => m.report && resolve(m.report));
    flood.send({ stop: true });
  });
  reportLatencies(`health_${name}`, health);
  reportLatencies(`set_trading_state_${name}`, tradingState);
  report(`subscriptions_served_per_client_${name}`, Math.min(...floodReport.served), 'count');
  report(`subscriptions_refused_for_limit_per_client_${name}`, Math.min(...floodReport.limitRefusals), 'count');
  report(`subscriptions_silent_per_client_${name}`, Math.max(...floodReport.silent), 'count');
  report(`snapshot_complete_ms_${name}`, Math.max(...floodReport.snapshotMs), 'ms');
  report(`received_mb_${name}`, floodReport.bytes / 2 ** 20, 'MB');
  report(`largest_message_kb_${name}`, floodReport.largestMessageBytes / 1024, 'KB');
  report(`engine_rss_after_mb_${name}`, engineRssMb(engine), 'MB');
  for (const refusal of floodReport.otherRefusals.slice(0, 3)) console.error(`unexpected refusal: ${refusal}`);
}

/** Waits until every configured symbol's option chain is published (the largest values the engine streams). */
async function waitForChains(client: ContractClient): Promise<void> {
  const session = await client.call('getSession', {});
  const pending = new Set(session.symbols.map((s) => s.symbol));
  const stops = session.symbols.map(({ symbol }) => client.subscribe('optionChain', { symbol }, () => pending.delete(symbol)));
  const deadline = Date.now() + 180_000;
  while (pending.size > 0 && Date.now() < deadline) await sleep(200);
  stops.forEach((stop) => stop());
  if (pending.size > 0) throw new Error(`no option chain within 180 s for ${[...pending].join(', ')}`);
}

report('load_avg_1m_at_start', os.loadavg()[0]!, 'load');
// Chains are fetched once and not refreshed during the run: the engine's chain refresh round (every symbol's chain
// parsed and diffed) is a load of its own, which would land in a random phase and blur what the flood does.
const configPath = await writeTestConfig({
  sim: { seed: 42, speed: 1, gatewayPort: 0, alphaVantagePort: 0 },
  schedules: { ...shippedConfig().schedules, optionsRefreshSeconds: 3600 },
});
const engine = await startEngineProcess({ configPath });
const origin = `http://127.0.0.1:${engine.port}`;
const transport = createWsClientTransport(
  `ws://127.0.0.1:${engine.port}/ws?token=${engine.token}`,
  class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as WebSocketConstructor,
);
const client = new ContractClient(transport, 30_000);
try {
  while (!transport.isOpen) await sleep(20);
  await waitForChains(client);
  await sleep(2_000);
  const quiet = await probe(engine, client, Promise.resolve());
  reportLatencies('health_quiet', quiet.health);
  reportLatencies('set_trading_state_quiet', quiet.tradingState);
  report('engine_rss_quiet_mb', engineRssMb(engine), 'MB');
  await floodPhase('1_client', 1, engine, client);
  await floodPhase('4_clients', 4, engine, client);
  report('load_avg_1m_at_end', os.loadavg()[0]!, 'load');
} finally {
  transport.dispose();
  await engine.stop('SIGTERM');
}
process.exit(0);
