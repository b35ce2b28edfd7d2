/** What each runtime limit is measured in, and which way loosens it: the rules a change of a limit is judged by. */
import type { RiskLimitUnit, RuntimeRiskLimitName } from '../contract/contract';
import type { RiskLimits } from '../config/riskSchema';

export type LimitValue = number | null;

interface LimitRule {
  unit: RiskLimitUnit;
  /** False for the limits that let more through when lower (a shorter duplicate window, an earlier cutoff). */
  higherIsLooser: boolean;
}

const looserHigh = (unit: RiskLimitUnit): LimitRule => ({ unit, higherIsLooser: true });
const looserLow = (unit: RiskLimitUnit): LimitRule => ({ unit, higherIsLooser: false });

export const LIMIT_RULES: Readonly<Record<RuntimeRiskLimitName, LimitRule>> = {
  maxOrderNotional: looserHigh('$'),
  maxOrderShares: looserHigh('shares'),
  maxOrderContracts: looserHigh('contracts'),
  priceBandPercent: looserHigh('%'),
  maxPercentOfDayVolume: looserHigh('%'),
  maxPositionPerSymbol: looserHigh('shares'),
  maxOpenOrders: looserHigh('orders'),
  maxOrdersPerSecond: looserHigh('orders/s'),
  maxOrdersPerMinute: looserHigh('orders/min'),
  // A longer window refuses more orders as duplicates; 0 turns the check off.
  duplicateWindowSeconds: looserLow('s'),
  maxConcentrationPercent: looserHigh('%'),
  // More minutes before the close refuse more same-day options.
  sameDayExpiryCutoffMinutes: looserLow('min'),
  maxDeltaDollars: looserHigh('$'),
  maxGammaDollars: looserHigh('$'),
  maxVegaDollars: looserHigh('$'),
  maxDailyLoss: looserHigh('$'),
  maxDrawdown: looserHigh('$'),
  maxStaleDataSeconds: looserHigh('s'),
  maxConsecutiveRejections: looserHigh('rejections'),
};

/** Whether `to` lets more through than `from`. Null is a limit turned off: the loosest value. */
export function isLooser(name: RuntimeRiskLimitName, from: LimitValue, to: LimitValue): boolean {
  if (from === to) return false;
  if (to === null) return true;
  if (from === null) return false;
  return LIMIT_RULES[name].higherIsLooser ? to > from : to < from;
}

/** The stricter of two values of a limit. */
export function stricter(name: RuntimeRiskLimitName, a: LimitValue, b: LimitValue): LimitValue {
  return isLooser(name, a, b) ? a : b;
}

export function limitValue(limits: RiskLimits, name: RuntimeRiskLimitName): LimitValue {
  return limits[name];
}

/** "$5,000", "300 shares", "off". */
export function describeLimit(name: RuntimeRiskLimitName, value: LimitValue): string {
  if (value === null) return 'off';
  const unit = LIMIT_RULES[name].unit;
  if (unit === '$') return `$${value.toLocaleString('en-US')}`;
  if (unit === '%') return `${value}%`;
  return `${value.toLocaleString('en-US')} ${unit}`;
}

/** Where a check reads the limits: a fixed object (tests, benches) or the runtime limits' holder. */
export type LimitsInForce = RiskLimits | { readonly current: RiskLimits };

export function limitsReader(limits: LimitsInForce): { readonly current: RiskLimits } {
  return 'current' in limits && typeof limits.current === 'object' ? limits : { current: limits as RiskLimits };
}
