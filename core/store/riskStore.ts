/**
 * The risk engine's state in Redis (keys.risk): runtime limits and their audit, the newest denials, today's P&L
 * high-water mark, the loss breakers tripped today, the latched connection and stale-data breakers (with their audit)
 * and the approval mode. Read once at start-up; the limit changes
 * are awaited (a loosening takes effect only once recorded), everything else is written without waiting.
 */
import type { Redis } from 'ioredis';
import { runtimeRiskLimitNames, type RiskDenialRecord, type RuntimeRiskLimitName } from '../contract/contract';
import type { ApprovalModeState } from '../risk/approvalMode';
import type { Latch, LatchAuditEntry, LatchStore } from '../risk/breakerLatches';
import type { TrippedBreaker } from '../risk/circuitBreakers';
import type { DayMark } from '../risk/dayHighWater';
import type { LimitAuditEntry, RiskLimitStore, StoredLimit } from '../risk/riskLimits';
import { moduleLogger } from '../runtime/logger';
import { keys, LIST_LIMITS } from './keys';

const log = moduleLogger('riskStore');
const { risk } = keys;

export interface StoredRiskState {
  dayHigh: DayMark | null;
  breakers: Record<string, TrippedBreaker>;
  latched: Record<string, Latch>;
  denials: RiskDenialRecord[];
}

export class RedisRiskStore implements RiskLimitStore, LatchStore {
  /** While writes fail (Redis away) one warning, not one per write; one line again once they succeed. */
  private failing = false;

  constructor(private readonly redis: Redis) {}

  async loadLimits(): Promise<Partial<Record<RuntimeRiskLimitName, StoredLimit>>> {
    const hash = await this.redis.hgetall(risk.limits.key);
    const limits: Partial<Record<RuntimeRiskLimitName, StoredLimit>> = {};
    for (const [name, text] of Object.entries(hash)) {
      const limit = parse(text) as StoredLimit | undefined;
      const known = (runtimeRiskLimitNames as readonly string[]).includes(name);
      if (known && limit && (limit.value === null || typeof limit.value === 'number')) limits[name as RuntimeRiskLimitName] = limit;
      else log.warn({ name, text }, `ignored an unreadable entry of ${risk.limits.key}`);
    }
    return limits;
  }

  async recordChange(name: RuntimeRiskLimitName, limit: StoredLimit, audit: LimitAuditEntry): Promise<void> {
    const results = await this.redis.multi().xadd(risk.limitsAudit.key, '*', ...auditFields(audit)).hset(risk.limits.key, name, JSON.stringify(limit)).exec();
    const failed = results?.find(([error]) => error !== null);
    if (!results || failed) throw failed?.[0] ?? new Error('the transaction was discarded');
  }

  async auditRefusal(audit: LimitAuditEntry): Promise<void> {
    await this.redis.xadd(risk.limitsAudit.key, '*', ...auditFields(audit));
  }

  /** The last entries of the limits' audit trail, newest first. */
  async limitAudit(count: number): Promise<Array<Record<string, string>>> {
    const entries = await this.redis.xrevrange(risk.limitsAudit.key, '+', '-', 'COUNT', count);
    return entries.map(([, flat]) => Object.fromEntries(pairs(flat)));
  }

  async loadState(): Promise<StoredRiskState> {
    const [high, breakers, latched, denials] = await Promise.all([
      this.redis.get(risk.dayHigh.key),
      this.redis.hgetall(risk.breakers.key),
      this.redis.hgetall(risk.latched.key),
      this.redis.lrange(risk.denials.key, 0, LIST_LIMITS.riskDenials - 1),
    ]);
    const tripped: Record<string, TrippedBreaker> = {};
    for (const [name, text] of Object.entries(breakers)) {
      const value = parse(text) as TrippedBreaker | undefined;
      if (value) tripped[name] = value;
    }
    return {
      dayHigh: (parse(high) as DayMark | undefined) ?? null,
      breakers: tripped,
      latched: parsedHash<Latch>(latched),
      denials: denials.map((text) => parse(text) as RiskDenialRecord | undefined).filter((d): d is RiskDenialRecord => d !== undefined),
    };
  }

  saveDayHigh(mark: DayMark): void {
    this.write('the day’s P&L high', this.redis.set(risk.dayHigh.key, JSON.stringify(mark)));
  }

  saveBreaker(name: string, tripped: TrippedBreaker): void {
    this.write('a tripped breaker', this.redis.hset(risk.breakers.key, name, JSON.stringify(tripped)));
  }

  saveTrip(field: string, latch: Latch, audit: LatchAuditEntry): void {
    this.write('a latched breaker', this.redis.multi().hset(risk.latched.key, field, JSON.stringify(latch)).xadd(risk.breakersAudit.key, '*', ...latchAuditFields(audit)).exec());
  }

  async recordReset(fields: readonly string[], audit: LatchAuditEntry): Promise<void> {
    const results = await this.redis.multi().xadd(risk.breakersAudit.key, '*', ...latchAuditFields(audit)).hdel(risk.latched.key, ...fields).exec();
    const failed = results?.find(([error]) => error !== null);
    if (!results || failed) throw failed?.[0] ?? new Error('the transaction was discarded');
  }

  auditResetRefusal(audit: LatchAuditEntry): void {
    this.write('a refused breaker reset', this.redis.xadd(risk.breakersAudit.key, '*', ...latchAuditFields(audit)));
  }

  /** The last entries of the breakers' audit trail, newest first. */
  async breakerAudit(count: number): Promise<Array<Record<string, string>>> {
    const entries = await this.redis.xrevrange(risk.breakersAudit.key, '+', '-', 'COUNT', count);
    return entries.map(([, flat]) => Object.fromEntries(pairs(flat)));
  }

  saveDenial(record: RiskDenialRecord): void {
    const key = risk.denials.key;
    this.write('a denial', this.redis.multi().lpush(key, JSON.stringify(record)).ltrim(key, 0, LIST_LIMITS.riskDenials - 1).exec());
  }

  saveApproval(state: ApprovalModeState): void {
    this.write('the approval mode', this.redis.set(risk.approval.key, JSON.stringify(state)));
  }

  private write(what: string, work: Promise<unknown>): void {
    work.then(
      () => {
        if (this.failing) log.info('risk state written to Redis again');
        this.failing = false;
      },
      (error: unknown) => {
        if (!this.failing) log.warn({ err: error }, `${what} not written to Redis (further failures are not logged until a write succeeds)`);
        this.failing = true;
      },
    );
  }
}

function auditFields(row: LimitAuditEntry): string[] {
  return [
    'at', String(row.at), 'by', row.by, 'name', row.name, 'from', JSON.stringify(row.from), 'to', JSON.stringify(row.to),
    'reason', row.reason, 'outcome', row.outcome, 'code', row.code ?? '', 'message', row.message,
  ];
}

function latchAuditFields(row: LatchAuditEntry): string[] {
  return [
    'at', String(row.at), 'by', row.by, 'breaker', row.breaker, 'symbol', row.symbol ?? '', 'what', row.what,
    'reason', row.reason, 'code', row.code ?? '', 'message', row.message,
  ];
}

function parsedHash<T>(hash: Record<string, string>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [field, text] of Object.entries(hash)) {
    const value = parse(text) as T | undefined;
    if (value) out[field] = value;
  }
  return out;
}

function pairs(flat: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

function parse(text: string | null | undefined): unknown {
  if (text === null || text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
