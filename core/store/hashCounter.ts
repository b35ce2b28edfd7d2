import type { Redis } from 'ioredis';

/**
 * Counts by field into one monitoring hash. Counts accumulate in memory and are flushed with one pipelined
 * HINCRBY per field at most every `flushMs`, so a hot path pays a Map update and a Redis outage loses none.
 * What waits for Redis is one number per field (the fields are sources and stream names the code defines), so
 * an outage of any length costs no memory.
 */
export class HashCounter {
  private readonly unflushed = new Map<string, number>();
  private readonly totals = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly redis: Redis, private readonly key: string, private readonly flushMs = 1_000) {}

  add(field: string, count = 1): void {
    this.unflushed.set(field, (this.unflushed.get(field) ?? 0) + count);
    this.totals.set(field, (this.totals.get(field) ?? 0) + count);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** Counted by this process since it started. */
  total(field: string): number {
    return this.totals.get(field) ?? 0;
  }

  async flush(): Promise<void> {
    this.timer = undefined;
    if (this.unflushed.size === 0) return;
    const batch = [...this.unflushed];
    this.unflushed.clear();
    let unwritten: Array<[string, number]>;
    try {
      const pipeline = this.redis.pipeline();
      for (const [field, count] of batch) pipeline.hincrby(this.key, field, count);
      // A pipeline sent while Redis is away resolves with an error per command rather than rejecting.
      const results = await pipeline.exec();
      unwritten = batch.filter((_, i) => !results || results[i]?.[0]);
    } catch {
      unwritten = batch;
    }
    if (unwritten.length > 0) this.retry(unwritten);
  }

  /** Keeps counts Redis did not take, to add them at the next flush. */
  private retry(unwritten: Array<[string, number]>): void {
    for (const [field, count] of unwritten) this.unflushed.set(field, (this.unflushed.get(field) ?? 0) + count);
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.flushMs * 5);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
