import type { Redis } from 'ioredis';
import { withDeadline } from '../runtime/deadline';
import { sendBatch, WriteBatch, type StreamEntry } from './batchScript';

/** A key holding the latest value of something: its value is produced when the batch is written, not per tick. */
export interface LatestWrite {
  readonly key: string;
  readonly ttl: number | null;
  readonly kind: 'string' | 'hash';
  /** The value now; null skips the write. */
  produce(): string | Record<string, string> | null;
  /** A key written at most this often (books): later changes wait for the next slot. */
  readonly minIntervalMs?: number;
  lastWrittenAt: number;
  /** The batch tag when this key last became pending (what a deferred write leaves uncovered). */
  pendingSinceTag?: number;
}

interface PendingList {
  ttl: number | null;
  limit: number;
  items: unknown[];
  /** Set for a stream (append): entries older than this are trimmed at each write; items are StreamEntry. */
  maxAgeMs?: number;
}

export interface WriterStats {
  roundTrips: number;
  commands: number;
  failures: number;
  commandErrors: number;
  droppedItems: number;
  bufferedItems: number;
  degraded: boolean;
}

const RETRY_MS = 250;
const DRAIN_TIMEOUT_MS = 2_000;
/**
 * A hash's or list's TTL is refreshed at most this often (SET carries its own EX): a key still expires its TTL
 * after its last write, give or take a second, and a busy key costs one command per batch instead of two or three.
 */
const EXPIRE_REFRESH_MS = 1000;

/**
 * Batches in flight at once. Redis answers a connection's commands in order, so a second batch can leave while
 * the first is on its way: a change that arrives meanwhile waits one round trip, not two. While Redis is away only
 * one is sent at a time.
 */
const MAX_IN_FLIGHT = 2;

interface Batch {
  latest: LatestWrite[];
  lists: Array<[PendingList, unknown[]]>;
}

/**
 * Writes to Redis in one command per turn of the event loop (batchScript), at most MAX_IN_FLIGHT batches in flight, so a fast
 * feed costs a few round trips per thousand messages. While Redis is unreachable everything waits in bounded
 * buffers: latest values are re-produced on the next write (one entry per key), lists keep at most their
 * Redis limit (older items would have been trimmed away by LTRIM anyway, and are counted as dropped).
 */
export class RedisBatchWriter {
  private readonly latest = new Set<LatestWrite>();
  private readonly lists = new Map<string, PendingList>();
  /** When each hash's or list's TTL was last set. */
  private readonly ttlRefreshedAt = new Map<string, number>();
  private scheduled = false;
  private readonly inFlight = new Set<Promise<void>>();
  /** Batches that failed while others were in flight: put back, oldest first, once none is left in flight. */
  private failed: Batch[] = [];
  private retryTimer: NodeJS.Timeout | undefined;
  private deferTimer: NodeJS.Timeout | undefined;
  private deferDueAt = 0;
  private stopped = false;
  readonly stats: WriterStats = { roundTrips: 0, commands: 0, failures: 0, commandErrors: 0, droppedItems: 0, bufferedItems: 0, degraded: false };
  /**
   * Called after each successful batch with its start time and the tag it covers (benchmarks: messages received
   * so far). A throttled key deferred to a later batch lowers the tag to just before the message that dirtied it.
   */
  onWritten: ((startedAt: number, tag: number) => void) | undefined;
  batchTag: (() => number) | undefined;
  private readonly flushBound = () => void this.flush();

  constructor(private readonly redis: Redis) {}

  markLatest(entry: LatestWrite): void {
    // Already pending means a write is already on its way (scheduled, in flight, deferred or retrying).
    if (this.latest.has(entry)) return;
    if (this.batchTag) entry.pendingSinceTag = this.batchTag();
    this.latest.add(entry);
    this.schedule();
  }

  /** Appends to a Redis list kept newest-first and trimmed to `limit`. */
  push(key: string, ttl: number | null, limit: number, item: unknown): void {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = { ttl, limit, items: [] }));
    list.items.push(item);
    // While Redis is away the buffer holds exactly what LTRIM would keep; otherwise trimming is amortised.
    if (list.items.length > (this.stats.degraded ? limit : 2 * limit)) this.trim(list);
    this.schedule();
  }

  /**
   * Appends to a Redis stream trimmed by age: entries whose id is older than `maxAgeMs` go at each write. `limit`
   * bounds only what waits here while Redis is away (the oldest beyond it are dropped and counted).
   */
  append(key: string, ttl: number | null, maxAgeMs: number, limit: number, entry: StreamEntry): void {
    let list = this.lists.get(key);
    if (!list) this.lists.set(key, (list = { ttl, limit, items: [], maxAgeMs }));
    list.items.push(entry);
    if (list.items.length > (this.stats.degraded ? limit : 2 * limit)) this.trim(list);
    this.schedule();
  }

  /**
   * Writes whatever is pending now (used on stop); resolves when that batch is done, or after `timeoutMs` when Redis
   * does not answer (what is still buffered then is left unwritten).
   */
  async drain(timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
    const drained = (async () => {
      await Promise.all(this.inFlight);
      await this.flush(true);
    })();
    await withDeadline(drained, timeoutMs, 'writing the last market data to Redis');
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.deferTimer);
  }

  get buffered(): number {
    let n = this.latest.size;
    for (const list of this.lists.values()) n += list.items.length;
    return n;
  }

  /** Pending work that may be written now (throttled keys wait for their own timer). */
  private hasDueWork(now: number): boolean {
    for (const list of this.lists.values()) if (list.items.length > 0) return true;
    for (const entry of this.latest) if (!entry.minIntervalMs || now - entry.lastWrittenAt >= entry.minIntervalMs) return true;
    return this.latest.size > 0 && this.stats.degraded;
  }

  private trim(list: PendingList): void {
    const excess = list.items.length - list.limit;
    if (excess <= 0) return;
    list.items.splice(0, excess);
    this.stats.droppedItems += excess;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped || !this.canSend()) return;
    this.scheduled = true;
    setImmediate(this.flushBound);
  }

  private retryLater(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.schedule();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  private async flush(final = false): Promise<void> {
    this.scheduled = false;
    if (!this.canSend()) return;
    if (this.redis.status !== 'ready') {
      this.stats.degraded = true;
      this.ttlRefreshedAt.clear(); // Redis may come back empty: every key gets its TTL again
      this.stats.bufferedItems = this.buffered;
      if (!final) this.retryLater();
      return;
    }
    const startedAt = Date.now();
    const writes = new WriteBatch();
    const latest = this.collectLatest(writes, startedAt, final);
    const tag = this.coveredTag();
    const lists = this.collectLists(writes, startedAt);
    if (latest.length === 0 && lists.length === 0) return;
    this.stats.roundTrips++;
    this.stats.commands += writes.size;
    const sent = this.execute(writes, { latest, lists }, startedAt, tag);
    this.inFlight.add(sent);
    await sent;
    this.inFlight.delete(sent);
    this.afterBatch();
  }

  private collectLatest(writes: WriteBatch, now: number, final: boolean): LatestWrite[] {
    const taken: LatestWrite[] = [];
    let nextDue = Infinity;
    for (const entry of this.latest) {
      if (!final && entry.minIntervalMs && now - entry.lastWrittenAt < entry.minIntervalMs) {
        nextDue = Math.min(nextDue, entry.lastWrittenAt + entry.minIntervalMs);
        continue;
      }
      this.latest.delete(entry);
      const value = entry.produce();
      if (value === null) continue;
      if (entry.kind === 'string') writes.set(entry.key, value as string, entry.ttl);
      else writes.hset(entry.key, value as Record<string, string>, this.ttlToRefresh(entry.key, entry.ttl, now));
      entry.lastWrittenAt = now;
      taken.push(entry);
    }
    if (nextDue !== Infinity) this.deferFlush(nextDue, now);
    return taken;
  }

  /** The batch tag this batch covers: keys still pending (throttled) were dirtied by messages it does not write. */
  private coveredTag(): number {
    let tag = this.batchTag?.() ?? 0;
    for (const entry of this.latest) if (entry.pendingSinceTag !== undefined) tag = Math.min(tag, entry.pendingSinceTag - 1);
    return tag;
  }

  private collectLists(writes: WriteBatch, now: number): Array<[PendingList, unknown[]]> {
    const taken: Array<[PendingList, unknown[]]> = [];
    for (const [key, list] of this.lists) {
      if (list.items.length === 0) continue;
      this.trim(list);
      const items = list.items;
      list.items = [];
      if (list.maxAgeMs !== undefined) {
        writes.xadd(key, items as StreamEntry[], now - list.maxAgeMs, this.ttlToRefresh(key, list.ttl, now));
        taken.push([list, items]);
        continue;
      }
      const texts = items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
      writes.lpush(key, texts, list.limit, this.ttlToRefresh(key, list.ttl, now));
      taken.push([list, items]);
    }
    return taken;
  }

  /** The TTL to set on a hash or list with this write: null when it has none, or was set less than a second ago. */
  private ttlToRefresh(key: string, ttl: number | null, now: number): number | null {
    if (ttl === null || now - (this.ttlRefreshedAt.get(key) ?? 0) < EXPIRE_REFRESH_MS) return null;
    this.ttlRefreshedAt.set(key, now);
    return ttl;
  }

  /** Wakes up when the first throttled key is due again (not on a fixed poll, which only adds delay). */
  private deferFlush(dueAt: number, now: number): void {
    if (this.stopped || (this.deferTimer && this.deferDueAt <= dueAt)) return;
    clearTimeout(this.deferTimer);
    this.deferDueAt = dueAt;
    this.deferTimer = setTimeout(() => {
      this.deferTimer = undefined;
      this.schedule();
    }, Math.max(1, dueAt - now));
    this.deferTimer.unref();
  }

  private canSend(): boolean {
    return this.inFlight.size < (this.stats.degraded ? 1 : MAX_IN_FLIGHT);
  }

  private async execute(writes: WriteBatch, batch: Batch, startedAt: number, tag: number): Promise<void> {
    try {
      this.stats.commandErrors += await sendBatch(this.redis, writes);
      this.stats.degraded = false;
      this.onWritten?.(startedAt, tag);
    } catch {
      this.stats.failures++;
      this.stats.degraded = true;
      this.ttlRefreshedAt.clear(); // Redis may come back empty: every key gets its TTL again
      this.failed.push(batch);
    }
  }

  private afterBatch(): void {
    if (this.inFlight.size === 0) this.restoreFailed();
    this.stats.bufferedItems = this.buffered;
    if (this.hasDueWork(Date.now())) {
      if (this.stats.degraded) this.retryLater();
      else this.schedule();
    }
  }

  /** Failed batches back into the buffers: latest values are produced again, list items keep their order. */
  private restoreFailed(): void {
    for (const batch of this.failed.reverse()) {
      for (const entry of batch.latest) this.latest.add(entry);
      for (const [list, items] of batch.lists) {
        list.items = items.concat(list.items);
        this.trim(list);
      }
    }
    this.failed = [];
  }
}
