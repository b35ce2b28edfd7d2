import { keys, LIST_LIMITS } from './keys';
import type { SymbolFreshness } from '../venues/ibkr/data/dataQuality';
import type { IbErrorRecord } from '../venues/ibkr/connection/ibErrorLog';
import type { IngestionState } from '../contract/ingestionState';
import type { LatestWrite, RedisBatchWriter } from './redisBatchWriter';

/** Hash fields are prefixed so other data-quality monitors can share monitoring:data:stale. */
export const STALE_FIELD_PREFIX = 'ibkr:';

function latest(spec: { key: string; ttl: number | null }, kind: 'string' | 'hash', produce: LatestWrite['produce']): LatestWrite {
  return { key: spec.key, ttl: spec.ttl, kind, produce, lastWrittenAt: 0 };
}

/** The ingestion's own keys: ibkr:connected, ibkr:account, monitoring:ibkr:metrics/errors, monitoring:data:stale. */
export class MonitoringWrites {
  private connected = false;
  private readonly account: Record<string, string> = {};
  private metrics: Record<string, string> = {};
  private stale: Record<string, string> = {};
  private readonly connectedWrite = latest(keys.ibkr.connected, 'string', () => (this.connected ? '1' : '0'));
  private readonly accountWrite = latest(keys.ibkr.account, 'hash', () => ({ ...this.account }));
  private readonly metricsWrite = latest(keys.monitoring.ibkrMetrics, 'hash', () => this.metrics);
  private readonly staleWrite = latest(keys.monitoring.dataStale, 'hash', () => this.stale);

  constructor(private readonly writer: RedisBatchWriter) {}

  setConnected(connected: boolean): void {
    this.connected = connected;
    this.writer.markLatest(this.connectedWrite);
  }

  setAccountField(field: string, value: string): void {
    this.account[field] = value;
    this.account.updatedAt = String(Date.now());
    this.writer.markLatest(this.accountWrite);
  }

  /** The account TWS reported (ibkr:account): its id and summary values, for the Health panel. */
  accountView(): { id: string | null; values: Record<string, string> } {
    const { account, accounts, updatedAt: _updatedAt, ...values } = this.account;
    return { id: account ?? accounts ?? null, values };
  }

  error(record: IbErrorRecord): void {
    const spec = keys.monitoring.ibkrErrors;
    this.writer.push(spec.key, spec.ttl, LIST_LIMITS.ibkrErrors, record);
  }

  publish(state: IngestionState, freshness: readonly SymbolFreshness[]): void {
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
