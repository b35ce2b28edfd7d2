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
  onLaunch?: (callClass: CallClass, at: number) => void;
}

/**
 * The one gate every Alpha Vantage call passes. A throttling answer pauses launches until the reservoir's next
 * refresh and doubles the spacing; each window without throttling halves it again.
 */
export class CallLimiter {
  readonly log: CallLog;
  private readonly bottleneck: Bottleneck;
  private slowFactor = 1;
  private lastThrottleAt = 0;
  private readonly recovery: NodeJS.Timeout;

  constructor(private readonly options: CallLimiterOptions) {
    this.log = new CallLog(options.budget.windowMs);
    this.bottleneck = new Bottleneck(bottleneckSettings(options.budget, options.maxInFlight));
    this.recovery = setInterval(() => this.recover(), options.budget.windowMs);
    this.recovery.unref();
  }

  /** Runs `task` when the budget allows, ahead of lower classes. */
  schedule<T>(callClass: CallClass, prioritySymbol: boolean, task: () => Promise<T>): Promise<T> {
    const priority = PRIORITY[callClass] - (prioritySymbol ? 1 : 0);
    return this.bottleneck.schedule({ priority }, () => {
      const now = Date.now();
      this.log.record(callClass, now);
      this.options.onLaunch?.(callClass, now);
      return task();
    });
  }

  /** The API said we are over its limit: stop launching until the window refreshes, and space calls wider. */
  throttled(): void {
    this.lastThrottleAt = Date.now();
    this.slowFactor = Math.min(this.options.maxSlowFactor, this.slowFactor * 2);
    this.bottleneck.updateSettings({ reservoir: 0, minTime: bottleneckSettings(this.options.budget, this.options.maxInFlight, this.slowFactor).minTime });
  }

  get slowdown(): number {
    return this.slowFactor;
  }

  queued(): number {
    return this.bottleneck.queued();
  }

  async stop(): Promise<void> {
    clearInterval(this.recovery);
    await this.bottleneck.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }

  private recover(): void {
    if (this.slowFactor === 1 || Date.now() - this.lastThrottleAt < this.options.budget.windowMs) return;
    this.slowFactor /= 2;
    this.bottleneck.updateSettings({ minTime: bottleneckSettings(this.options.budget, this.options.maxInFlight, this.slowFactor).minTime });
  }
}
