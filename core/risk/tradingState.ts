import type { Redis } from 'ioredis';
import { ContractError, tradingStateRestrictiveness as restrictiveness, tradingStates, type TradingState, type TradingStateName } from '../contract/contract';
import { moduleLogger } from '../runtime/logger';
import { Topic } from '../runtime/topic';
import { keys } from '../store/keys';

export interface TradingStateChange {
  state: TradingStateName;
  reason: string;
  confirmed: boolean;
  by: string;
}

const log = moduleLogger('tradingState');

/**
 * Audit entry first, then the state, in one script: a MULTI would still write the state after a failed XADD
 * (Redis transactions do not roll back), and a state change must never go unaudited.
 */
const RECORD_CHANGE = `
redis.call('XADD', KEYS[1], '*', 'from', ARGV[1], 'to', ARGV[2], 'by', ARGV[3], 'reason', ARGV[4], 'at', ARGV[5])
redis.call('HSET', KEYS[2], 'state', ARGV[2], 'changedBy', ARGV[3], 'reason', ARGV[4], 'changedAt', ARGV[5])
return 1`;

function parseStored(hash: Record<string, string>): TradingState | null {
  const state = hash.state as TradingStateName | undefined;
  if (!state || !tradingStates.includes(state)) return null;
  return { state, changedAt: Number(hash.changedAt) || 0, changedBy: hash.changedBy ?? 'unknown', reason: hash.reason ?? '', persisted: true };
}

/**
 * The kill switch: the one place the engine's trading state (ACTIVE / REDUCING / HALTED) lives.
 * Tightening takes effect in memory at once, even when Redis is down, and is written as soon as Redis answers.
 * Loosening is written (and audited) first and only then takes effect, so it can never go unrecorded.
 */
export class TradingStateService {
  readonly topic = new Topic<TradingState>();
  private state: TradingState;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly redis: Redis) {
    this.state = { state: 'HALTED', changedAt: Date.now(), changedBy: 'engine', reason: 'trading state not loaded yet', persisted: false };
  }

  get current(): TradingState {
    return this.state;
  }

  /** Reads the persisted state; a missing state starts ACTIVE, an unreadable one starts HALTED. */
  async load(): Promise<void> {
    try {
      const stored = parseStored(await this.redis.hgetall(keys.system.halt.key));
      if (stored) this.apply(stored);
      else await this.persist({ state: 'ACTIVE', changedAt: Date.now(), changedBy: 'engine', reason: 'first start', persisted: true }, 'INIT');
    } catch (error) {
      log.error({ err: error }, 'trading state unreadable: starting HALTED');
      this.apply({ state: 'HALTED', changedAt: Date.now(), changedBy: 'engine', reason: 'trading state unreadable at start-up', persisted: false });
    }
  }

  async change(change: TradingStateChange): Promise<TradingState> {
    const from = this.state.state;
    if (change.state === from && this.state.persisted) return this.state;
    const next: TradingState = { state: change.state, changedAt: Date.now(), changedBy: change.by, reason: change.reason, persisted: false };
    if (restrictiveness[change.state] >= restrictiveness[from]) {
      this.apply(next);
      await this.persistOrRetry(next, from);
      return this.state;
    }
    if (!change.confirmed) {
      throw new ContractError('REFUSED', `Leaving ${from} for ${change.state} needs confirmation: resend with confirmed: true after the trader confirms.`);
    }
    try {
      await this.persist({ ...next, persisted: true }, from);
    } catch (error) {
      throw new ContractError('UNAVAILABLE', `Cannot leave ${from}: the change could not be recorded in Redis (${(error as Error).message}). Trading stays ${from}.`);
    }
    return this.state;
  }

  stop(): void {
    clearTimeout(this.retryTimer);
    this.topic.close();
  }

  private apply(state: TradingState): void {
    this.state = state;
    this.topic.publish(state, state.changedAt);
  }

  private async persistOrRetry(next: TradingState, from: TradingStateName): Promise<void> {
    clearTimeout(this.retryTimer);
    try {
      await this.persist({ ...next, persisted: true }, from);
    } catch (error) {
      log.error({ err: error }, `trading state ${next.state} enforced but not yet recorded; retrying`);
      this.retryTimer = setTimeout(() => void this.persistOrRetry(this.state, from), 1_000);
      this.retryTimer.unref();
    }
  }

  private async persist(next: TradingState, from: TradingStateName | 'INIT'): Promise<void> {
    await this.redis.eval(
      RECORD_CHANGE,
      2,
      keys.system.haltAudit.key,
      keys.system.halt.key,
      from,
      next.state,
      next.changedBy,
      next.reason,
      String(next.changedAt),
    );
    if (this.state.changedAt <= next.changedAt) this.apply(next);
  }
}
