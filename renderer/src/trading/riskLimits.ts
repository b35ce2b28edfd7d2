import type { RiskLimitUnit, RiskLimitView, RuntimeRiskLimitName } from '../../../core/contract/contract';

/** The limits config.yaml lets be null (the check off); the others always hold a number. */
const optionalLimits: ReadonlySet<RuntimeRiskLimitName> = new Set(['maxPercentOfDayVolume', 'maxDeltaDollars', 'maxGammaDollars', 'maxVegaDollars']);
export const canTurnOff = (name: RuntimeRiskLimitName): boolean => optionalLimits.has(name);

const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$5,000", "$0.30", "5%", "10,000 shares", "5 orders/s", "off". */
export function formatLimitValue(value: number | null, unit: RiskLimitUnit): string {
  if (value === null) return 'off';
  if (unit === '$') return `${value < 0 ? '−' : ''}$${(Number.isInteger(value) ? amount : cents).format(Math.abs(value))}`;
  if (unit === '%') return `${amount.format(value)}%`;
  return `${amount.format(value)} ${unit}`;
}

export type UseLevel = 'ok' | 'near' | 'over';
/** From this share of a limit on, its use is shown as near the limit. */
export const NEAR_LIMIT = 0.8;

/** How much of a limit is used (0…, may pass 1), or null when there is no standing use or no limit to measure against. */
export function useOf(limit: Pick<RiskLimitView, 'value' | 'used' | 'higherIsLooser'>): { fraction: number; level: UseLevel } | null {
  if (limit.used === null || limit.value === null || limit.value <= 0 || !limit.higherIsLooser) return null;
  const fraction = Math.max(0, limit.used) / limit.value;
  return { fraction, level: fraction >= 1 ? 'over' : fraction >= NEAR_LIMIT ? 'near' : 'ok' };
}

export type LimitChange = 'tighten' | 'loosen' | 'same';

/** Off is the loosest value of any limit; otherwise the limit's own direction decides. */
function looseness(value: number | null, higherIsLooser: boolean): number {
  if (value === null) return Number.POSITIVE_INFINITY;
  return higherIsLooser ? value : -value;
}

export function changeOf(limit: Pick<RiskLimitView, 'value' | 'higherIsLooser'>, next: number | null): LimitChange {
  const before = looseness(limit.value, limit.higherIsLooser);
  const after = looseness(next, limit.higherIsLooser);
  return after === before ? 'same' : after > before ? 'loosen' : 'tighten';
}

/** "Loosen maxDailyLoss from $5,000 to $8,000?" — what the confirmation step asks, in plain words. */
export function changeQuestion(limit: Pick<RiskLimitView, 'name' | 'value' | 'unit' | 'higherIsLooser'>, next: number | null): string {
  const change = changeOf(limit, next);
  const from = formatLimitValue(limit.value, limit.unit);
  if (change === 'same') return `Keep ${limit.name} at ${from}?`;
  const verb = change === 'loosen' ? 'Loosen' : 'Tighten';
  if (next === null) return `${verb} ${limit.name}: turn it off (now ${from})?`;
  return `${verb} ${limit.name} from ${from} to ${formatLimitValue(next, limit.unit)}?`;
}

/** The dialog's text field: empty = off (optional limits only), else a finite number ≥ 0 ("8,000" and "$8000" read as 8000). */
export function parseLimitInput(text: string, name: RuntimeRiskLimitName): { ok: true; value: number | null } | { ok: false; error: string } {
  const cleaned = text.replace(/[$,%\s_]/g, '');
  if (cleaned === '') return canTurnOff(name) ? { ok: true, value: null } : { ok: false, error: `${name} cannot be turned off: enter a number` };
  const value = Number(cleaned);
  if (!Number.isFinite(value) || value < 0) return { ok: false, error: `“${text.trim()}” is not a number of 0 or more` };
  return { ok: true, value };
}
