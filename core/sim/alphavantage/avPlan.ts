/**
 * The Alpha Vantage plans the simulated endpoint can play, as a real key on each sees the service:
 * - `premium600`: 600 calls/min, realtime options, premium functions, realtime and delayed intraday data;
 * - `premium75`: 75 calls/min, premium functions and intraday entitlements, but REALTIME_OPTIONS answers the
 *   artificial "premium endpoint" sample (realtime options need the 600 or 1200 calls/min plan);
 * - `free`: 25 calls a day, no premium functions (REALTIME_OPTIONS sample, MACD/VWAP refused) and no intraday
 *   entitlement: intraday series stop at the last session's close, whatever `entitlement=` says.
 */
export const AV_PLANS = ['premium600', 'premium75', 'free'] as const;
export type AvPlan = (typeof AV_PLANS)[number];

export type IntradayEntitlement = 'realtime' | 'delayed';

export interface PlanRules {
  plan: AvPlan;
  /** Calls per sliding minute before the per-minute throttling answer (null: no per-minute limit). */
  callsPerMinute: number | null;
  /** Calls per New York calendar day before the daily-cap answer (null: no daily cap). */
  callsPerDay: number | null;
  realtimeOptions: boolean;
  /** MACD, VWAP: refused with the premium notice when false. */
  premiumFunctions: boolean;
  /** `entitlement=` values the plan honours; any other request gets end-of-day intraday data. */
  intradayEntitlements: readonly IntradayEntitlement[];
}

const RULES: Record<AvPlan, Omit<PlanRules, 'plan'>> = {
  premium600: { callsPerMinute: 600, callsPerDay: null, realtimeOptions: true, premiumFunctions: true, intradayEntitlements: ['realtime', 'delayed'] },
  premium75: { callsPerMinute: 75, callsPerDay: null, realtimeOptions: false, premiumFunctions: true, intradayEntitlements: ['realtime', 'delayed'] },
  free: { callsPerMinute: null, callsPerDay: 25, realtimeOptions: false, premiumFunctions: false, intradayEntitlements: [] },
};

export function isAvPlan(value: string): value is AvPlan {
  return (AV_PLANS as readonly string[]).includes(value);
}

/** A plan's rules; `overrides` (tests, the sim's flags) change its limits, e.g. a daily cap of 3. */
export function planRules(plan: AvPlan = 'premium600', overrides: Partial<Pick<PlanRules, 'callsPerMinute' | 'callsPerDay'>> = {}): PlanRules {
  return { plan, ...RULES[plan], ...definedOnly(overrides) };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
