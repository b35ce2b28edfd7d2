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
    this.bottleneck = lighten(new Bottleneck(bottleneckSettings(options.budget, options.maxInFlight)));
    this.refill = setInterval(() => this.refillWindow(), options.budget.windowMs);
    this.refill.unref();
  }

  /** Runs `task` (the call named `call`) when the budget allows, ahead of lower classes. */
  schedule<T>(callClass: CallClass, prioritySymbol: boolean, call: string, task: () => Promise<T>): Promise<T> {
    const priority = PRIORITY[callClass] - (prioritySymbol ? 1 : 0);
    return this.bottleneck.schedule({ priority }, () => {
      const wait = this.log.waitForRoom(Date.now(), this.options.budget.calls);
      return wait === 0 ? this.launch(callClass, call, task) : this.roomInWindow(wait).then(() => this.launch(callClass, call, task));
    });
  }

  private launch<T>(callClass: CallClass, call: string, task: () => Promise<T>): Promise<T> {
    const now = Date.now();
    this.log.record(callClass, now);
    this.options.onLaunch?.(callClass, now, call);
    return task();
  }

  /**
   * The last word on the budget, on actual launch times: Bottleneck's spacing holds for the times it planned,
   * but a timer that fires late (event loop busy parsing a chain) lets the next launch follow closer than planned.
   */
  private async roomInWindow(wait: number): Promise<void> {
    for (; wait > 0; wait = this.log.waitForRoom(Date.now(), this.options.budget.calls)) {
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

/** The in-process internals of Bottleneck 2.19.5 (its last release, 2019) that CallLimiter tunes. */
interface BottleneckInternals {
  _store: { yieldLoop(t?: number): Promise<void> };
  Events: { _events: Record<string, unknown>; trigger(name: string, ...args: unknown[]): Promise<unknown> };
}

/**
 * Takes two costs out of every Bottleneck job, without changing what Bottleneck decides or when:
 * - its local datastore awaits `setTimeout(0)` (a timer, clamped to 1 ms) before each of a job's three datastore
 *   steps (submit, register, free), only to be asynchronous like its Redis datastore; a resolved promise keeps
 *   every step asynchronous, in the same order, without three timers and event-loop turns per call;
 * - every job triggers ~10 events, each running two transpiled async functions and a `debug` event even when
 *   nothing listens; with no listener for the event (nor for `debug`), the trigger now resolves at once, as it
 *   would after doing nothing. Listeners added with `on()` still get every event.
 */
export function lighten(bottleneck: Bottleneck): Bottleneck {
  const internals = bottleneck as unknown as BottleneckInternals;
  const resolved = Promise.resolve();
  if (typeof internals._store?.yieldLoop !== 'function' || typeof internals.Events?.trigger !== 'function') return bottleneck; // another version: as it is
  internals._store.yieldLoop = () => resolved;
  const events = internals.Events;
  const trigger = events.trigger.bind(events);
  events.trigger = (name, ...args) => (events._events[name] === undefined && events._events.debug === undefined ? resolved : trigger(name, ...args));
  return bottleneck;
}
