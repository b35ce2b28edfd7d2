import type { IBApi } from '@stoqey/ib';
import type { EngineBus } from '../../../bus/catalogue';
import type { ModuleHealth } from '../../../contract/contract';
import type { IngestionState, SymbolFreshness } from '../../../contract/ingestionState';
import type { ModuleContext } from '../../../runtime/supervisor';
import type { IbConnection, IbSession } from '../connection/ibConnection';
import { IbErrorLog } from '../connection/ibErrorLog';
import { ContractBook } from './contractBook';
import { symbolFreshness } from './symbolFreshness';
import { routeIbEvents } from './ibEventRouter';
import { handleIbMessage, UpstreamStatus, type MessageHandlerDeps } from './ibMessageHandler';
import { IngestMetrics } from './ingestMetrics';
import { MarketDataPublisher } from './marketDataPublisher';
import { SessionSubscriptions } from './sessionSubscriptions';
import type { PlannedSymbol } from './subscriptionPlan';
import { SubscriptionRegistry } from './subscriptionRegistry';

export interface IbkrMarketDataOptions {
  /** The IB socket's owner (the app's): this side adds its listener; the owner starts and stops it. */
  connection: IbConnection;
  symbols: readonly PlannedSymbol[];
  staleAfterSeconds: number;
  bus: EngineBus;
  /** The engine's bad-input counter (source "ibkr"). */
  reportBadInput: (source: string, problem: string) => void;
  /** Wait before requesting again what TWS refused for pacing (420/162); tests shorten it with the gateway's window. */
  pacingRetryMs?: number;
}

/** The venue's own part of the ingestion state; the app adds the store writer's and the detectors' figures. */
export type VenueMetrics = Omit<IngestionState['metrics'], 'sweeps' | 'unusualVolumeEpisodes' | 'crossedOrLockedBooks'>;
export type IbkrFeedState = Omit<IngestionState, 'redis' | 'metrics'> & { metrics: VenueMetrics };

/**
 * IBKR market data: the one owner of the IB socket's data side, from subscriptions to domain events on the bus
 * (quoteChanged, tradePrinted, bookChanged, bookCleared, barClosed, and the venue's connection, account and errors).
 * It writes nothing and shows nothing itself: the store, the detectors and the cockpit streams subscribe.
 */
export class IbkrMarketData {
  readonly metrics = new IngestMetrics();
  readonly errors = new IbErrorLog();
  readonly registry = new SubscriptionRegistry();
  private readonly publisher: MarketDataPublisher;
  private readonly contracts = new ContractBook();
  private readonly subscriptions: SessionSubscriptions;
  private readonly upstream = new UpstreamStatus();
  private readonly handlerDeps: MessageHandlerDeps;
  /** The account TWS reported: `account`/`accounts` ids and the summary values (published live). */
  private readonly account: Record<string, string> = {};
  private deliveringSince = 0;
  private freshnessNow: SymbolFreshness[] = [];
  private context: ModuleContext | undefined;
  private running = false;
  private removeListener: (() => void) | undefined;

  constructor(private readonly options: IbkrMarketDataOptions) {
    const { bus } = options;
    this.publisher = new MarketDataPublisher(options.symbols, bus, this.metrics, {
      reportBadInput: (problem) => options.reportBadInput('ibkr', problem),
      onBookBroken: (symbol) => this.subscriptions.rebuildDepth(symbol, Date.now()),
    });
    this.subscriptions = new SessionSubscriptions(options.symbols, this.registry, this.contracts, this.metrics, () => this.connection.current, (symbol) => this.publisher.clearBook(symbol, Date.now()), options.pacingRetryMs);
    this.handlerDeps = {
      log: this.errors, metrics: this.metrics, registry: this.registry, contracts: this.contracts, subscriptions: this.subscriptions,
      publisher: this.publisher, upstream: this.upstream,
      reportError: (error) => bus.publish('venueErrorReported', { venue: 'ibkr', error }),
      reportBadInput: (problem) => options.reportBadInput('ibkr', problem),
      level2Symbols: options.symbols.filter((s) => s.dataClass === 'level2').map((s) => s.symbol),
    };
  }

  get connection(): IbConnection {
    return this.options.connection;
  }

  /** Listens to the connection (its owner starts it after this): TWS may come up later, the owner keeps trying. */
  async start(context: ModuleContext): Promise<void> {
    this.context = context;
    this.running = true;
    this.setConnected(false);
    this.removeListener = this.connection.addListener({
      onApi: (api) => this.attach(api),
      onSession: (session) => this.onSession(session),
      onSessionEnd: (_session, reason) => this.onSessionEnd(reason),
      onNotice: (kind, message) => this.context?.log.warn({ kind }, message),
    });
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.removeListener?.();
    this.subscriptions.end();
    this.setConnected(false);
  }

  isAlive(): boolean {
    return this.running;
  }

  /** Per symbol: which data types are stale and why, as of the last sample(). */
  freshness(): readonly SymbolFreshness[] {
    return this.freshnessNow;
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
    };
  }

  /** The venue's part of the ingestion state (the Health panel's IB section). */
  state(now = Date.now()): IbkrFeedState {
    const c = this.connection;
    const lastMessageAt = c.lastMessageAt || null;
    return {
      connected: c.phase === 'connected',
      phase: c.phase,
      endpoint: `${this.connection.endpoint.host}:${this.connection.endpoint.port}`,
      clientId: c.clientId,
      lastDisconnectReason: c.lastReason || null,
      dataInterrupted: this.upstream.interruption,
      lastMessageAt,
      lastMessageAgeMs: lastMessageAt === null ? null : now - lastMessageAt,
      subscriptions: this.registry.all().map((a) => ({ id: a.spec.id, reqId: a.reqId, refused: a.refused ? `${a.refused.code} ${a.refused.reason}` : null })),
      staleSymbols: this.freshnessNow.filter((f) => f.stale).map((f) => f.symbol),
      delayedSymbols: [...this.upstream.delayedSymbols],
      account: this.accountView(),
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
        queueDepth: c.current?.pacer.depth ?? 0,
        requestsSent: this.registry.requestsSent,
        refusedRequests: this.metrics.refusedRequests,
        pacingViolations: this.metrics.pacingViolations,
        resubscribes: this.metrics.resubscribes,
      },
      asOf: now,
    };
  }

  private attach(api: IBApi): void {
    routeIbEvents(api, this.registry, this.publisher, {
      onIbMessage: (code, reqId, message) => handleIbMessage(this.handlerDeps, code, reqId, message),
      onAccounts: (accounts) => this.setAccountFields({ accounts }),
      onAccountSummary: (account, tag, value, currency) => this.setAccountFields({ account, [tag]: currency ? `${value} ${currency}` : value }),
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
    this.setConnected(true);
    this.context?.log.info({ clientId: session.clientId, session: session.id }, 'connected to TWS');
    this.subscriptions.begin(session).catch((error: unknown) => this.context?.log.error({ err: error }, 'subscribing failed'));
  }

  private onSessionEnd(reason: string): void {
    this.subscriptions.end();
    this.setConnected(false);
    this.context?.log.warn({ reason }, 'TWS session ended; reconnecting');
  }

  private setConnected(connected: boolean): void {
    this.options.bus.publish('venueConnectionChanged', { venue: 'ibkr', connected });
  }

  private setAccountFields(fields: Record<string, string>): void {
    Object.assign(this.account, fields, { updatedAt: String(Date.now()) });
    this.options.bus.publish('venueAccountChanged', { venue: 'ibkr', fields: this.account });
  }

  /** The account TWS reported (ibkr:account): its id and summary values, for the Health panel. */
  private accountView(): { id: string | null; values: Record<string, string> } {
    const { account, accounts, updatedAt: _updatedAt, ...values } = this.account;
    return { id: account ?? accounts ?? null, values };
  }

  /** Recomputes messages/s and each symbol's freshness (the owner calls it every second). */
  sample(now = Date.now()): void {
    this.metrics.sample(this.connection.messages, now);
    const interruption = this.connection.phase !== 'connected' ? 'not connected to TWS' : this.upstream.interruption;
    this.freshnessNow = this.publisher.states().map((s) => symbolFreshness(s, now, this.options.staleAfterSeconds * 1000, this.deliveringSince, interruption));
  }
}
