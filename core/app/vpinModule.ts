import type { Redis } from 'ioredis';
import { VpinService, type SavedVpin } from '../analytics/vpinService';
import type { EngineBus } from '../bus/catalogue';
import type { ModuleHealth } from '../contract/contract';
import type { VpinSettings } from '../contract/analyticsView';
import type { DiscoveryRun } from '../market/discoveryReading';
import type { VpinBucketSize } from '../market/vpinReading';
import { vpinBucketVolume, type VpinConfig } from '../config/vpinSchema';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule } from '../runtime/supervisor';
import { RedisBatchWriter } from '../store/redisBatchWriter';
import { loadVpinBuckets, loadVpinHistory, VpinWriter } from '../store/vpinWriter';

export interface VpinModuleOptions {
  bus: EngineBus;
  redis: Redis;
  config: VpinConfig;
  symbols: readonly string[];
  /** The simulator trading at any hour has no session to keep: every print counts. */
  alwaysOpen: boolean;
  reportBadInput: (source: string, problem: string) => void;
  /**
   * The newest discovery run (read back at start-up), when discovery runs: its bucket sizes replace the configured
   * default from the start, and each new run's (parametersDiscovered) from the next bucket on. An explicit
   * analytics.vpin.bucketVolume wins over discovery.
   */
  discovered?: () => DiscoveryRun | null;
}

const log = moduleLogger('vpin');

/** What the cockpit's VPIN panel says it shows for a symbol: the settings the service measures it with. */
export function vpinSettings(config: VpinConfig, symbol: string): VpinSettings {
  return {
    classification: config.classification,
    bucketVolume: vpinBucketVolume(config, symbol),
    bucketSource: 'configured',
    bucketAsOf: null,
    buckets: config.buckets,
    alertLevel: config.alertLevel,
  };
}

/** A symbol's bucket size from a discovery run: its VPIN bucket from trade-size clusters (this run's or kept), or null. */
export function discoveredBucketSize(run: DiscoveryRun | null, symbol: string): VpinBucketSize | null {
  const found = run?.symbols.find((s) => s.symbol === symbol)?.tradeSizes.value;
  return found ? { symbol, bucketVolume: found.bucketVolume, source: 'discovered', asOf: found.computedAt } : null;
}
/** Buckets that changed are saved this often (and at stop): a crash costs at most this much of them. */
export const BUCKET_SAVE_MS = 5_000;

/**
 * VPIN as one engine module (Health's "vpin"): the service (analytics) with its Redis keys (store). It starts before
 * the ingestion, so it hears every print, and reads what it saved back first: the history, so the toxicity CDF and
 * an episode in progress survive a restart, and the buckets, so readings resume with the next full bucket.
 */
export class VpinModule implements EngineModule {
  readonly name = 'vpin';
  readonly dependsOn: string[];
  readonly service: VpinService;
  private readonly writer: RedisBatchWriter;
  private readonly store: VpinWriter;
  private historyUnread = 0;
  private timer: NodeJS.Timeout | undefined;
  /** Per symbol, the buckets as last saved (completed and filled), to save only what changed. */
  private readonly saved = new Map<string, string>();
  private offDiscovered: (() => void) | null = null;
  /** Buckets resized from discovery runs. */
  private resized = 0;

  constructor(private readonly options: VpinModuleOptions) {
    const { bus, redis, config } = options;
    this.dependsOn = this.followsDiscovery ? ['redis', 'discovery'] : ['redis'];
    const { buckets, classification, barSeconds, sigmaBars, minSigmaBars, historyReadings, minHistoryReadings, alertLevel, exitLevel } = config;
    this.writer = new RedisBatchWriter(redis);
    this.store = new VpinWriter(bus, this.writer, historyReadings);
    this.service = new VpinService({
      bus,
      symbols: options.symbols.map((symbol) => ({ symbol, bucketVolume: vpinBucketVolume(config, symbol) })),
      vpin: { buckets, classification, barSeconds, sigmaBars, minSigmaBars, historyReadings, minHistoryReadings, alertLevel, exitLevel },
      regularHoursOnly: config.regularHoursOnly && !options.alwaysOpen,
      loadSaved: (symbol, count) => this.loadSaved(symbol, count),
      reportBadInput: options.reportBadInput,
    });
  }

  async start(): Promise<void> {
    this.store.start();
    // Before the saved buckets are read back: they were saved with the discovered size.
    if (this.followsDiscovery) {
      this.applyDiscovered(this.options.discovered!());
      this.offDiscovered = this.options.bus.subscribe('parametersDiscovered', (run) => this.applyDiscovered(run));
    }
    await this.service.start();
    this.timer = setInterval(() => this.saveBuckets(), BUCKET_SAVE_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.offDiscovered?.();
    this.offDiscovered = null;
    clearInterval(this.timer);
    await this.service.stop();
    this.saveBuckets();
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
      restoredBuckets: s.restoredBuckets,
      bucketsFrom: this.followsDiscovery ? 'discovery (else the config)' : 'config',
      discoveredResizes: this.resized,
      historyUnread: this.historyUnread,
      redisBuffered: this.writer.buffered,
      redisDropped: this.writer.stats.droppedItems,
    };
  }

  /** Discovery sets the bucket size unless the config fixes one for every symbol (analytics.vpin.bucketVolume). */
  private get followsDiscovery(): boolean {
    return this.options.discovered !== undefined && this.options.config.bucketVolume === null;
  }

  private applyDiscovered(run: DiscoveryRun | null): void {
    for (const symbol of this.service.symbols) {
      const size = discoveredBucketSize(run, symbol);
      if (!size) continue;
      const current = this.service.bucketSize(symbol);
      if (current?.bucketVolume === size.bucketVolume && current.asOf === size.asOf) continue;
      this.resized++;
      this.service.resizeBuckets(size);
    }
  }

  /** Saves the buckets of the symbols whose buckets changed since they were last saved. */
  saveBuckets(): void {
    for (const symbol of this.service.symbols) {
      const state = this.service.bucketState(symbol);
      const mark = state ? `${state.completed}:${state.filled}` : '';
      if (!state || this.saved.get(symbol) === mark) continue;
      this.saved.set(symbol, mark);
      this.store.saveBuckets(symbol, () => this.service.bucketState(symbol));
    }
  }

  /** What Redis cannot give is not worth stopping for: VPIN starts afresh for that symbol. */
  private async loadSaved(symbol: string, count: number): Promise<SavedVpin> {
    try {
      const [history, buckets] = await Promise.all([loadVpinHistory(this.options.redis, symbol, count), loadVpinBuckets(this.options.redis, symbol)]);
      return { history, buckets };
    } catch (error) {
      this.historyUnread++;
      log.warn({ err: error, symbol }, 'VPIN history not read back: its toxicity CDF starts afresh');
      return { history: [], buckets: null };
    }
  }
}
