import type { Timeliness } from '../../market/technicals';
import type { AvError } from './avError';
import { slotId, type FreshnessBook } from './freshnessBook';
import type { RefreshItem } from './refreshPlan';

export type RefreshOutcome =
  /** `timeliness`/`dataAsOf`: what the data says about itself; `nextAt`: not fetched again before (a previous session's chain). */
  | { kind: 'stored'; at: number; timeliness?: Timeliness; dataAsOf?: number | null; nextAt?: number }
  /** AV answered with no data (off hours, thin symbol, `{}`): previous data stays, ageing towards stale. */
  | { kind: 'empty' }
  /** `retryAt`: not before then (a daily cap's resume time, a rare re-check); else by the error's kind. */
  | { kind: 'failed'; error: AvError; retryAt?: number }
  /** Fetched and parsed, but Redis refused the write. */
  | { kind: 'unsaved'; error: Error };

export interface SchedulerOptions {
  tickMs: number;
  /** After a failure that may pass (throttling, HTTP, timeout, garbled answer): try again this soon at most. */
  failureBackoffMs: number;
}

/** Failures that asking again soon cannot cure: the item waits a whole window (or its `retryAt`). */
const PERSISTENT = new Set(['api_error', 'premium', 'information', 'entitlement', 'not_covered', 'daily_cap', 'paused']);

/**
 * Selective refresh: every tick, each item whose data is older than its window (and not already queued or in
 * flight) is handed to `refresh`. The success time moves only on `stored`; other outcomes defer the item.
 */
export class RefreshScheduler {
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Map<string, Promise<void>>();

  constructor(
    private readonly plan: readonly RefreshItem[],
    private readonly book: FreshnessBook,
    private readonly refresh: (item: RefreshItem) => Promise<RefreshOutcome>,
    private readonly options: SchedulerOptions,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  tick(now = Date.now()): void {
    for (const item of this.plan) {
      const id = slotId(item.symbol, item.dataType);
      if (this.inFlight.has(id) || !this.book.isDue(item.symbol, item.dataType, now)) continue;
      this.inFlight.set(id, this.run(item).finally(() => this.inFlight.delete(id)));
    }
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** Stops ticking and waits (bounded) for refreshes already running to settle. */
  async stop(waitMs = 2_000): Promise<void> {
    clearInterval(this.timer);
    await Promise.race([Promise.allSettled(this.inFlight.values()), new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
  }

  private async run(item: RefreshItem): Promise<void> {
    const outcome = await this.refresh(item).catch((error: unknown): RefreshOutcome => ({ kind: 'unsaved', error: error as Error }));
    const now = Date.now();
    if (outcome.kind === 'stored') {
      this.book.succeeded(item.symbol, item.dataType, outcome.at, outcome.nextAt);
      if (outcome.timeliness) this.book.observed(item.symbol, item.dataType, outcome.timeliness, outcome.dataAsOf ?? null);
    } else if (outcome.kind === 'failed' && outcome.retryAt !== undefined) this.book.deferUntil(item.symbol, item.dataType, outcome.retryAt);
    else if (outcome.kind === 'empty') this.book.deferUntil(item.symbol, item.dataType, now + item.windowMs);
    else if (outcome.kind === 'failed' && PERSISTENT.has(outcome.error.kind)) this.book.deferUntil(item.symbol, item.dataType, now + item.windowMs);
    else this.book.deferUntil(item.symbol, item.dataType, now + Math.min(item.windowMs, this.options.failureBackoffMs));
  }
}
