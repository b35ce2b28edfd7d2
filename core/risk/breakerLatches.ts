/**
 * The connection and stale-data circuit breakers: they latch. A lost IB connection (the venue not ready after it
 * had been ready) trips `connection`; a configured symbol without a quote for longer than risk.maxStaleDataSeconds
 * while quotes are expected (core/risk/staleness.ts) trips `staleData` for that symbol. Each trip has a time and a
 * reason, is logged, audited and kept in Redis (a restart does not unblock), and holds until a trader resets it
 * (resetBreaker, confirmed) once its cause has cleared. The order gate asks `connection` and `stale(symbol)`
 * (core/risk/breakerChecks.ts).
 */
import type { EngineBus, VenueOrderReadiness } from '../bus/catalogue';
import { ContractError, type BreakerView, type DenialCode, type StaleSymbolView } from '../contract/contract';
import type { RiskLimits } from '../config/riskSchema';
import type { Quote } from '../market/quote';
import { moduleLogger } from '../runtime/logger';
import { limitsReader, type LimitsInForce } from './riskLimitRules';
import { quietMs } from './staleness';

const log = moduleLogger('breakerLatches');
const TICK_MS = 1_000;
const WHO = 'circuit breaker';

export type LatchName = 'connection' | 'staleData';

/** A tripped latch: since when and why. */
export interface Latch {
  at: number;
  reason: string;
}

/** What the order gate reads. */
export interface LatchedBreakers {
  readonly connection: Latch | null;
  stale(symbol: string): Latch | null;
}

/** The venue as the reset of the connection breaker needs it (the order manager's flow answers it). */
export interface VenueUse {
  venueReady: boolean;
  reconciled: boolean;
}

/** One row of the breakers' audit trail. */
export interface LatchAuditEntry {
  at: number;
  by: string;
  breaker: LatchName;
  symbol: string | null;
  what: 'tripped' | 'reset' | 'reset refused';
  reason: string;
  code: string | null;
  message: string;
}

/** Where latches are kept (Redis: core/store/riskStore.ts). Fields: "connection", "staleData:<symbol>". */
export interface LatchStore {
  /** Keeps a trip and audits it (not awaited: the latch is in force at once). */
  saveTrip(field: string, latch: Latch, audit: LatchAuditEntry): void;
  /** Removes the latches and audits the reset in one transaction (awaited: a reset takes effect once recorded). */
  recordReset(fields: readonly string[], audit: LatchAuditEntry): Promise<void>;
  auditResetRefusal(audit: LatchAuditEntry): void;
}

export interface ResetRequest {
  name: LatchName;
  symbol?: string;
  confirmed: boolean;
  reason: string;
}

export interface BreakerLatchDeps {
  bus: EngineBus;
  limits: LimitsInForce;
  /** The configured symbols: the ones whose stale data trips the breaker. */
  symbols: readonly string[];
  /** The venue now; null while execution is not running. */
  venue: () => VenueUse | null;
  store?: LatchStore;
  clock?: () => number;
}

const fieldOf = (name: LatchName, symbol: string | null): string => (symbol === null ? name : `${name}:${symbol}`);

export class BreakerLatches implements LatchedBreakers {
  private readonly clock: () => number;
  private readonly limits: { readonly current: RiskLimits };
  private readonly symbols: ReadonlySet<string>;
  private connectionLatch: Latch | null = null;
  private readonly staleLatches = new Map<string, Latch>();
  /** The newest quote time per configured symbol since the engine started (or since the connection came back). */
  private readonly lastQuote = new Map<string, number>();
  /** Symbols a check found stale, with the quote time it saw: the next check trips them if no quote came between. */
  private readonly suspects = new Map<string, number>();
  private wasReady = false;
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | undefined;
  private readonly offs: Array<() => void> = [];

  constructor(private readonly deps: BreakerLatchDeps) {
    this.clock = deps.clock ?? Date.now;
    this.limits = limitsReader(deps.limits);
    this.symbols = new Set(deps.symbols);
  }

  /** The latches kept before a restart (call before the order manager starts). */
  load(stored: Readonly<Record<string, Latch>>): void {
    for (const [field, latch] of Object.entries(stored)) {
      if (typeof latch?.at !== 'number' || typeof latch.reason !== 'string') continue;
      if (field === 'connection') this.connectionLatch = latch;
      const symbol = field.startsWith('staleData:') ? field.slice('staleData:'.length) : null;
      if (symbol !== null && this.symbols.has(symbol)) this.staleLatches.set(symbol, latch);
    }
  }

  /** Call once the order manager runs: a connection that is down from the start has not been lost. */
  start(): void {
    this.wasReady = this.deps.venue()?.venueReady ?? false;
    this.offs.push(
      this.deps.bus.subscribe('venueOrderReadinessChanged', (readiness) => this.onReadiness(readiness)),
      this.deps.bus.subscribe('quoteChanged', (quote) => this.onQuote(quote)),
    );
    this.timer = setInterval(() => this.checkQuotes(), TICK_MS);
    this.timer.unref();
  }

  /** Stops watching before the venue stops: an engine shutting down does not trip the connection breaker. */
  stop(): void {
    clearInterval(this.timer);
    for (const off of this.offs.splice(0)) off();
  }

  get connection(): Latch | null {
    return this.connectionLatch;
  }

  stale(symbol: string): Latch | null {
    return this.staleLatches.get(symbol) ?? null;
  }

  /** Called on every trip and reset. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The breaker as the Risk panel shows it (without its label). */
  view(name: LatchName): Omit<BreakerView, 'label'> {
    return name === 'connection' ? this.connectionView() : this.staleView();
  }

  /** Figures for Health. */
  detail(): Record<string, string | null> {
    return { connection: this.connectionLatch ? 'tripped' : null, staleSymbols: [...this.staleLatches.keys()].join(',') || null };
  }

  /**
   * Clears a latch, or throws a ContractError saying why not: not confirmed, not tripped, its cause still holds
   * (still disconnected or not reconciled; the symbol's quote still stale), or the reset could not be recorded.
   * staleData without a symbol resets every blocked symbol.
   */
  async reset(request: ResetRequest, by: string): Promise<void> {
    const { name, confirmed, reason } = request;
    const symbol = request.symbol ?? null;
    const row = { at: this.clock(), by, breaker: name, symbol, reason };
    const refuse = (code: DenialCode | null, error: ContractError): never => {
      this.deps.store?.auditResetRefusal({ ...row, what: 'reset refused', code: code ?? error.code, message: error.message });
      log.info({ breaker: name, symbol, by, message: error.message }, 'breaker reset refused');
      throw error;
    };
    if (name === 'connection' && symbol !== null) refuse(null, new ContractError('BAD_REQUEST', 'The connection breaker is not per symbol: reset it without a symbol.'));
    if (symbol !== null && !this.symbols.has(symbol)) refuse(null, new ContractError('BAD_REQUEST', `${symbol} is not a configured symbol; configured: ${[...this.symbols].join(', ')}`));
    const what = name === 'connection' ? 'the connection breaker' : `the stale-data breaker${symbol ? ` for ${symbol}` : ''}`;
    if (!confirmed) refuse('NOT_CONFIRMED', new ContractError('REFUSED', `Resetting ${what} lets orders through again: resend with confirmed: true after the trader confirms.`, 'NOT_CONFIRMED'));
    const targets = this.targets(name, symbol);
    if (targets.length === 0) refuse(null, new ContractError('REFUSED', `${capitalised(what)} is not tripped: there is nothing to reset.`));
    const holding = this.holding(name, targets.map((t) => t.symbol));
    if (holding) refuse(holding.code, new ContractError('REFUSED', `${capitalised(what)} cannot be reset yet: ${holding.message}.`, holding.code));
    const fields = targets.map((t) => fieldOf(name, t.symbol));
    const message = `reset ${what}${name === 'staleData' && !symbol ? ` (${targets.map((t) => t.symbol).join(', ')})` : ''}`;
    try {
      await this.deps.store?.recordReset(fields, { ...row, what: 'reset', code: null, message });
    } catch (error) {
      refuse(null, new ContractError('UNAVAILABLE', `${capitalised(what)} was not reset: the reset could not be recorded in Redis (${(error as Error).message}), and a reset takes effect only once recorded. Try again when Redis is back.`));
    }
    // A trip that came in while Redis wrote is a new one: it stays.
    for (const target of targets) {
      if (target.symbol === null && this.connectionLatch === target.latch) this.connectionLatch = null;
      if (target.symbol !== null && this.staleLatches.get(target.symbol) === target.latch) this.staleLatches.delete(target.symbol);
    }
    log.warn({ breaker: name, symbol, by, reason }, `circuit breaker ${message}`);
    this.changed();
  }

  private targets(name: LatchName, symbol: string | null): Array<{ symbol: string | null; latch: Latch }> {
    if (name === 'connection') return this.connectionLatch ? [{ symbol: null, latch: this.connectionLatch }] : [];
    return [...this.staleLatches].filter(([s]) => symbol === null || s === symbol).map(([s, latch]) => ({ symbol: s, latch }));
  }

  /** Why a reset must wait: the breaker's cause still holds. */
  private holding(name: LatchName, symbols: ReadonlyArray<string | null>): { code: DenialCode; message: string } | null {
    if (name === 'connection') {
      const down = this.connectionDown();
      return down && { code: down.code, message: down.message };
    }
    const now = this.clock();
    const stale = symbols.map((s) => this.staleNow(s!, now)).filter((s): s is string => s !== null);
    return stale.length > 0 ? { code: 'STALE_DATA', message: stale.join('; ') } : null;
  }

  private connectionDown(): { code: DenialCode; message: string } | null {
    const venue = this.deps.venue();
    if (!venue) return { code: 'VENUE_NOT_READY', message: 'order execution is not running' };
    if (!venue.venueReady) return { code: 'VENUE_NOT_READY', message: 'the broker connection is still not ready (disconnected, or its next order id not known yet)' };
    if (!venue.reconciled) return { code: 'NOT_RECONCILED', message: 'the engine has not yet checked its orders, fills and positions against the broker’s since the reconnect' };
    return null;
  }

  /** Why the symbol's data is still stale, or null when it is fresh. */
  private staleNow(symbol: string, now: number): string | null {
    const last = this.lastQuote.get(symbol);
    if (last === undefined) return `no quote for ${symbol} has arrived since the engine started or reconnected`;
    const quiet = quietMs(last, now, this.limits.current.marketCalendar);
    const max = this.limits.current.maxStaleDataSeconds;
    return quiet > max * 1_000 ? `the last quote for ${symbol} is ${(quiet / 1_000).toFixed(0)} s old, more than the ${max} s allowed (risk.maxStaleDataSeconds)` : null;
  }

  private connectionView(): Omit<BreakerView, 'label'> {
    const latch = this.connectionLatch;
    const condition = this.connectionDown()?.message ?? null;
    return { name: 'connection', tripped: latch !== null, trippedAt: latch?.at ?? null, reason: latch?.reason ?? null, resettable: latch !== null && condition === null, condition };
  }

  private staleView(): Omit<BreakerView, 'label'> {
    const now = this.clock();
    const symbols: StaleSymbolView[] = [...this.staleLatches].map(([symbol, latch]) => {
      const condition = this.staleNow(symbol, now);
      return { symbol, trippedAt: latch.at, reason: latch.reason, resettable: condition === null, condition };
    });
    const tripped = symbols.length > 0;
    const conditions = symbols.map((s) => s.condition).filter((c): c is string => c !== null);
    return {
      name: 'staleData',
      tripped,
      trippedAt: tripped ? Math.min(...symbols.map((s) => s.trippedAt)) : null,
      reason: tripped ? symbols.map((s) => s.reason).join('; ') : null,
      resettable: tripped && conditions.length === 0,
      condition: conditions.join('; ') || null,
      symbols,
    };
  }

  private onReadiness({ ready, session }: VenueOrderReadiness): void {
    const lost = this.wasReady && !ready;
    this.wasReady = ready;
    if (!lost) return;
    // The data shares the socket: its gap is the connection breaker's, not each symbol's.
    this.lastQuote.clear();
    this.suspects.clear();
    if (!this.connectionLatch) this.trip('connection', null, `the IB connection was lost (session ${session} ended): new orders are blocked until it is back, reconciled, and a trader resets this breaker`);
  }

  private onQuote(quote: Quote): void {
    if (!this.symbols.has(quote.symbol) || quote.ts <= 0) return;
    this.lastQuote.set(quote.symbol, Math.max(this.lastQuote.get(quote.symbol) ?? 0, quote.ts));
  }

  /**
   * Each second (skipped while disconnected): trips the stale-data breaker of each symbol found stale by this check
   * and the one before with no quote between. One look is not enough: after the engine itself stalled, the timer runs
   * before the quotes waiting in the socket are read, and every symbol would look stale.
   */
  checkQuotes(): void {
    if (this.deps.venue()?.venueReady === false) return;
    const now = this.clock();
    for (const [symbol, last] of this.lastQuote) this.checkStale(symbol, last, now);
  }

  private checkStale(symbol: string, last: number, now: number): void {
    if (this.staleLatches.has(symbol)) return;
    const quiet = quietMs(last, now, this.limits.current.marketCalendar);
    const max = this.limits.current.maxStaleDataSeconds;
    if (quiet <= max * 1_000) {
      this.suspects.delete(symbol);
      return;
    }
    if (this.suspects.get(symbol) !== last) {
      this.suspects.set(symbol, last);
      return;
    }
    this.suspects.delete(symbol);
    this.trip('staleData', symbol, `no quote for ${symbol} for ${(quiet / 1_000).toFixed(0)} s, more than the ${max} s allowed (risk.maxStaleDataSeconds)`);
  }

  private trip(name: LatchName, symbol: string | null, reason: string): void {
    const latch: Latch = { at: this.clock(), reason };
    if (symbol === null) this.connectionLatch = latch;
    else this.staleLatches.set(symbol, latch);
    log.warn({ breaker: name, symbol, reason }, 'circuit breaker tripped: latched until a trader resets it');
    this.deps.store?.saveTrip(fieldOf(name, symbol), latch, { at: latch.at, by: WHO, breaker: name, symbol, what: 'tripped', reason, code: null, message: reason });
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
