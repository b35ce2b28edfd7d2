import { resolveSettings } from '../../core/config/settings';
import { startEngine, type Engine } from '../../core/app/engine';
import { LIGHT_SYMBOLS, writeTestConfig } from './engineProcess';
import { tempDir } from './testRedis';

export interface InProcessEngineOptions {
  dataDir?: string;
  configPath?: string;
  webBridge?: boolean;
  /** `ibkr`: trade through a gateway elsewhere (IB_PORT in `env`, or `ibPort`) instead of the embedded market. */
  source?: 'sim' | 'ibkr';
  ibPort?: number;
  /** Environment the settings read (IB_PORT, ALPHAVANTAGE_*). */
  env?: NodeJS.ProcessEnv;
}

/** The real engine in this process (managed Redis in a temp dir, web bridge on a free port). */
export async function startInProcessEngine(options: InProcessEngineOptions = {}): Promise<{
  engine: Engine;
  dataDir: string;
  configPath: string;
}> {
  const dataDir = options.dataDir ?? tempDir('alphatrader-data-');
  const configPath = options.configPath ?? (await writeTestConfig({ symbols: LIGHT_SYMBOLS }));
  const flags = { config: configPath, 'data-dir': dataDir, port: '0', ...(options.source ? { source: options.source } : {}) };
  const env = { ...options.env, ...(options.ibPort === undefined ? {} : { IB_PORT: String(options.ibPort) }) };
  const settings = resolveSettings(flags, process.cwd(), env);
  const engine = await startEngine(settings, { projectRoot: process.cwd(), version: 'test', webBridge: options.webBridge ?? true, heartbeatMs: 200 });
  return { engine, dataDir, configPath };
}
