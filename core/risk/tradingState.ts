import type { Redis } from 'ioredis';
import { ContractError, tradingStateRestrictiveness as restrictiveness, type TradingState, type TradingStateName } from '../contract/contract';
import { withDeadline } from '../runtime/deadline';
import { moduleLogger } from '../runtime/logger';
import { Topic } from '../runtime/topic';
import type { TradingStateJournal, UnrecordedChange } from './tradingStateJournal';
import { readStartingState, recordChange } from './tradingStateRecord';

export interface TradingStateChange {
  state: TradingStateName;
  reason: string;
  confirmed: boolean;
  by: string;
}

const log = moduleLogger('tradingState');
const RETRY_MS = 1_000;
/** On stop, the last try to record a change made while Redis was away. */
const STOP_WRITE_MS = 2_000;

/**
 * The kill switch: the one place the engine's trading state (ACTIVE / REDUCING / HALTED) lives.
 * Tightening takes effect in memory at once, even when Redis is down, and is recorded (state and audit entry, in
 * order) as soon as Redis answers again. Loosening is recorded first and only then takes effect, so it can never
 * go unrecorded; a tightening that arrives while a loosening is being written wins over it.
 */
export class TradingStateService {
  readonly topic = new Topic<TradingState>();
  private state: TradingState;
  /**
   * Tightenings in force but not yet in Redis, oldest first. Never dropped, and small by construction: loosening
   * needs Redis, so while it is away each entry is stricter than the one before (at most ACTIVE→REDUCING→HALTED;
   * a repeat of the state in force is added only when it cancels a confirmed loosening on its way).
   */
  private unrecorded: UnrecordedChange[] = [];
  /** Every write of the trading state runs in this chain, one at a time, so the audit keeps the order of changes. */
  private writes: Promise<unknown> = Promise.resolve();
  /** Confirmed loosenings waiting to be written or being written: a tightening meanwhile supersedes them. */
  private readonly loosenings = new Set<{ superseded: boolean }>();
  private retryTimer: NodeJS.Timeout | undefined;
  /** Logged once per outage, not at every retry. */
  private failing = false;
  private stopped = false;
  private readonly recordOnReady = () => void this.recordUnrecorded().catch(() => undefined);

  /** `journal` keeps unrecorded changes on disk, so a stop or crash during a Redis outage does not lose them. */
  constructor(
    private readonly redis: Redis,
    private readonly journal?: TradingStateJournal,
  ) {
    this.state = { state: 'HALTED', changedAt: Date.now(), changedBy: 'engine', reason: 'trading state not loaded yet', persisted: false };
    redis.on('ready', this.recordOnReady); // Redis is back: what waited is written now, not at the next retry
  }

  get current(): TradingState {
    return this.state;
  }

  /**
   * Reads the persisted state (restoring it from the audit trail if system:halt is gone), then what an earlier run
   * enforced but could not record (the journal); unreadable: HALTED.
   */
  async load(): Promise<void> {
    try {
      const starting = await readStartingState(this.redis);
      if (starting.warning) log.warn(starting.warning);
      if (starting.record) await recordChange(this.redis, starting.record.from, starting.state);
      this.apply(starting.state);
      this.resumeJournal(starting.record ? 0 : starting.state.changedAt);
      if (this.unrecorded.length > 0) await this.recordUnrecorded().catch(() => undefined);
    } catch (error) {
      log.error({ err: error }, 'trading state unreadable: starting HALTED');
      this.apply({ state: 'HALTED', changedAt: Date.now(), changedBy: 'engine', reason: 'trading state unreadable at start-up', persisted: false });
    }
  }

  async change(change: TradingStateChange): Promise<TradingState> {
    const from = this.state.state;
    const next: TradingState = { state: change.state, changedAt: Date.now(), changedBy: change.by, reason: change.reason, persisted: false };
    if (restrictiveness[change.state] < restrictiveness[from]) return this.loosen(from, next, change.confirmed);
    // A repeat of the state in force is no change, unless it cancels a loosening on its way.
    if (change.state !== from || this.loosenings.size > 0) this.tighten(from, next);
    await this.recordUnrecorded().catch(() => undefined); // not recorded yet: shown by persisted: false, retried
    return this.state;
  }

  /** Records what is still unrecorded (a last try, within a deadline), then stops retrying. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.redis.off('ready', this.recordOnReady);
    if (this.unrecorded.length > 0) {
      await withDeadline(this.recordUnrecorded(), STOP_WRITE_MS, 'recording the trading state').catch((error: unknown) =>
        log.error({ err: error, unrecorded: this.unrecorded.map((c) => c.to) }, 'trading state changes made while Redis was away were never recorded'),
      );
    }
    this.topic.close();
  }

  private apply(state: TradingState): void {
    this.state = state;
    this.topic.publish(state, state.changedAt);
  }

  private tighten(from: TradingStateName, next: TradingState): void {
    for (const request of this.loosenings) request.superseded = true;
    this.unrecorded.push({ from, to: next });
    this.apply(next);
    this.journal?.save(this.unrecorded);
  }

  /**
   * Takes over the tightenings an earlier run enforced but never recorded: those newer than what Redis holds and
   * at least as strict as the state in force (the journal never loosens anything).
   */
  private resumeJournal(recordedAt: number): void {
    for (const change of this.journal?.load() ?? []) {
      if (change.to.changedAt <= recordedAt || restrictiveness[change.to.state] < restrictiveness[this.state.state]) continue;
      log.warn({ state: change.to.state, by: change.to.changedBy, at: change.to.changedAt }, 'trading state set while Redis was away, before the last stop: recording it now');
      this.unrecorded.push({ from: this.state.state, to: { ...change.to, persisted: false } });
      this.apply(this.unrecorded.at(-1)!.to);
    }
  }

  private async loosen(from: TradingStateName, next: TradingState, confirmed: boolean): Promise<TradingState> {
    if (!confirmed) {
      throw new ContractError('REFUSED', `Leaving ${from} for ${next.state} needs confirmation: resend with confirmed: true after the trader confirms.`);
    }
    const request = { superseded: false };
    this.loosenings.add(request);
    try {
      return await this.serialized(() => this.writeLoosening(from, next, request));
    } finally {
      this.loosenings.delete(request);
    }
  }

  /** Only inside the write chain. Earlier changes are written first, so the audit keeps their order. */
  private async writeLoosening(from: TradingStateName, next: TradingState, request: { superseded: boolean }): Promise<TradingState> {
    const unavailable = (error: unknown) =>
      new ContractError('UNAVAILABLE', `Cannot leave ${from}: the change could not be recorded in Redis (${(error as Error).message}). Trading stays ${from}.`);
    await this.writeUnrecorded().catch((error: unknown) => Promise.reject(unavailable(error)));
    if (request.superseded || this.state.state !== from) {
      throw new ContractError('REFUSED', `The trading state changed to ${this.state.state} meanwhile: confirm leaving it again if you still mean to.`);
    }
    await recordChange(this.redis, from, { ...next, persisted: true }).catch((error: unknown) => Promise.reject(unavailable(error)));
    if (!request.superseded) {
      this.apply({ ...next, persisted: true });
      return this.state;
    }
    // A tightening came in while the loosening was written: it wins, and is recorded after it (from what Redis now holds).
    this.unrecorded[0]!.from = next.state;
    this.journal?.save(this.unrecorded);
    await this.writeUnrecorded().catch((error: unknown) => this.retryLater(error));
    return this.state;
  }

  /** Writes the unrecorded tightenings in order; on failure keeps them and tries again (and as soon as Redis is back). */
  private recordUnrecorded(): Promise<void> {
    return this.serialized(() => this.writeUnrecorded()).catch((error: unknown) => {
      this.retryLater(error);
      throw error;
    });
  }

  /** Only inside the write chain. */
  private async writeUnrecorded(): Promise<void> {
    while (this.unrecorded.length > 0) {
      const { from, to } = this.unrecorded[0]!;
      await recordChange(this.redis, from, { ...to, persisted: true });
      this.unrecorded.shift();
      this.journal?.save(this.unrecorded);
      if (this.state === to) this.apply({ ...to, persisted: true });
    }
    if (this.failing) log.info(`trading state ${this.state.state} recorded now that Redis answers again`);
    this.failing = false;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writes.then(work);
    this.writes = run.catch(() => undefined);
    return run;
  }

  private retryLater(error: unknown): void {
    if (this.stopped || this.retryTimer !== undefined || this.unrecorded.length === 0) return;
    if (!this.failing) log.error({ err: error }, `trading state ${this.state.state} enforced but not yet recorded; retrying`);
    this.failing = true;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.recordUnrecorded().catch(() => undefined);
    }, RETRY_MS);
    this.retryTimer.unref();
  }
}
