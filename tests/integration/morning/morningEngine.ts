import { startEngine, type Engine } from '../../../core/app/engine';
import { resolveSettings } from '../../../core/config/settings';
import { ContractClient } from '../../../core/contract/contractClient';
import type { MorningAnalysisView, StreamEvent } from '../../../core/contract/contract';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import type { MorningAnalysisNote } from '../../../core/market/morningAnalysis';
import { LIGHT_SYMBOLS, shippedConfig, writeTestConfig } from '../../support/engineProcess';
import { eventually } from '../../support/eventually';
import { timeFarFromNow } from '../../support/fakeChatCompletions';
import { tempDir } from '../../support/testRedis';

export interface MorningDesk {
  engine: Engine;
  dataDir: string;
  cockpit: ContractClient;
  views: Array<StreamEvent<MorningAnalysisView>>;
  /** morningAnalysisReady as the bus carried it. */
  notes: MorningAnalysisNote[];
  /** The view once the analysis `after` the given count of notes is stored. */
  nextAnalysis(count: number): Promise<MorningAnalysisView>;
  stop(): Promise<void>;
}

/** The morning analysis's config for tests: the fake provider, a short timeout and retries. */
export function morningConfig(baseUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...shippedConfig().morningAnalysis, baseUrl, time: timeFarFromNow(), model: 'gpt-test', timeoutSeconds: 5, maxRetries: 2, ...overrides };
}

/** The real engine in this process on the simulated market, with the key (or none) in its environment. */
export async function startMorningDesk(options: { baseUrl: string; apiKey?: string; dataDir?: string; configPath?: string }): Promise<MorningDesk & { configPath: string }> {
  const dataDir = options.dataDir ?? tempDir('alphatrader-morning-');
  const configPath = options.configPath ?? (await writeTestConfig({ symbols: LIGHT_SYMBOLS, morningAnalysis: morningConfig(options.baseUrl) }));
  const env = options.apiKey ? { OPENAI_API_KEY: options.apiKey } : {};
  const settings = resolveSettings({ config: configPath, 'data-dir': dataDir, port: '0' }, process.cwd(), env);
  const engine = await startEngine(settings, { projectRoot: process.cwd(), version: 'test', webBridge: false, heartbeatMs: 200 });
  const pair = createMemoryPair();
  engine.contract.serve(pair.server, 'morning-test');
  const cockpit = new ContractClient(pair.client);
  const views: Array<StreamEvent<MorningAnalysisView>> = [];
  cockpit.subscribe('morningAnalysis', {}, (event) => views.push(event));
  const notes: MorningAnalysisNote[] = [];
  const off = engine.bus.subscribe('morningAnalysisReady', (note) => notes.push(note));
  await eventually('the morningAnalysis stream', () => views.length > 0, 10_000);
  return {
    engine, dataDir, configPath, cockpit, views, notes,
    nextAnalysis: async (count) => {
      await eventually('the analysis to be stored', () => notes.length > count, 45_000, 50);
      return eventually('the stream to show it, not running', () => {
        const view = views.at(-1)!.value;
        return view.latest?.id === notes[count]!.id && view.running === null ? view : null;
      }, 5_000, 20);
    },
    stop: async () => {
      off();
      await engine.stop();
    },
  };
}
