/**
 * Alpha Vantage sends numbers as strings ("450.00", "600.000000", "0.18213") and sometimes as JSON numbers.
 * Both become finite numbers here; anything else (empty, "None", "-", NaN) is undefined, never 0.
 */
export function avNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** A non-negative count (size, volume, open interest); AV writes "25", 25 or "25.0". */
export function avCount(value: unknown): number | undefined {
  const parsed = avNumber(value);
  return parsed !== undefined && parsed >= 0 ? Math.round(parsed) : undefined;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date YYYY-MM-DD that exists (2025-02-30 does not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A number as a short canonical text ("450.00" and "450" both give "450"): the key of a strike. */
export function numberKey(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}
