import type { Redis } from 'ioredis';
import { SweepDetector } from '../analytics/sweepDetector';
import { UnusualVolumeDetector } from '../analytics/unusualVolumeDetector';
import type { EngineBus } from '../bus/catalogue';
import type { ModuleHealth } from '../contract/contract';
import type { IngestionState } from '../contract/ingestionState';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule, ModuleContext } from '../runtime/supervisor';
import { DiscoveryHistoryWriter, type DiscoveryHistorySettings } from '../store/discoveryHistoryWriter';
import { IbkrMonitoringWriter } from '../store/ibkrMonitoringWriter';
import { MarketDataWriter } from '../store/marketDataWriter';
import { RedisBatchWriter } from '../store/redisBatchWriter';
import { DEFAULT_TIMINGS, IbConnection, type ConnectionTimings, type IbEndpoint } from '../venues/ibkr/connection/ibConnection';
import { IbkrMarketData, type IbkrMarketDataOptions } from '../venues/ibkr/data/ibkrMarketData';

export interface IbkrDataSourceOptions extends Omit<IbkrMarketDataOptions, 'bus' | 'connection'> {
  ib: IbEndpoint;
  /** Shorter timings for tests. */
  timings?: Partial<ConnectionTimings>;
  bus: EngineBus;
  redis: Redis;
  /** Modules that must run first (redis; in sim mode also the simulated market). */
  dependsOn?: readonly string[];
  /** Parameter discovery's history (trades, bars, book snapshots) is written with the market data; null: discovery is off. */
  discoveryHistory?: DiscoveryHistorySettings | null;
}

const REPORT_MS = 1_000;
const log = moduleLogger('ibkrIngest');

/**
 * IBKR market data as one engine module (Health's "ibkrIngest"): the venue publishes, and its subscribers are started
 * before it and stopped after it, so nothing it publishes goes unheard: the Redis writers (store), the sweep and
 * unusual-volume detectors (analytics), and parameter discovery's history when discovery is on. Every second it samples the ingestion's state (the venue's figures with the
 * writer's and the detectors') and publishes it as ibkrStatusSampled, for monitoring:ibkr:metrics and the cockpit.
 */
export class IbkrDataSource implements EngineModule {
  readonly name = 'ibkrIngest';
  readonly dependsOn: readonly string[];
  /** The one IB socket: market data here, and execution on the same connection. */
  readonly connection: IbConnection;
  readonly venue: IbkrMarketData;
  readonly writer: RedisBatchWriter;
  readonly marketData: MarketDataWriter;
  readonly monitoring: IbkrMonitoringWriter;
  /** Null when discovery is off. */
  readonly history: DiscoveryHistoryWriter | null;
  readonly sweeps: SweepDetector;
  readonly unusualVolume: UnusualVolumeDetector;
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly options: IbkrDataSourceOptions) {
    const { bus, symbols } = options;
    this.dependsOn = options.dependsOn ?? ['redis'];
    this.writer = new RedisBatchWriter(options.redis);
    this.marketData = new MarketDataWriter(bus, this.writer, symbols);
    this.monitoring = new IbkrMonitoringWriter(bus, this.writer);
    this.history = options.discoveryHistory ? new DiscoveryHistoryWriter(bus, this.writer, symbols, options.discoveryHistory) : null;
    this.sweeps = new SweepDetector(bus, symbols.filter((s) => s.dataClass === 'level2').map((s) => s.symbol));
    this.unusualVolume = new UnusualVolumeDetector(bus, symbols.map((s) => s.symbol));
    this.connection = new IbConnection(options.ib, { ...DEFAULT_TIMINGS, ...options.timings });
    this.venue = new IbkrMarketData({ ...options, connection: this.connection });
  }

  async start(context: ModuleContext): Promise<void> {
    this.running = true;
    this.monitoring.start();
    await this.marketData.start();
    this.history?.start();
    await this.sweeps.start();
    await this.unusualVolume.start();
    await this.venue.start(context);
    this.connection.start();
    context.log.info({ ...this.options.ib }, 'connecting to TWS');
    this.timer = setInterval(() => this.report(), REPORT_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.timer);
    this.connection.stop();
    await this.venue.stop();
    this.report();
    await this.unusualVolume.stop();
    await this.sweeps.stop();
    await this.marketData.stop();
    this.history?.stop();
    this.monitoring.stop();
    await this.writer.drain().catch((error: unknown) => log.warn({ err: error, buffered: this.writer.buffered }, 'market data left unwritten at stop'));
    this.writer.stop();
  }

  isAlive(): boolean {
    return this.venue.isAlive();
  }

  detail(): ModuleHealth['detail'] {
    const w = this.writer.stats;
    return { ...this.venue.detail(), redis: w.degraded ? 'degraded' : 'ok', redisBuffered: this.writer.buffered, redisDropped: w.droppedItems };
  }

  /** The ingestion as the Health panel shows it. */
  state(now = Date.now()): IngestionState {
    const feed = this.venue.state(now);
    const w = this.writer.stats;
    return {
      ...feed,
      metrics: {
        ...feed.metrics,
        sweeps: this.sweeps.detected,
        unusualVolumeEpisodes: this.unusualVolume.episodes,
        crossedOrLockedBooks: this.marketData.crossedOrLockedBooks,
      },
      redis: { degraded: w.degraded, roundTrips: w.roundTrips, buffered: this.writer.buffered, dropped: w.droppedItems, failures: w.failures },
    };
  }

  private report(): void {
    this.venue.sample();
    this.options.bus.publish('ibkrStatusSampled', { state: this.state(), freshness: this.venue.freshness() });
  }
}
