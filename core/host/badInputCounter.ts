import type { Redis } from 'ioredis';
import { keys } from '../store/keys';
import { moduleLogger } from './logger';

const log = moduleLogger('badInput');

/**
 * Counts refused input by source (websocket, ipc, config, ibkr, alphavantage, ...). Counts accumulate in memory
 * and are flushed to monitoring:bad_input with one pipelined HINCRBY per source, so a Redis outage loses none.
 */
export class BadInputCounter {
  private readonly unflushed = new Map<string, number>();
  private readonly totals = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly redis: Redis, private readonly flushMs = 1_000) {}

  report(source: string, problem: string): void {
    log.warn({ source, problem }, 'bad input refused');
    this.unflushed.set(source, (this.unflushed.get(source) ?? 0) + 1);
    this.totals.set(source, (this.totals.get(source) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  total(source: string): number {
    return this.totals.get(source) ?? 0;
  }

  async flush(): Promise<void> {
    this.timer = undefined;
    if (this.unflushed.size === 0) return;
    const batch = [...this.unflushed];
    this.unflushed.clear();
    try {
      const pipeline = this.redis.pipeline();
      for (const [source, count] of batch) pipeline.hincrby(keys.monitoring.badInput.key, source, count);
      await pipeline.exec();
    } catch {
      for (const [source, count] of batch) this.unflushed.set(source, (this.unflushed.get(source) ?? 0) + count);
      this.timer = setTimeout(() => void this.flush(), this.flushMs * 5);
      this.timer.unref();
    }
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
