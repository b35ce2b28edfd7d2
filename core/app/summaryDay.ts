import type { Redis } from 'ioredis';
import type { DaySignals } from '../distribution/dailySummary';
import { etDate } from '../market/newYorkTime';
import type { Fill } from '../market/order';
import type { StrategyName } from '../market/proposal';
import type { HistoryEntry } from '../signals/signalHistory';
import { storedFills } from '../store/executionStore';
import { RedisSignalStore } from '../store/signalStore';

export type DayCounts = DaySignals['today'];

/** What the daily summary of one New York trading day is built from, read from what is durable. */
export interface SummaryDay {
  /** The fills recorded (`execution:fills`) whose time falls on the day, oldest first. */
  fills: Fill[];
  /** Per strategy, the proposals made and decided on the day (`signals:history`). */
  counts: Map<StrategyName, DayCounts>;
}

/**
 * Reads the day from Redis, whichever engine process heard it: an engine restarted at noon still counts the
 * morning. Rejects when Redis does not answer (the caller tries again later rather than post a partial day).
 */
export async function readSummaryDay(redis: Redis, date: string): Promise<SummaryDay> {
  const [fills, history] = await Promise.all([storedFills(redis), new RedisSignalStore(redis).load()]);
  return {
    fills: fills.map((f) => f.fill).filter((f) => etDate(f.time) === date).sort((a, b) => a.time - b.time),
    counts: dayCounts(history, date),
  };
}

/**
 * Each strategy's proposals proposed on the day and decisions taken on it: approved counts approved and modified;
 * a proposal an engine stop left open is counted expired on the day the next start recorded it so.
 */
export function dayCounts(history: readonly HistoryEntry[], date: string): Map<StrategyName, DayCounts> {
  const counts = new Map<StrategyName, DayCounts>();
  for (const entry of history) {
    if ((entry.kind !== 'proposed' && entry.kind !== 'decided') || etDate(entry.at) !== date) continue;
    const strategy = entry.kind === 'proposed' ? entry.proposal.strategy : entry.strategy;
    const day = counts.get(strategy) ?? { proposed: 0, approved: 0, rejected: 0, expired: 0 };
    if (entry.kind === 'proposed') day.proposed++;
    else if (entry.decision.status === 'approved' || entry.decision.status === 'modified') day.approved++;
    else if (entry.decision.status === 'rejected') day.rejected++;
    else if (entry.decision.status === 'expired') day.expired++;
    counts.set(strategy, day);
  }
  return counts;
}
