import type Bottleneck from 'bottleneck';

export interface CallBudget {
  /** Calls allowed in any window (590 under the 600/min plan). */
  calls: number;
  /** The window, ms (60,000 in production; tests scale it down). */
  windowMs: number;
}

/**
 * The Bottleneck settings that keep calls within budget in *every* sliding window, not only per fixed minute:
 * - `minTime` spaces launches strictly more than window/calls apart, so calls+1 launches never fit in one window
 *   (590/min → 102 ms; 590 launches span ≥ 589 × 102 = 60,078 ms);
 * - the reservoir (`calls`, refilled every window by CallLimiter) is the hard cap per fixed window, and the lever
 *   a throttling answer pulls (set to 0 = pause until the next refill). Bottleneck's own reservoirRefreshInterval
 *   is not used: any updateSettings() call silently stops its refresh timer (SGrondin/bottleneck#185, open);
 * - `maxConcurrent` keeps later jobs in Bottleneck's priority queue instead of pre-assigning them slots, so a
 *   chain that becomes due jumps ahead of queued technicals. `slowFactor` stretches the spacing after throttling.
 */
export function bottleneckSettings(budget: CallBudget, maxInFlight: number, slowFactor = 1): Bottleneck.ConstructorOptions {
  return {
    maxConcurrent: maxInFlight,
    minTime: spacingMs(budget) * slowFactor,
    reservoir: budget.calls,
  };
}

/** Launch spacing: the smallest whole ms strictly above window/calls. */
export function spacingMs(budget: CallBudget): number {
  return Math.floor(budget.windowMs / budget.calls) + 1;
}

/** The most launches `minTime` lets into any half-open window of `windowMs`. */
export function maxLaunchesPerWindow(budget: CallBudget): number {
  return Math.ceil(budget.windowMs / spacingMs(budget));
}
