/**
 * The signals' state in Redis (keys.signals): the proposal counter (ids never reused), the signal history stream and
 * the automation switches' audit stream. All durable.
 */
import type { Redis } from 'ioredis';
import type { AutomationChange } from '../signals/automation';
import type { HistoryEntry, HistoryStore } from '../signals/signalHistory';
import { keys } from './keys';

const { signals } = keys;

export class RedisSignalStore implements HistoryStore {
  constructor(private readonly redis: Redis) {}

  nextProposalNumber(): Promise<number> {
    return this.redis.incr(signals.proposalSeq.key);
  }

  async append(entry: HistoryEntry): Promise<void> {
    const id = entry.kind === 'proposed' ? entry.proposal.id : entry.id;
    const strategy = entry.kind === 'proposed' ? entry.proposal.strategy : entry.strategy;
    await this.redis.xadd(signals.history.key, '*', 'kind', entry.kind, 'id', id, 'strategy', strategy, 'at', String(entry.at), 'json', JSON.stringify(entry));
  }

  /** Every entry, oldest first; an entry that does not parse is skipped (counted by the caller's log). */
  async load(): Promise<HistoryEntry[]> {
    const rows = await this.redis.xrange(signals.history.key, '-', '+');
    const entries: HistoryEntry[] = [];
    for (const [, fields] of rows) {
      const json = fields[fields.indexOf('json') + 1];
      try {
        if (json !== undefined) entries.push(JSON.parse(json) as HistoryEntry);
      } catch {
        // A damaged entry loses only itself.
      }
    }
    return entries;
  }

  async auditAutomation(change: AutomationChange): Promise<void> {
    await this.redis.xadd(signals.automationAudit.key, '*', 'at', String(change.at), 'by', change.by, 'strategy', change.strategy, 'from', change.from, 'to', change.to, 'reason', change.reason);
  }
}
