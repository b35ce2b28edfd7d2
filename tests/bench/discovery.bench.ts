// `npm run bench discovery`: parameter discovery's cost. First the full computation (every method: trade-size
// clusters, ACF/PACF of returns and of signed volume, volatility regime, market-maker profiles for the three Level 2
// symbols, correlations of every pair) for 12 symbols on one hour of seeded synthetic history (50,000 trades, 720
// five-second bars and 3,600 one-second Level 2 snapshots a symbol), as one thread does it: median and max of 10
// rounds after 3 warm-up rounds, with each method's share; the same on two hours (where the volatility regime has
// enough bars to run). Then what making the run whole costs (the guard and changes, the YAML, the JSON for Redis),
// which the thread does too: the engine would pay it if it were done there. Last, whole runs in the engine's way (DiscoveryModule: real redis-server, the history
// seeded from the simulated market for an hour, read and computed on the worker thread) with the engine's
// event-loop delay sampled meanwhile (perf_hooks, 1 ms resolution), and an idle loop's as the machine's control; these
// run first, after a full collection of the seeding's garbage.
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { DiscoveryModule } from '../../core/app/discoveryModule';
import { createEngineBus } from '../../core/bus/catalogue';
import { configSchema } from '../../core/config/configSchema';
import { discoverCorrelations, discoverSymbol, type DiscoveryFindings, type SymbolSetup } from '../../core/discovery/discoveryFindings';
import { assembleRun } from '../../core/discovery/discoveryRun';
import type { SymbolHistory } from '../../core/market/marketHistory';
import { discoveredYaml } from '../../core/store/discoveredYaml';
import { seedDiscoveryHistory } from '../support/discoveryHistorySeed';
import { commonFactor, syntheticHistory } from '../support/syntheticHistory';
import { startTestRedis, tempDir } from '../support/testRedis';

// A full collection on demand: seeding runs the simulated market on this thread, and its garbage must not be
// collected in the middle of the measured runs (that pause would be the seeding's, not discovery's).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'discovery', metric, value: Number(value.toPrecision(4)), unit }));
}

const SYMBOLS = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'META', 'AMZN', 'GOOGL', 'AMD', 'VXX'];
const LEVEL2 = new Set(['SPY', 'QQQ', 'IWM']);
const END = Date.UTC(2026, 11, 7, 16, 0);
const setups: SymbolSetup[] = SYMBOLS.map((symbol) => ({ symbol, level2: LEVEL2.has(symbol), averageDailyVolume: 50_000_000 }));

function histories(hours: number): SymbolHistory[] {
  const bars = 720 * hours;
  const factor = commonFactor(bars);
  return SYMBOLS.map((symbol, i) => syntheticHistory({ symbol, end: END, bars, trades: 50_000 * hours, factor, loading: symbol === 'VXX' ? -0.7 : 0.6, books: LEVEL2.has(symbol), seed: i + 1 }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = <T>(f: () => T): [T, number] => {
  const t0 = performance.now();
  const value = f();
  return [value, performance.now() - t0];
};

/** Every method on every symbol, as the discovery thread computes them. */
function computeAll(data: readonly SymbolHistory[]): [DiscoveryFindings, number] {
  return time(() => ({
    symbols: data.map((h, i) => discoverSymbol(h, setups[i]!, END)),
    correlations: discoverCorrelations(data, { from: data[0]!.from, to: END }, END),
  }));
}

function computeFigures(hours: number): DiscoveryFindings {
  const data = histories(hours);
  for (let i = 0; i < 3; i++) computeAll(data);
  const rounds = Array.from({ length: 10 }, () => computeAll(data)[1]);
  report(`compute_12_symbols_${hours}h_ms_median`, median(rounds), 'ms');
  report(`compute_12_symbols_${hours}h_ms_max`, Math.max(...rounds), 'ms');
  return computeAll(data)[0];
}

function methodShares(): void {
  const data = histories(1);
  const spent: Record<string, number> = {};
  const add = (name: string, ms: number) => (spent[name] = (spent[name] ?? 0) + ms);
  for (let round = 0; round < 5; round++) {
    for (const [i, h] of data.entries()) {
      // The market makers apart: the other methods refuse at once on the empty trades and bars.
      add('methods_but_market_makers', time(() => discoverSymbol({ ...h, books: [] }, { ...setups[i]!, level2: false }, END))[1]);
      if (LEVEL2.has(h.symbol)) add('market_makers', time(() => discoverSymbol({ ...h, trades: [], bars: [] }, setups[i]!, END))[1]);
    }
    add('correlations', time(() => discoverCorrelations(data, { from: data[0]!.from, to: END }, END))[1]);
  }
  for (const [name, ms] of Object.entries(spent)) report(`compute_1h_${name}_ms_mean`, ms / 5, 'ms');
}

function assemblyFigures(findings: DiscoveryFindings): void {
  const stamp = { id: 2, trigger: 'schedule' as const, requestedBy: null, reason: null, startedAt: END, finishedAt: END + 100, windowMinutes: 60 };
  const previous = assembleRun({ ...stamp, id: 1 }, findings, null);
  const assemble: number[] = [];
  const yaml: number[] = [];
  const json: number[] = [];
  for (let i = 0; i < 20; i++) {
    const [run, a] = time(() => assembleRun(stamp, findings, previous));
    assemble.push(a);
    yaml.push(time(() => discoveredYaml(run))[1]);
    json.push(time(() => JSON.stringify(run))[1]);
  }
  report('thread_assemble_run_ms_median', median(assemble.slice(5)), 'ms');
  report('thread_yaml_ms_median', median(yaml.slice(5)), 'ms');
  report('thread_json_ms_median', median(json.slice(5)), 'ms');
  report('run_json_kb', JSON.stringify(previous).length / 1024, 'KB');
}

async function loopDelayFigures(): Promise<void> {
  const redis = await startTestRedis();
  try {
    const seedStart = performance.now();
    await seedDiscoveryHistory(redis.client, { minutes: 60, endTs: Date.now(), seed: 7 });
    report('seed_1h_12_symbols_s', (performance.now() - seedStart) / 1000, 's');
    const config = configSchema.parse({ symbols: SYMBOLS.map((symbol) => ({ symbol, dataClass: LEVEL2.has(symbol) ? 'level2' : 'standard' })), discovery: { historyMinutes: 60 } });
    const module = new DiscoveryModule({ bus: createEngineBus(), redis: redis.client, config, dataDir: tempDir(), reportBadInput: () => undefined, firstRunDelayMs: 3_600_000 });
    await module.start();
    await module.run('bench', 'warm-up: the thread starts');
    await module.whenIdle();
    collectGarbage();
    const idle = monitorEventLoopDelay({ resolution: 1 });
    idle.enable();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    idle.disable();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    const walls: number[] = [];
    const elu = performance.eventLoopUtilization();
    delay.enable();
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await module.run('bench', `round ${i + 1}`);
      await module.whenIdle();
      walls.push(performance.now() - t0);
    }
    delay.disable();
    const busy = performance.eventLoopUtilization(elu);
    const detail = module.detail();
    report('run_wall_ms_median', median(walls), 'ms');
    report('run_read_ms', Number(detail.lastReadMs), 'ms');
    report('run_compute_ms', Number(detail.lastComputeMs), 'ms');
    report('run_loop_delay_max_ms', delay.max / 1e6, 'ms');
    report('run_loop_delay_p99_ms', delay.percentile(99) / 1e6, 'ms');
    report('run_loop_delay_mean_ms', delay.mean / 1e6, 'ms');
    report('run_engine_thread_busy_ms', busy.active, 'ms');
    report('run_engine_thread_utilization', busy.utilization, 'share');
    report('idle_loop_delay_max_ms', idle.max / 1e6, 'ms');
    report('idle_loop_delay_p99_ms', idle.percentile(99) / 1e6, 'ms');
    if (Number(detail.failures) > 0) console.error(`runs failed: ${String(detail.lastError)}`);
    await module.stop();
  } finally {
    await redis.stop();
  }
}

report('load_average_1m', os.loadavg()[0]!, 'load');
await loopDelayFigures(); // first, on a heap that holds nothing of the computations below
const oneHour = computeFigures(1);
computeFigures(2);
methodShares();
assemblyFigures(oneHour);
report('load_average_1m_after', os.loadavg()[0]!, 'load');
