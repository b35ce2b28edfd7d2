import type { RetryPolicy } from './avFetcher';

/** Knobs with production defaults; tests scale the window and delays down to keep fast. */
export interface AlphaVantageTuning {
  /** The budget window: `callsPerMinute` calls per this many ms (60,000 in production). */
  windowMs: number;
  maxInFlight: number;
  maxSlowFactor: number;
  /** Deadline for one whole answer. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** How often the scheduler looks for data older than its window. */
  tickMs: number;
  /** Start-up stagger between consecutive items of the refresh plan. */
  staggerMs: number;
  failureBackoffMs: number;
  monitorFlushMs: number;
  technicalsInterval: string;
  articlesLimit: number;
  seriesLimit: number;
  /** Data older than this many refresh windows is stale. */
  staleFactor: number;
  /** How long a plan's refusal stands (no realtime options, a premium function, a ticker not covered) before it is asked again. */
  recheckMs: number;
}

export const DEFAULT_TUNING: AlphaVantageTuning = {
  windowMs: 60_000,
  maxInFlight: 4,
  maxSlowFactor: 8,
  timeoutMs: 20_000,
  retry: { retries: 3, minDelayMs: 1_000, maxDelayMs: 16_000, maxRequeues: 3 },
  tickMs: 500,
  staggerMs: 50,
  failureBackoffMs: 30_000,
  monitorFlushMs: 1_000,
  technicalsInterval: '5min',
  articlesLimit: 50,
  seriesLimit: 200,
  staleFactor: 2,
  recheckMs: 3_600_000,
};

export function withDefaults(tuning: Partial<AlphaVantageTuning> = {}): AlphaVantageTuning {
  return { ...DEFAULT_TUNING, ...tuning, retry: { ...DEFAULT_TUNING.retry, ...tuning.retry } };
}
