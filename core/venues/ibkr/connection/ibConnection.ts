import { EventName, IBApi } from '@stoqey/ib';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import type { ConnectionPhase } from '../../../contract/ingestionState';
import { RequestPacer } from './requestPacer';
import { SendBudget } from './sendBudget';

export interface IbEndpoint {
  host: string;
  port: number;
  clientId: number;
}

export interface ConnectionTimings {
  /** From opening the socket to nextValidId. */
  connectTimeoutMs: number;
  /** reqCurrentTime is sent this often while connected. */
  watchdogIntervalMs: number;
  /** No message at all for this long means the socket is dead even if it never closed. */
  watchdogTimeoutMs: number;
  backoff: BackoffOptions;
  /** Paced below TWS's 50 messages/s. */
  requestsPerSecond: number;
  /** Client ids tried after a 326, counting up from the configured one. */
  maxClientIdOffset: number;
}

/** 1000 per second = 100 per 100 ms: never reached, since the SendBudget allows 50 a second. */
const STOQEY_MAX_REQ_PER_SEC = 1_000;
/** stoqey sends the version string and START_API straight to the socket: the session's budget counts them. */
const HANDSHAKE_MESSAGES = 2;

export const DEFAULT_TIMINGS: ConnectionTimings = {
  connectTimeoutMs: 10_000,
  watchdogIntervalMs: 2_000,
  watchdogTimeoutMs: 8_000,
  backoff: DEFAULT_BACKOFF,
  requestsPerSecond: 40,
  maxClientIdOffset: 9,
};

/** One connected session: a fresh IBApi per connection, so no decoder state survives a broken socket. */
export interface IbSession {
  readonly id: number;
  readonly api: IBApi;
  readonly clientId: number;
  readonly pacer: RequestPacer;
  /** Every message sent on this socket after the handshake passes it: never more than TWS's 50 a second. */
  readonly budget: SendBudget;
  readonly connectedAt: number;
  /** The gateway's next valid order id at connect: order ids below it were used by this client id before. */
  readonly nextValidId: number;
}

export interface ConnectionListener {
  /** A fresh IBApi before connect(): attach data listeners here. */
  onApi(api: IBApi): void;
  onSession(session: IbSession): void;
  onSessionEnd(session: IbSession, reason: string): void;
  onNotice(kind: 'clientIdInUse' | 'connectFailed' | 'watchdog', message: string): void;
}

export type { ConnectionPhase } from '../../../contract/ingestionState';

/**
 * The single owner of the IB socket: connects, detects death (close, connect failure, watchdog), and
 * reconnects with capped exponential backoff and jitter; a 326 makes the next attempt use another client id.
 * The app owns it; the venue's data and execution sides each add a listener and share its session and pacer.
 */
export class IbConnection {
  phase: ConnectionPhase = 'idle';
  reconnects = 0;
  clientIdRetries = 0;
  lastMessageAt = 0;
  messages = 0;
  lastReason = '';
  private api: IBApi | undefined;
  private budget: SendBudget | undefined;
  private session: IbSession | undefined;
  private attempt = 0;
  private clientIdOffset = 0;
  private sessionCounter = 0;
  private clientIdRefused = false;
  private connectTimer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private watchdogTimer: NodeJS.Timeout | undefined;
  private listeners: readonly ConnectionListener[] = [];

  constructor(
    readonly endpoint: IbEndpoint,
    private readonly timings: ConnectionTimings = DEFAULT_TIMINGS,
  ) {}

  /**
   * Adds a side of the venue (data, execution); returns the function that removes it. A listener added while a
   * socket is open or a session is up is told about them at once (it has missed what they already received).
   */
  addListener(listener: ConnectionListener): () => void {
    this.listeners = [...this.listeners, listener];
    if (this.api) listener.onApi(this.api);
    if (this.session) listener.onSession(this.session);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  private tell(call: (listener: ConnectionListener) => void): void {
    for (const listener of this.listeners) call(listener);
  }

  get current(): IbSession | undefined {
    return this.session;
  }

  get clientId(): number {
    return this.endpoint.clientId + this.clientIdOffset;
  }

  start(): void {
    if (this.phase !== 'idle') return;
    this.open();
  }

  stop(): void {
    this.phase = 'stopped';
    clearTimeout(this.retryTimer);
    this.teardown('stopped');
  }

  private open(): void {
    this.phase = 'connecting';
    this.clientIdRefused = false;
    // stoqey's own limiter (maxReqPerSec/10 per 100 ms) would hold a burst of 50 cancels for a second: it is set
    // out of the way, and the session's SendBudget keeps the socket under TWS's limit instead.
    const api = new IBApi({ host: this.endpoint.host, port: this.endpoint.port, maxReqPerSec: STOQEY_MAX_REQ_PER_SEC });
    this.api = api;
    const clientId = this.clientId;
    api.on(EventName.received, () => {
      this.messages++;
      this.lastMessageAt = Date.now();
    });
    api.once(EventName.nextValidId, (orderId: number) => this.onReady(api, clientId, orderId));
    api.on(EventName.disconnected, () => this.fail(api, 'socket closed'));
    api.on(EventName.info, (message: string, code: number) => {
      if (code === 326) this.onClientIdInUse(api, clientId, message);
    });
    api.on(EventName.error, (error: Error, code: number, reqId: number) => {
      if (code === 502 && reqId === -1) this.onConnectFailed(api, error.message);
    });
    this.tell((l) => l.onApi(api));
    this.connectTimer = setTimeout(() => this.fail(api, `no nextValidId within ${this.timings.connectTimeoutMs} ms`), this.timings.connectTimeoutMs);
    this.connectTimer.unref();
    this.budget = new SendBudget();
    this.budget.spent(HANDSHAKE_MESSAGES);
    api.connect(clientId);
  }

  private onReady(api: IBApi, clientId: number, nextValidId: number): void {
    if (api !== this.api) return;
    clearTimeout(this.connectTimer);
    this.phase = 'connected';
    this.attempt = 0;
    this.lastMessageAt = Date.now();
    const budget = this.budget ?? new SendBudget();
    const pacer = new RequestPacer(this.timings.requestsPerSecond, budget);
    const session: IbSession = { id: ++this.sessionCounter, api, clientId, pacer, budget, connectedAt: Date.now(), nextValidId };
    this.session = session;
    this.startWatchdog(session);
    this.tell((l) => l.onSession(session));
  }

  private onClientIdInUse(api: IBApi, clientId: number, message: string): void {
    if (api !== this.api) return;
    this.clientIdRefused = true;
    this.clientIdRetries++;
    this.clientIdOffset = this.clientIdOffset >= this.timings.maxClientIdOffset ? 0 : this.clientIdOffset + 1;
    this.tellNotice('clientIdInUse', `client id ${clientId} is already in use (${message}); retrying as client id ${this.clientId}`);
    this.fail(api, `client id ${clientId} in use`);
  }

  private onConnectFailed(api: IBApi, message: string): void {
    if (api !== this.api) return;
    this.tellNotice('connectFailed', `cannot reach TWS at ${this.endpoint.host}:${this.endpoint.port}: ${message}`);
    this.fail(api, `connect failed: ${message}`);
  }

  private tellNotice(kind: Parameters<ConnectionListener['onNotice']>[0], message: string): void {
    this.tell((l) => l.onNotice(kind, message));
  }

  private startWatchdog(session: IbSession): void {
    this.watchdogTimer = setInterval(() => {
      const silentMs = Date.now() - this.lastMessageAt;
      if (silentMs > this.timings.watchdogTimeoutMs) {
        this.tellNotice('watchdog', `no message from TWS for ${silentMs} ms although reqCurrentTime was sent: reconnecting`);
        this.fail(session.api, `watchdog: silent for ${silentMs} ms`);
        return;
      }
      // Probe only a quiet socket: a probe takes a message from the send budget a burst of cancels may need.
      if (silentMs >= this.timings.watchdogIntervalMs) session.pacer.enqueue(() => session.api.reqCurrentTime());
    }, this.timings.watchdogIntervalMs);
    this.watchdogTimer.unref();
  }

  /** Ends this attempt or session (once) and schedules the next attempt. */
  private fail(api: IBApi, reason: string): void {
    if (api !== this.api || this.phase === 'stopped') return;
    if (this.session) this.reconnects++;
    this.teardown(reason);
    this.phase = 'waiting';
    const delay = this.clientIdRefused ? Math.min(250, this.timings.backoff.initialMs) : backoffDelay(this.attempt++, this.timings.backoff);
    if (!this.clientIdRefused) this.clientIdOffset = 0;
    this.retryTimer = setTimeout(() => this.open(), delay);
    this.retryTimer.unref();
  }

  private teardown(reason: string): void {
    clearTimeout(this.connectTimer);
    clearInterval(this.watchdogTimer);
    this.lastReason = reason;
    const api = this.api;
    const session = this.session;
    this.api = undefined;
    this.session = undefined;
    if (api) {
      api.removeAllListeners();
      api.on(EventName.error, () => undefined); // the dying socket may still report; nobody listens any more
      api.disconnect();
    }
    if (session) {
      session.pacer.clear();
      session.budget.clear();
      this.tell((l) => l.onSessionEnd(session, reason));
    }
  }
}
