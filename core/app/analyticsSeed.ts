import type { Redis } from 'ioredis';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule } from '../runtime/supervisor';
import { loadGex } from '../store/gexWriter';
import { loadFlowReading } from '../store/optionsFlowStore';
import { loadVpinHistory } from '../store/vpinWriter';
import type { AnalyticsStreams } from './cockpit/analyticsStreams';

export interface AnalyticsSeedOptions {
  redis: Redis;
  streams: AnalyticsStreams;
  symbols: readonly string[];
  /** How much VPIN history is stored (analytics.vpin.historyReadings); 0 when VPIN is disabled. */
  vpinHistoryReadings: number;
  reportBadInput: (source: string, problem: string) => void;
}

const log = moduleLogger('analyticsSeed');

/**
 * Reads once at start-up what Redis holds of each symbol's VPIN history, GEX and options flow, and starts the
 * cockpit's analytics streams with it. Listed before the analytics modules, so it runs before they publish. A
 * symbol Redis cannot give is logged and starts empty: the engine does not stop for it.
 */
export function analyticsSeedModule(options: AnalyticsSeedOptions): EngineModule {
  return {
    name: 'analyticsSeed',
    dependsOn: ['redis'],
    start: async () => {
      await Promise.all(options.symbols.map((symbol) => seedSymbol(options, symbol)));
    },
    stop: async () => undefined,
  };
}

async function seedSymbol({ redis, streams, vpinHistoryReadings, reportBadInput }: AnalyticsSeedOptions, symbol: string): Promise<void> {
  const unreadable = (problem: string) => reportBadInput('redis', problem);
  try {
    const [vpinHistory, gex, flow] = await Promise.all([
      vpinHistoryReadings > 0 ? loadVpinHistory(redis, symbol, vpinHistoryReadings, unreadable) : [],
      loadGex(redis, symbol, unreadable),
      loadFlowReading(redis, symbol, unreadable),
    ]);
    streams.seed(symbol, { vpinHistory, gex, flow });
  } catch (error) {
    log.warn({ err: error, symbol }, 'stored analytics not read back: the cockpit shows them from the next update');
  }
}
