import Bottleneck from 'bottleneck';
import type { CallClass } from './avData';
import { bottleneckSettings, type CallBudget } from './callBudget';
import { CallLog } from './callLog';

/** Bottleneck priorities (0 is served first): chains, then sentiment, then technicals; priority symbols lead each class. */
const PRIORITY: Record<CallClass, number> = { options: 1, sentiment: 4, technicals: 7 };

export interface CallLimiterOptions {
  budget: CallBudget;
  /** Requests in flight (or holding a launch slot) at once. */
  maxInFlight: number;
  /** Spacing after repeated throttling grows up to this factor. */
  maxSlowFactor: number;
  /** Called at every launch (monitoring, tests). */
  onLaunch?: (callClass: CallClass, at: number, call: string) => void;
}

/**
 * The one gate every Alpha Vantage call passes. The reservoir is refilled to the budget every window. A throttling
 * answer empties it (launches pause until the next refill) and doubles the spacing; each window without
 * throttling halves the spacing again.
 */
export class CallLimiter {
  readonly log: CallLog;
  private readonly bottleneck: Bottleneck;
  private slowFactor = 1;
  private lastThrottleAt = 0;
  private readonly refill: NodeJS.Timeout;

  constructor(private readonly options: CallLimiterOptions) {
    this.log = new CallLog(options.budget.windowMs);
    this.bottleneck = new Bottleneck(bottleneckSettings(options.budget, options.maxInFlight));
    this.refill = setInterval(() => this.refillWindow(), options.budget.windowMs);
    this.refill.unref();
  }

  /** Runs `task` (the call named `call`) when the budget allows, ahead of lower classes. */
  schedule<T>(callClass: CallClass, prioritySymbol: boolean, call: string, task: () => Promise<T>): Promise<T> {
    const priority = PRIORITY[callClass] - (prioritySymbol ? 1 : 0);
    return this.bottleneck.schedule({ priority }, async () => {
      await this.roomInWindow();
      const now = Date.now();
      this.log.record(callClass, now);
      this.options.onLaunch?.(callClass, now, call);
      return task();
    });
  }

  /**
   * The last word on the budget, on actual launch times: Bottleneck's spacing holds for the times it planned,
   * but a timer that fires late (event loop busy parsing a chain) lets the next launch follow closer than planned.
   */
  private async roomInWindow(): Promise<void> {
    for (let wait = this.log.waitForRoom(Date.now(), this.options.budget.calls); wait > 0; wait = this.log.waitForRoom(Date.now(), this.options.budget.calls)) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** The API said we are over its limit: stop launching until the window refreshes, and space calls wider. */
  throttled(): void {
    this.lastThrottleAt = Date.now();
    this.slowFactor = Math.min(this.options.maxSlowFactor, this.slowFactor * 2);
    void this.bottleneck.updateSettings({ reservoir: 0, minTime: this.spacing() });
  }

  get slowdown(): number {
    return this.slowFactor;
  }

  queued(): number {
    return this.bottleneck.queued();
  }

  async stop(): Promise<void> {
    clearInterval(this.refill);
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }

  private refillWindow(): void {
    if (this.slowFactor > 1 && Date.now() - this.lastThrottleAt >= this.options.budget.windowMs) this.slowFactor /= 2;
    void this.bottleneck.updateSettings({ reservoir: this.options.budget.calls, minTime: this.spacing() });
  }

  private spacing(): number {
    return bottleneckSettings(this.options.budget, this.options.maxInFlight, this.slowFactor).minTime!;
  }
}
