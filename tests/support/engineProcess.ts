import { spawn, type ChildProcess } from 'node:child_process';
import { ENGINE_V8_FLAGS } from '../../scripts/engineFlags.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort } from '../../core/store/freePort';
import { ENGINE_BUNDLE_ENV } from './engineBundle';
import { timeFarFromNow } from './fakeChatCompletions';
import { tempDir } from './testRedis';

export interface EngineProcess {
  child: ChildProcess;
  url: string;
  port: number;
  token: string;
  dataDir: string;
  configPath: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Two symbols (one Level 2 ETF, one single name): enough for platform tests, light on a loaded machine. */
export const LIGHT_SYMBOLS = [
  { symbol: 'SPY', dataClass: 'level2', etf: true, priority: true },
  { symbol: 'AAPL', dataClass: 'standard' },
];

/** config/config.yaml as shipped: tests override one section of it (`{ ...shippedConfig().sim, speed: 25 }`). */
export function shippedConfig(): Record<string, Record<string, unknown>> {
  return parse(fs.readFileSync('config/config.yaml', 'utf8')) as Record<string, Record<string, unknown>>;
}

/**
 * A config where 1DTE on SPY proposes from any live quote (the other strategies off) and risk lets its option orders
 * through at any hour with wide limits: the approval e2e test and benchmarks. `risk` and `signals` extend it; SPY is
 * the only symbol unless `shippedSymbols`.
 */
export function proposingSpyConfig(extra: { risk?: Record<string, unknown>; signals?: Record<string, unknown>; shippedSymbols?: boolean } = {}): Record<string, unknown> {
  return {
    ...(extra.shippedSymbols ? {} : { symbols: [{ symbol: 'SPY', dataClass: 'level2', etf: true, priority: true }] }),
    risk: {
      ...shippedConfig().risk,
      marketCalendar: 'always-open', priceBandPercent: 100, duplicateWindowSeconds: 0, maxStaleDataSeconds: 3_600,
      maxOrderNotional: 1e9, maxPositionPerSymbol: 1e6, maxConcentrationPercent: 1_000,
      ...extra.risk,
    },
    signals: {
      zeroDte: { enabled: false }, swing: { enabled: false }, mocImbalance: { enabled: false },
      oneDte: { symbols: ['SPY'], window: { from: '00:00', to: '23:59' }, dayMovePercent: 0.000001, minConfirmations: 0 },
      ...extra.signals,
    },
  };
}

/**
 * A copy of config/config.yaml with free ports, so tests never collide with a running workstation. The embedded
 * market's exchange is always open and the morning analysis is scheduled 12 hours away, so no engine test depends on
 * the time of day it runs at (the gateway's own tests cover trading hours on a fixed market clock).
 */
export async function writeTestConfig(overrides: Record<string, unknown> = {}): Promise<string> {
  const config: Record<string, unknown> = shippedConfig();
  // A `redis` override keeps the free port unless it names its own.
  const redis = { ...(config.redis as object), port: await freePort(), ...(overrides.redis as object | undefined) };
  Object.assign(config, overrides, { redis });
  if (!('signals' in overrides)) config.signals = strategiesOn(config.signals as Record<string, unknown>, config.symbols as Array<{ symbol: string; etf?: boolean }>);
  config.sim = { ...(config.sim as Record<string, unknown>), tradingHours: 'always-open' };
  // No scheduled morning analysis during a test (a key in a developer's .env would send the test's data out at 08:30).
  if (!('morningAnalysis' in overrides)) config.morningAnalysis = { ...(config.morningAnalysis as Record<string, unknown>), time: timeFarFromNow() };
  const file = path.join(tempDir('alphatrader-config-'), 'config.yaml');
  fs.writeFileSync(file, stringify(config));
  return file;
}

/**
 * Runs the real engine (web mode) as a child process: the bundle this test run built from the source
 * (tests/support/engineBundle.ts, named by the suite's global set-up), else the source itself through tsx.
 */
export function spawnEngine(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const bundle = process.env[ENGINE_BUNDLE_ENV];
  const script = [...ENGINE_V8_FLAGS, ...(bundle ? ['--enable-source-maps', bundle] : ['--import', 'tsx', 'core/app/main.ts'])];
  // A piped stdin that ends when this test process dies stops the engine, so no engine outlives its test run.
  return spawn(process.execPath, [...script, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ALPHATRADER_STOP_ON_STDIN_END: '1', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Runs the engine until it exits by itself (a start-up failure) and returns its exit code and stderr. */
export async function runEngineToExit(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  const child = spawnEngine(args, env);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}

/**
 * Starts the real engine in web mode and waits for the URL it prints. `port` 0 (the default) takes any free port;
 * a fixed port restarts an engine where a browser expects it.
 */
export async function startEngineProcess(
  options: { dataDir?: string; configPath?: string; port?: number; extraArgs?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<EngineProcess> {
  const dataDir = options.dataDir ?? tempDir('alphatrader-data-');
  const configPath = options.configPath ?? (await writeTestConfig());
  const args = ['--port', String(options.port ?? 0), '--data-dir', dataDir, '--config', configPath, ...(options.extraArgs ?? [])];
  const child = spawnEngine(args, options.env);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`engine printed no URL within 60 s:\n${output}`));
    }, 60_000);
    const check = () => {
      const match = /AlphaTrader workstation: (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`engine exited with ${code} before serving:\n${output}`));
    });
  });
  const parsed = new URL(url);
  return {
    child,
    url,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token')!,
    dataDir,
    configPath,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}

/** The shipped strategies, each kept on the test's symbols only (a strategy on an unconfigured symbol is a config error). */
function strategiesOn(signals: Record<string, unknown>, symbols: Array<{ symbol: string; etf?: boolean }>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...signals };
  for (const [name, section] of Object.entries(signals)) {
    if (typeof section !== 'object' || section === null || !('symbols' in section)) continue;
    const allowed = (s: string) => symbols.some((c) => c.symbol === s && (name !== 'mocImbalance' || c.etf === true));
    out[name] = { ...section, symbols: (section.symbols as string[]).filter(allowed) };
  }
  return out;
}
