export interface CallBudget {
  /** Calls allowed in any window (590 under the 600/min plan). */
  calls: number;
  /** The window, ms (60,000 in production; tests scale it down). */
  windowMs: number;
}

/** Launch spacing: the smallest whole ms strictly above window/calls. */
export function spacingMs(budget: CallBudget): number {
  return Math.floor(budget.windowMs / budget.calls) + 1;
}

/** The most launches `minTime` lets into any half-open window of `windowMs`. */
export function maxLaunchesPerWindow(budget: CallBudget): number {
  return Math.ceil(budget.windowMs / spacingMs(budget));
}
