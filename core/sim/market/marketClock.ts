/** US/Eastern calendar arithmetic for the market clock (expiries, session dates, Alpha Vantage times). */

const DAY_MS = 86_400_000;

import { pad } from '../../market/newYorkTime';

export { etDate, etDateTime, etParts, etToUtc, type EtParts } from '../../market/newYorkTime';

/** Calendar arithmetic on 'YYYY-MM-DD' strings (UTC noon avoids any DST edge). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d, 12)).getUTCDay();
}

export function isWeekday(date: string): boolean {
  const w = weekday(date);
  return w !== 0 && w !== 6;
}

export function nextWeekday(date: string): string {
  let d = addDays(date, 1);
  while (!isWeekday(d)) d = addDays(d, 1);
  return d;
}

export function previousWeekday(date: string): string {
  let d = addDays(date, -1);
  while (!isWeekday(d)) d = addDays(d, -1);
  return d;
}

/** The third Friday of the month of `date` (standard monthly expiry). */
export function thirdFriday(year: number, month: number): string {
  const first = `${year}-${pad(month)}-01`;
  const offset = (5 - weekday(first) + 7) % 7;
  return addDays(first, offset + 14);
}

export function isValidDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = Date.parse(`${text}T12:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === text;
}

/** 2025-01-06 09:30 New York, a Monday open: the default market clock start. */
export const DEFAULT_START_TS = Date.UTC(2025, 0, 6, 14, 30);
