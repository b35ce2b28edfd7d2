import type { CallClass } from './callClasses';
import { spacingMs, type CallBudget } from './callBudget';
import { CallLog } from './callLog';
import { CallQueue } from './callQueue';

/** Launch priorities (0 is served first): chains, then sentiment, then technicals; priority symbols lead each class. */
const PRIORITY: Record<CallClass, number> = { options: 1, sentiment: 4, technicals: 7 };
const PRIORITIES = 8;

export interface CallLimiterOptions {
  budget: CallBudget;
  /** Requests in flight at once. */
  maxInFlight: number;
  /** Spacing after repeated throttling grows up to this factor. */
  maxSlowFactor: number;
  /** Called at every launch (monitoring, tests). */
  onLaunch?: (callClass: CallClass, at: number, call: string) => void;
}

interface WaitingCall {
  callClass: CallClass;
  queuedAt: number;
  call: string;
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/**
 * The one gate every Alpha Vantage call passes, and its only queue. A call launches when it is the most urgent one
 * waiting, a slot is free (maxInFlight), the spacing since the last launch has passed, the last window holds fewer
 * than the budget's calls (by actual launch times, so it holds in every sliding window), and no throttling answer
 * has paused launches. A throttling answer pauses them until the next window starts (every windowMs from the
 * limiter's start) and doubles the spacing; each window without throttling halves it again.
 */
export class CallLimiter {
  readonly log: CallLog;
  private readonly waiting = new CallQueue<WaitingCall>(PRIORITIES);
  private readonly windows: NodeJS.Timeout;
  /** A throttling answer came: nothing launches until the next window starts. */
  private paused = false;
  private inFlight = 0;
  private nextLaunchAt = 0;
  private wakeTimer: NodeJS.Timeout | undefined;
  private slowFactor = 1;
  private lastThrottleAt = 0;
  private stopped = false;

  constructor(private readonly options: CallLimiterOptions) {
    this.log = new CallLog(options.budget.windowMs);
    this.windows = setInterval(() => this.nextWindow(), options.budget.windowMs);
    this.windows.unref();
  }

  /** Runs `task` (the call named `call`) when the budget allows, ahead of lower classes. */
  schedule<T>(callClass: CallClass, prioritySymbol: boolean, call: string, task: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new Error('the Alpha Vantage call limiter has stopped'));
    return new Promise<T>((resolve, reject) => {
      const waiting: WaitingCall = { callClass, queuedAt: Date.now(), call, task, resolve: resolve as (value: unknown) => void, reject };
      this.waiting.push(PRIORITY[callClass] - (prioritySymbol ? 1 : 0), waiting);
      this.launchWhatCan();
    });
  }

  /** The API said we are over its limit: stop launching until the next window, and space calls wider. */
  throttled(): void {
    this.lastThrottleAt = Date.now();
    this.slowFactor = Math.min(this.options.maxSlowFactor, this.slowFactor * 2);
    this.paused = true;
  }

  get slowdown(): number {
    return this.slowFactor;
  }

  queued(): number {
    return this.waiting.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.windows);
    clearTimeout(this.wakeTimer);
    const stopped = new Error('the Alpha Vantage call limiter has stopped');
    for (const waiting of this.waiting.takeAll()) waiting.reject(stopped);
  }

  private launchWhatCan(): void {
    while (!this.stopped && !this.paused && this.waiting.size > 0 && this.inFlight < this.options.maxInFlight && this.wakeTimer === undefined) {
      const now = Date.now();
      // The window gate is the last word on the budget: a timer that fires late must not bring launches closer.
      const wait = Math.max(this.nextLaunchAt - now, this.log.waitForRoom(now, this.options.budget.calls));
      if (wait > 0) return this.wakeAfter(wait);
      this.launch(this.waiting.shift()!, now);
    }
  }

  private launch(waiting: WaitingCall, now: number): void {
    this.inFlight++;
    this.nextLaunchAt = this.nextLaunchSlot(waiting, now);
    this.log.record(waiting.callClass, now);
    this.options.onLaunch?.(waiting.callClass, now, waiting.call);
    const settled = () => {
      this.inFlight--;
      this.launchWhatCan();
    };
    runTask(waiting.task).then(waiting.resolve, waiting.reject).then(settled);
  }

  /**
   * Launches are planned `spacing` apart. A call that waited for its slot and launched late (a busy event loop) does
   * not push the plan back: the calls behind it catch the missed slots up, at most maxInFlight at once. A call that
   * came after its slot had passed starts the plan again from its arrival. The window gate, on actual launch times,
   * keeps every window within the budget either way.
   */
  private nextLaunchSlot(launched: WaitingCall, now: number): number {
    const spacing = spacingMs(this.options.budget) * this.slowFactor;
    return Math.max(this.nextLaunchAt, launched.queuedAt, now - spacing * (this.options.maxInFlight - 1)) + spacing;
  }

  private wakeAfter(ms: number): void {
    this.wakeTimer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.launchWhatCan();
    }, ms);
  }

  private nextWindow(): void {
    if (this.slowFactor > 1 && Date.now() - this.lastThrottleAt >= this.options.budget.windowMs) this.slowFactor /= 2;
    this.paused = false;
    this.launchWhatCan();
  }
}

/** The task's promise; a task that throws before returning one is a rejected call, not a crash of the limiter. */
function runTask(task: () => Promise<unknown>): Promise<unknown> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}
