import type { Redis } from 'ioredis';
import { VpinService } from '../analytics/vpinService';
import type { EngineBus } from '../bus/catalogue';
import type { ModuleHealth } from '../contract/contract';
import { vpinBucketVolume, type VpinConfig } from '../config/vpinSchema';
import type { VpinReading } from '../market/vpinReading';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule } from '../runtime/supervisor';
import { RedisBatchWriter } from '../store/redisBatchWriter';
import { loadVpinHistory, VpinWriter } from '../store/vpinWriter';

export interface VpinModuleOptions {
  bus: EngineBus;
  redis: Redis;
  config: VpinConfig;
  symbols: readonly string[];
  /** The simulator trading at any hour has no session to keep: every print counts. */
  alwaysOpen: boolean;
  reportBadInput: (source: string, problem: string) => void;
}

const log = moduleLogger('vpin');

/**
 * VPIN as one engine module (Health's "vpin"): the service (analytics) with its Redis keys (store). It starts before
 * the ingestion, so it hears every print, and reads the stored history back first, so the toxicity CDF and an
 * episode in progress survive a restart.
 */
export class VpinModule implements EngineModule {
  readonly name = 'vpin';
  readonly dependsOn = ['redis'];
  readonly service: VpinService;
  private readonly writer: RedisBatchWriter;
  private readonly store: VpinWriter;
  private historyUnread = 0;

  constructor(private readonly options: VpinModuleOptions) {
    const { bus, redis, config } = options;
    const { buckets, classification, barSeconds, sigmaBars, minSigmaBars, historyReadings, minHistoryReadings, alertLevel, exitLevel } = config;
    this.writer = new RedisBatchWriter(redis);
    this.store = new VpinWriter(bus, this.writer, historyReadings);
    this.service = new VpinService({
      bus,
      symbols: options.symbols.map((symbol) => ({ symbol, bucketVolume: vpinBucketVolume(config, symbol) })),
      vpin: { buckets, classification, barSeconds, sigmaBars, minSigmaBars, historyReadings, minHistoryReadings, alertLevel, exitLevel },
      regularHoursOnly: config.regularHoursOnly && !options.alwaysOpen,
      loadHistory: (symbol, count) => this.loadHistory(symbol, count),
      reportBadInput: options.reportBadInput,
    });
  }

  async start(): Promise<void> {
    this.store.start();
    await this.service.start();
  }

  async stop(): Promise<void> {
    await this.service.stop();
    this.store.stop();
    await this.writer.drain().catch((error: unknown) => log.warn({ err: error, buffered: this.writer.buffered }, 'VPIN readings left unwritten at stop'));
    this.writer.stop();
  }

  detail(): ModuleHealth['detail'] {
    const s = this.service;
    return {
      readings: s.readings,
      alerts: s.alerts,
      toxic: s.toxicSymbols.join(' ') || null,
      ignoredPrints: s.ignoredPrints,
      outsideSession: s.outsideSession,
      restoredReadings: s.restoredReadings,
      historyUnread: this.historyUnread,
      redisBuffered: this.writer.buffered,
      redisDropped: this.writer.stats.droppedItems,
    };
  }

  /** A history Redis cannot give is not worth stopping for: VPIN starts afresh for that symbol. */
  private async loadHistory(symbol: string, count: number): Promise<VpinReading[]> {
    try {
      return await loadVpinHistory(this.options.redis, symbol, count);
    } catch (error) {
      this.historyUnread++;
      log.warn({ err: error, symbol }, 'VPIN history not read back: its toxicity CDF starts afresh');
      return [];
    }
  }
}
