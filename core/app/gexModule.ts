import type { Redis } from 'ioredis';
import { DEFAULT_FLIP_GRID } from '../analytics/gexFlip';
import type { GammaExposureSettings } from '../analytics/gammaExposure';
import type { ChainAnalytics } from '../analytics/chainAnalytics';
import { GexService } from '../analytics/gexService';
import type { EngineBus } from '../bus/catalogue';
import type { GexConfig } from '../config/gexSchema';
import type { ModuleHealth } from '../contract/contract';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule } from '../runtime/supervisor';
import { GexWriter } from '../store/gexWriter';

const log = moduleLogger('gex');

export interface GexModuleOptions {
  bus: EngineBus;
  redis: Redis;
  symbols: readonly string[];
  config: GexConfig;
  /** Where chains are read, kept and priced: the analytics thread (analyticsWorker.ts). */
  analytics: Pick<ChainAnalytics, 'loadGexChain' | 'priceGex'>;
  /** Started after these (redis); chains announced at start-up are heard because this module starts before the venues. */
  dependsOn?: readonly string[];
}

export function gexSettings(config: GexConfig): { settings: GammaExposureSettings; repriceStep: number } {
  return {
    settings: {
      positioning: config.positioning, rate: config.rate, dividendYield: config.dividendYield,
      flipGrid: { ...DEFAULT_FLIP_GRID, range: config.flipRangePercent / 100, step: config.flipStepPercent / 100 },
    },
    repriceStep: config.repriceStepPercent / 100,
  };
}

/**
 * GEX / DEX as an engine module (Health's "gex"): the bus service (analytics/gexService, computing on the analytics
 * thread) and its Redis writer (store/gexWriter). A chain that cannot be read back or priced is logged and counted (`failures`); the figures of
 * the last good chain stay in Redis and the engine goes on.
 */
export class GexModule implements EngineModule {
  readonly name = 'gex';
  readonly dependsOn: readonly string[];
  readonly service: GexService;
  readonly writer: GexWriter;

  constructor(options: GexModuleOptions) {
    this.dependsOn = options.dependsOn ?? ['redis'];
    this.service = new GexService({
      bus: options.bus,
      symbols: options.symbols,
      analytics: options.analytics,
      repriceStep: gexSettings(options.config).repriceStep,
      onProblem: (symbol, problem, error) => log.warn({ symbol, err: error }, problem),
    });
    this.writer = new GexWriter(options.bus, options.redis);
  }

  async start(): Promise<void> {
    this.writer.start();
    this.service.start();
  }

  async stop(): Promise<void> {
    await this.service.stop();
    this.writer.stop();
  }

  detail(): ModuleHealth['detail'] {
    const s = this.service.stats;
    const round = (ms: number | null) => (ms === null ? null : Math.round(ms * 100) / 100);
    return {
      computations: s.computations, reprices: s.reprices, overtaken: s.overtaken, failures: s.failures, waitingForSpot: s.waitingForSpot,
      lastDurationMs: round(s.lastDurationMs), lastComputeMs: round(s.lastComputeMs), lastSkippedContracts: s.lastSkippedContracts,
      redisWritten: this.writer.counts.written, redisFailed: this.writer.counts.failed,
    };
  }
}
