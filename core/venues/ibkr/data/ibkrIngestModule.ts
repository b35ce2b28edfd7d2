import type { IBApi } from '@stoqey/ib';
import type { Redis } from 'ioredis';
import type { ModuleHealth } from '../../../contract/contract';
import type { EngineModule, ModuleContext } from '../../../runtime/supervisor';
import { ContractBook } from './contractBook';
import { symbolFreshness, type SymbolFreshness } from './dataQuality';
import { DEFAULT_TIMINGS, IbConnection, type ConnectionTimings, type IbEndpoint, type IbSession } from '../connection/ibConnection';
import { IbErrorLog } from '../connection/ibErrorLog';
import { routeIbEvents } from './ibEventRouter';
import { handleIbMessage, UpstreamStatus, type MessageHandlerDeps } from './ibMessageHandler';
import type { IngestionState } from '../../../contract/ingestionState';
import { IngestMetrics } from './ingestMetrics';
import { IngestPipeline } from './ingestPipeline';
import { IngestTopics, type SymbolTopics } from '../../../app/cockpit/marketStreams';
import { MonitoringWrites } from '../../../store/ibkrMonitoringWriter';
import { RedisBatchWriter } from '../../../store/redisBatchWriter';
import { SessionSubscriptions } from './sessionSubscriptions';
import type { PlannedSymbol } from './subscriptionPlan';
import { SubscriptionRegistry } from './subscriptionRegistry';

export interface IbkrIngestOptions {
  ib: IbEndpoint;
  symbols: readonly PlannedSymbol[];
  staleAfterSeconds: number;
  redis: Redis;
  /** The engine's bad-input counter (source "ibkr"). */
  reportBadInput: (source: string, problem: string) => void;
  /** Shorter timings for tests. */
  timings?: Partial<ConnectionTimings>;
  /** Wait before requesting again what TWS refused for pacing (420/162); tests shorten it with the gateway's window. */
  pacingRetryMs?: number;
  /** Modules that must run first (redis; in sim mode also the simulated market). */
  dependsOn?: readonly string[];
}

const MONITOR_MS = 1_000;

/** The IBKR ingestion: the one owner of the IB socket, from subscriptions to Redis and the cockpit streams. */
export class IbkrIngestModule implements EngineModule {
  readonly name = 'ibkrIngest';
  readonly dependsOn: readonly string[];
  readonly topics: IngestTopics;
  readonly metrics = new IngestMetrics();
  readonly errors = new IbErrorLog();
  readonly writer: RedisBatchWriter;
  readonly connection: IbConnection;
  readonly registry = new SubscriptionRegistry();
  private readonly pipeline: IngestPipeline;
  private readonly contracts = new ContractBook();
  private readonly subscriptions: SessionSubscriptions;
  private readonly monitoring: MonitoringWrites;
  private readonly upstream = new UpstreamStatus();
  private readonly handlerDeps: MessageHandlerDeps;
  private monitorTimer: NodeJS.Timeout | undefined;
  private deliveringSince = 0;
  private freshness: SymbolFreshness[] = [];
  private context: ModuleContext | undefined;
  private running = false;

  constructor(private readonly options: IbkrIngestOptions) {
    this.dependsOn = options.dependsOn ?? ['redis'];
    this.writer = new RedisBatchWriter(options.redis);
    this.topics = new IngestTopics((s) => this.pipeline.state(s), options.symbols);
    this.pipeline = new IngestPipeline(options.symbols, this.writer, this.topics, this.metrics, {
      reportBadInput: (problem) => options.reportBadInput('ibkr', problem),
      onBookBroken: (symbol) => this.subscriptions.rebuildDepth(symbol, Date.now()),
    });
    this.monitoring = new MonitoringWrites(this.writer);
    this.subscriptions = new SessionSubscriptions(options.symbols, this.registry, this.contracts, this.metrics, () => this.connection.current, (symbol) => this.pipeline.clearBook(symbol, Date.now()), options.pacingRetryMs);
    this.connection = new IbConnection(options.ib, {
      onApi: (api) => this.attach(api),
      onSession: (session) => this.onSession(session),
      onSessionEnd: (_session, reason) => this.onSessionEnd(reason),
      onNotice: (kind, message) => this.context?.log.warn({ kind }, message),
    }, { ...DEFAULT_TIMINGS, ...options.timings });
    this.handlerDeps = {
      log: this.errors, metrics: this.metrics, registry: this.registry, contracts: this.contracts, subscriptions: this.subscriptions,
      pipeline: this.pipeline, monitoring: this.monitoring, upstream: this.upstream,
      reportBadInput: (problem) => options.reportBadInput('ibkr', problem),
      level2Symbols: options.symbols.filter((s) => s.dataClass === 'level2').map((s) => s.symbol),
    };
  }

  /** Starts connecting and returns at once: TWS may come up later, the module keeps trying. */
  async start(context: ModuleContext): Promise<void> {
    this.context = context;
    this.running = true;
    this.monitoring.setConnected(false);
    this.topics.start();
    this.monitorTimer = setInterval(() => this.monitor(), MONITOR_MS);
    this.monitorTimer.unref();
    this.connection.start();
    context.log.info({ host: this.options.ib.host, port: this.options.ib.port, clientId: this.options.ib.clientId }, 'connecting to TWS');
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.monitorTimer);
    this.connection.stop();
    this.subscriptions.end();
    this.monitoring.setConnected(false);
    this.monitor();
    await this.writer.drain().catch(() => undefined);
    this.writer.stop();
    this.topics.stop();
  }

  isAlive(): boolean {
    return this.running;
  }

  symbolTopics(symbol: string): SymbolTopics | undefined {
    return this.topics.topics(symbol);
  }

  detail(): ModuleHealth['detail'] {
    const s = this.state();
    return {
      connected: s.connected,
      phase: s.phase,
      clientId: s.clientId,
      dataInterrupted: s.dataInterrupted,
      lastMessageAgeMs: s.lastMessageAgeMs,
      messagesPerSecond: s.metrics.messagesPerSecond,
      subscriptions: s.subscriptions.filter((x) => !x.refused).length,
      refusedSubscriptions: s.subscriptions.filter((x) => x.refused).length,
      staleSymbols: s.staleSymbols.join(',') || null,
      delayedSymbols: s.delayedSymbols.join(',') || null,
      reconnects: s.metrics.reconnects,
      decodeErrors: s.metrics.decodeErrors,
      badInput: s.metrics.badInput,
      lastError: s.errors[0] ? `${s.errors[0].code} ${s.errors[0].meaning}` : null,
      redis: s.redis.degraded ? 'degraded' : 'ok',
      redisBuffered: s.redis.buffered,
    };
  }

  /** The full ingestion state for the Health panel (also published on topics.state every second). */
  state(now = Date.now()): IngestionState {
    const c = this.connection;
    const lastMessageAt = c.lastMessageAt || null;
    const w = this.writer.stats;
    return {
      connected: c.phase === 'connected',
      phase: c.phase,
      endpoint: `${this.options.ib.host}:${this.options.ib.port}`,
      clientId: c.clientId,
      lastDisconnectReason: c.lastReason || null,
      dataInterrupted: this.upstream.interruption,
      lastMessageAt,
      lastMessageAgeMs: lastMessageAt === null ? null : now - lastMessageAt,
      subscriptions: this.registry.all().map((a) => ({ id: a.spec.id, reqId: a.reqId, refused: a.refused ? `${a.refused.code} ${a.refused.reason}` : null })),
      staleSymbols: this.freshness.filter((f) => f.stale).map((f) => f.symbol),
      delayedSymbols: [...this.upstream.delayedSymbols],
      account: this.monitoring.accountView(),
      errors: this.errors.latest(10),
      metrics: {
        messagesPerSecond: this.metrics.messagesPerSecond,
        messagesTotal: c.messages,
        updates: { ...this.metrics.updates },
        reconnects: c.reconnects,
        clientIdRetries: c.clientIdRetries,
        decodeErrors: this.metrics.decodeErrors,
        badInput: this.metrics.badInput,
        depthResets: this.metrics.depthResets,
        depthRebuilds: this.metrics.depthRebuilds,
        sweeps: this.metrics.sweeps,
        unusualVolumeEpisodes: this.pipeline.states().reduce((n, s) => n + s.unusual.episodes, 0),
        crossedOrLockedBooks: this.pipeline.states().reduce((n, s) => n + s.crossedCount + s.lockedCount, 0),
        queueDepth: c.current?.pacer.depth ?? 0,
        requestsSent: this.registry.requestsSent,
        refusedRequests: this.metrics.refusedRequests,
        pacingViolations: this.metrics.pacingViolations,
        resubscribes: this.metrics.resubscribes,
      },
      redis: { degraded: w.degraded, roundTrips: w.roundTrips, buffered: this.writer.buffered, dropped: w.droppedItems, failures: w.failures },
      asOf: now,
    };
  }

  private attach(api: IBApi): void {
    routeIbEvents(api, this.registry, this.pipeline, {
      onIbMessage: (code, reqId, message) => handleIbMessage(this.handlerDeps, code, reqId, message),
      onAccounts: (accounts) => this.monitoring.setAccountField('accounts', accounts),
      onAccountSummary: (account, tag, value, currency) => {
        this.monitoring.setAccountField('account', account);
        this.monitoring.setAccountField(tag, currency ? `${value} ${currency}` : value);
      },
      onContractDetails: (reqId, details) => this.contracts.onDetails(reqId, details),
      onContractDetailsEnd: (reqId) => this.contracts.onEnd(reqId),
      onHandlerFailure: (event, error) => {
        this.metrics.badInput++;
        this.options.reportBadInput('ibkr', `${event} handler failed: ${error instanceof Error ? error.message : String(error)}`);
      },
    });
  }

  private onSession(session: IbSession): void {
    this.deliveringSince = Date.now();
    this.upstream.connectivityLost = false;
    this.upstream.marketDataFarmDown = false;
    this.upstream.delayedSymbols.clear();
    this.monitoring.setConnected(true);
    this.context?.log.info({ clientId: session.clientId, session: session.id }, 'connected to TWS');
    this.subscriptions.begin(session).catch((error: unknown) => this.context?.log.error({ err: error }, 'subscribing failed'));
  }

  private onSessionEnd(reason: string): void {
    this.subscriptions.end();
    this.monitoring.setConnected(false);
    this.context?.log.warn({ reason }, 'TWS session ended; reconnecting');
  }

  private monitor(): void {
    const now = Date.now();
    this.metrics.sample(this.connection.messages, now);
    this.pipeline.closeQuietBursts(now);
    const interruption = this.connection.phase !== 'connected' ? 'not connected to TWS' : this.upstream.interruption;
    this.freshness = this.pipeline.states().map((s) => symbolFreshness(s, now, this.options.staleAfterSeconds * 1000, this.deliveringSince, interruption));
    const state = this.state(now);
    this.monitoring.publish(state, this.freshness);
    this.topics.state.publish(state, now);
  }
}
