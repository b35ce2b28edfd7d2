import type { UpdateCounts } from '../../../contract/ingestionState';

export type { UpdateCounts };

/** Counters the Health panel and monitoring:ibkr:metrics show. Plain numbers, updated in place on the hot path. */
export class IngestMetrics {
  readonly updates: UpdateCounts = { quotes: 0, trades: 0, depth: 0, bars: 0, errors: 0, other: 0 };
  messagesPerSecond = 0;
  badInput = 0;
  decodeErrors = 0;
  depthResets = 0;
  depthRebuilds = 0;
  pacingViolations = 0;
  refusedRequests = 0;
  resubscribes = 0;
  private lastCount = 0;
  private lastRateAt = 0;

  /** Recomputes messages/s from the connection's running message count (called once a second). */
  sample(messages: number, now: number): void {
    if (this.lastRateAt > 0 && now > this.lastRateAt) {
      this.messagesPerSecond = Math.round(((messages - this.lastCount) * 1000) / (now - this.lastRateAt));
    }
    this.lastCount = messages;
    this.lastRateAt = now;
  }
}
