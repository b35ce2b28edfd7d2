import { resolveSettings } from '../../core/config/settings';
import { startEngine, type Engine } from '../../core/app/engine';
import { LIGHT_SYMBOLS, writeTestConfig } from './engineProcess';
import { tempDir } from './testRedis';

/**
 * The real engine in this process (managed Redis in a temp dir, web bridge on a free port). `source: 'ibkr'` with
 * `env` (IB_PORT, ALPHAVANTAGE_*) points it at a gateway and an Alpha Vantage endpoint elsewhere instead of the
 * embedded market.
 */
export async function startInProcessEngine(options: { dataDir?: string; configPath?: string; webBridge?: boolean; source?: 'sim' | 'ibkr'; env?: NodeJS.ProcessEnv } = {}): Promise<{
  engine: Engine;
  dataDir: string;
  configPath: string;
}> {
  const dataDir = options.dataDir ?? tempDir('alphatrader-data-');
  const configPath = options.configPath ?? (await writeTestConfig({ symbols: LIGHT_SYMBOLS }));
  const settings = resolveSettings({ config: configPath, 'data-dir': dataDir, port: '0', source: options.source }, process.cwd(), options.env ?? {});
  const engine = await startEngine(settings, { projectRoot: process.cwd(), version: 'test', webBridge: options.webBridge ?? true, heartbeatMs: 200 });
  return { engine, dataDir, configPath };
}
