import type { EngineBus, IngestionReport } from '../bus/catalogue';
import type { IbErrorRecord } from '../contract/ingestionState';
import { keys, LIST_LIMITS } from './keys';
import type { LatestWrite, RedisBatchWriter } from './redisBatchWriter';

/** Hash fields are prefixed so other data-quality monitors can share monitoring:data:stale. */
export const STALE_FIELD_PREFIX = 'ibkr:';

function latest(spec: { key: string; ttl: number | null }, kind: 'string' | 'hash', produce: LatestWrite['produce']): LatestWrite {
  return { key: spec.key, ttl: spec.ttl, kind, produce, lastWrittenAt: 0 };
}

/**
 * The IBKR ingestion's monitoring keys, from the bus: ibkr:connected, ibkr:account, monitoring:ibkr:errors as they
 * happen, monitoring:ibkr:metrics and monitoring:data:stale from each second's ibkrStatusSampled.
 */
export class IbkrMonitoringWriter {
  private connected = false;
  private account: Readonly<Record<string, string>> = {};
  private metrics: Record<string, string> = {};
  private stale: Record<string, string> = {};
  private readonly connectedWrite = latest(keys.ibkr.connected, 'string', () => (this.connected ? '1' : '0'));
  private readonly accountWrite = latest(keys.ibkr.account, 'hash', () => ({ ...this.account }));
  private readonly metricsWrite = latest(keys.monitoring.ibkrMetrics, 'hash', () => this.metrics);
  private readonly staleWrite = latest(keys.monitoring.dataStale, 'hash', () => this.stale);

  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly bus: EngineBus,
    private readonly writer: RedisBatchWriter,
  ) {}

  start(): void {
    if (this.unsubscribe.length > 0) return;
    this.unsubscribe = [
      this.bus.subscribe('venueConnectionChanged', ({ connected }) => this.setConnected(connected)),
      this.bus.subscribe('venueAccountChanged', ({ fields }) => this.setAccount(fields)),
      this.bus.subscribe('venueErrorReported', ({ error }) => this.error(error)),
      this.bus.subscribe('ibkrStatusSampled', (report) => this.status(report)),
    ];
  }

  stop(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
  }

  private setConnected(connected: boolean): void {
    this.connected = connected;
    this.writer.markLatest(this.connectedWrite);
  }

  /** Live: the venue's record, copied when the batch is written. */
  private setAccount(fields: Readonly<Record<string, string>>): void {
    this.account = fields;
    this.writer.markLatest(this.accountWrite);
  }

  private error(record: IbErrorRecord): void {
    const spec = keys.monitoring.ibkrErrors;
    this.writer.push(spec.key, spec.ttl, LIST_LIMITS.ibkrErrors, record);
  }

  private status({ state, freshness }: IngestionReport): void {
    const m = state.metrics;
    this.metrics = {
      connected: state.connected ? '1' : '0',
      messagesPerSecond: String(m.messagesPerSecond),
      messagesTotal: String(m.messagesTotal),
      updatesQuotes: String(m.updates.quotes),
      updatesTrades: String(m.updates.trades),
      updatesDepth: String(m.updates.depth),
      updatesBars: String(m.updates.bars),
      updatesErrors: String(m.updates.errors),
      reconnects: String(m.reconnects),
      clientIdRetries: String(m.clientIdRetries),
      lastMessageAgeMs: state.lastMessageAgeMs === null ? '' : String(state.lastMessageAgeMs),
      queueDepth: String(m.queueDepth),
      requestsSent: String(m.requestsSent),
      subscriptionsActive: String(state.subscriptions.filter((s) => !s.refused).length),
      decodeErrors: String(m.decodeErrors),
      badInput: String(m.badInput),
      depthResets: String(m.depthResets),
      depthRebuilds: String(m.depthRebuilds),
      sweeps: String(m.sweeps),
      unusualVolumeEpisodes: String(m.unusualVolumeEpisodes),
      crossedOrLockedBooks: String(m.crossedOrLockedBooks),
      resubscribes: String(m.resubscribes),
      refusedRequests: String(m.refusedRequests),
      pacingViolations: String(m.pacingViolations),
      staleSymbols: String(state.staleSymbols.length),
      delayedSymbols: state.delayedSymbols.join(','),
      redisDegraded: state.redis.degraded ? '1' : '0',
      redisRoundTrips: String(state.redis.roundTrips),
      redisBuffered: String(state.redis.buffered),
      redisDropped: String(state.redis.dropped),
      asOf: String(state.asOf),
    };
    this.writer.markLatest(this.metricsWrite);
    const stale: Record<string, string> = {};
    for (const f of freshness) stale[STALE_FIELD_PREFIX + f.symbol] = JSON.stringify({ ...f, asOf: state.asOf });
    this.stale = stale;
    this.writer.markLatest(this.staleWrite);
  }
}
