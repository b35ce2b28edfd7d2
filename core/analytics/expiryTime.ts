/**
 * Time to expiry for option analytics: listed US options stop trading at 16:00 New York time on their expiry date,
 * and the year is 365 calendar days (the same calendar-time convention as theta per calendar day).
 */
import type { ExpiryBucket } from '../market/gammaExposureReading';
import { etDate, etToUtc } from '../market/newYorkTime';

export type { ExpiryBucket } from '../market/gammaExposureReading';

const YEAR_MS = 365 * 86_400_000;
const DAY_MS = 86_400_000;

/** Buckets by calendar days from today (New York) to expiry. They nest: ≤ 7 days holds 0DTE and 1DTE, `all` holds every expiry. */
export const EXPIRY_BUCKETS: readonly ExpiryBucket[] = ['0dte', '1dte', 'upTo7d', 'upTo35d', 'all'];

export function bucketsOf(calendarDays: number): ExpiryBucket[] {
  const buckets: ExpiryBucket[] = [];
  if (calendarDays === 0) buckets.push('0dte');
  if (calendarDays === 1) buckets.push('1dte');
  if (calendarDays <= 7) buckets.push('upTo7d');
  if (calendarDays <= 35) buckets.push('upTo35d');
  buckets.push('all');
  return buckets;
}

export interface ExpiryClock {
  /** Years from now to the 16:00 New York close of `expiry` (≤ 0 once it has passed). */
  years(expiry: string): number;
  /** Calendar days from today in New York to `expiry`. */
  calendarDays(expiry: string): number;
}

/** A clock fixed at `now` that remembers each expiry it has seen (a chain has tens of expiries, thousands of contracts). */
export function expiryClock(now: number): ExpiryClock {
  const today = Date.parse(`${etDate(now)}T00:00:00Z`);
  const years = new Map<string, number>();
  const days = new Map<string, number>();
  return {
    years(expiry) {
      let y = years.get(expiry);
      if (y === undefined) years.set(expiry, (y = (etToUtc(expiry, 16) - now) / YEAR_MS));
      return y;
    },
    calendarDays(expiry) {
      let d = days.get(expiry);
      if (d === undefined) days.set(expiry, (d = Math.round((Date.parse(`${expiry}T00:00:00Z`) - today) / DAY_MS)));
      return d;
    },
  };
}
