import type { Redis } from 'ioredis';
import { tradingStates, type TradingState, type TradingStateHistoryEntry, type TradingStateName } from '../contract/contract';
import { keys } from '../store/keys';

/** The audit's `from` field: a state, `INIT` on a first start, `UNKNOWN` when system:halt held no valid state. */
export type AuditedFrom = TradingStateName | 'INIT' | 'UNKNOWN';

/**
 * Audit entry first, then the state, in one script: a MULTI would still write the state after a failed XADD
 * (Redis transactions do not roll back), and a state change must never go unaudited. A change already recorded
 * (same state, same time: a retry after a reply was lost) is not written twice.
 */
const RECORD_CHANGE = `
if redis.call('HGET', KEYS[2], 'state') == ARGV[2] and redis.call('HGET', KEYS[2], 'changedAt') == ARGV[5] then return 0 end
redis.call('XADD', KEYS[1], '*', 'from', ARGV[1], 'to', ARGV[2], 'by', ARGV[3], 'reason', ARGV[4], 'at', ARGV[5])
redis.call('HSET', KEYS[2], 'state', ARGV[2], 'changedBy', ARGV[3], 'reason', ARGV[4], 'changedAt', ARGV[5])
return 1`;

/** Writes one change to system:halt and its entry to system:halt:audit, or nothing. */
export async function recordChange(redis: Redis, from: AuditedFrom, to: TradingState): Promise<void> {
  await redis.eval(
    RECORD_CHANGE,
    2,
    keys.system.haltAudit.key,
    keys.system.halt.key,
    from,
    to.state,
    to.changedBy,
    to.reason,
    String(to.changedAt),
  );
}

function isStateName(value: string | undefined): value is TradingStateName {
  return value !== undefined && (tradingStates as readonly string[]).includes(value);
}

/** What the engine starts in, and the change to record for it (null: Redis already holds it). */
export interface StartingState {
  state: TradingState;
  record: { from: AuditedFrom } | null;
  /** Said in the log when the state was not simply read back. */
  warning: string | null;
}

/**
 * Reads system:halt and the last audit entry. A valid system:halt is the state. A missing or invalid one is
 * never silently ACTIVE when there is an audit trail: the last audited state comes back (and says so). Only a
 * Redis that holds neither is a first start (ACTIVE); anything unreadable starts HALTED.
 */
export async function readStartingState(redis: Redis, now = Date.now()): Promise<StartingState> {
  const [hash, lastEntries] = await Promise.all([
    redis.hgetall(keys.system.halt.key),
    redis.xrevrange(keys.system.haltAudit.key, '+', '-', 'COUNT', 1),
  ]);
  if (isStateName(hash.state)) {
    const state = { state: hash.state, changedAt: Number(hash.changedAt) || 0, changedBy: hash.changedBy ?? 'unknown', reason: hash.reason ?? '', persisted: true };
    return { state, record: null, warning: null };
  }
  const hashProblem = Object.keys(hash).length === 0 ? 'system:halt was missing' : `system:halt held no valid state (${JSON.stringify(hash.state ?? null)})`;
  const last = lastEntries[0];
  if (!last && Object.keys(hash).length === 0) {
    return { state: { state: 'ACTIVE', changedAt: now, changedBy: 'engine', reason: 'first start', persisted: true }, record: { from: 'INIT' }, warning: null };
  }
  const audited = last ? fieldsOf(last[1]) : {};
  if (!isStateName(audited.to)) {
    const reason = `${hashProblem} at start-up and the audit trail names no state to restore: halted for safety`;
    return { state: { state: 'HALTED', changedAt: now, changedBy: 'engine', reason, persisted: true }, record: { from: 'UNKNOWN' }, warning: reason };
  }
  const when = new Date(Number(audited.at) || 0).toISOString();
  const reason = `restored from the audit trail (${hashProblem} at start-up): ${audited.to} set by ${audited.by ?? 'unknown'} at ${when}, "${audited.reason ?? ''}"`;
  return { state: { state: audited.to, changedAt: now, changedBy: 'engine', reason, persisted: true }, record: { from: 'UNKNOWN' }, warning: reason };
}

function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

/** The last `count` changes of the trading state from system:halt:audit, newest first. */
export async function readHistory(redis: Redis, count: number): Promise<TradingStateHistoryEntry[]> {
  const entries = await redis.xrevrange(keys.system.haltAudit.key, '+', '-', 'COUNT', count);
  return entries.map(([, flat]) => {
    const f = fieldsOf(flat);
    return { from: f.from ?? 'UNKNOWN', to: f.to ?? 'UNKNOWN', at: Number(f.at) || 0, by: f.by ?? 'unknown', reason: f.reason ?? '' };
  });
}
