import { etDate, etDateTime, etParts, etToUtc, isWeekday, nextWeekday } from '../../../market/newYorkTime';

/**
 * US equity sessions in New York time, weekdays only (exchange holidays are not simulated): pre-market 04:00–09:30,
 * regular 09:30–16:00, after hours 16:00–20:00; closed otherwise and at weekends.
 */
export type MarketPhase = 'closed' | 'preMarket' | 'regular' | 'afterHours';

/** 'enforced': the sessions above; 'always-open': the venue never closes (only the 16:00 close auction remains). */
export type TradingHoursMode = 'enforced' | 'always-open';

/** Session boundaries as minutes after New York midnight. */
export const PRE_OPEN = 4 * 60;
export const OPEN = 9 * 60 + 30;
/** MOC/LOC orders must arrive before 15:50 (Nasdaq's cut-off for the closing cross). */
export const AUCTION_CUTOFF = 15 * 60 + 50;
export const CLOSE = 16 * 60;
export const AFTER_HOURS_CLOSE = 20 * 60;

function minuteOfDay(ts: number): number {
  const p = etParts(ts);
  return p.hour * 60 + p.minute + p.second / 60;
}

export function phaseAt(ts: number): MarketPhase {
  if (!isWeekday(etDate(ts))) return 'closed';
  const m = minuteOfDay(ts);
  if (m < PRE_OPEN || m >= AFTER_HOURS_CLOSE) return 'closed';
  if (m < OPEN) return 'preMarket';
  return m < CLOSE ? 'regular' : 'afterHours';
}

/** True from the MOC/LOC cut-off (15:50) to the close (16:00) on a weekday. */
export function inAuctionCutoff(ts: number): boolean {
  if (!isWeekday(etDate(ts))) return false;
  const m = minuteOfDay(ts);
  return m >= AUCTION_CUTOFF && m < CLOSE;
}

/** Epoch ms of `minutes` after New York midnight on a date. */
export function atMinute(date: string, minutes: number): number {
  return etToUtc(date, Math.floor(minutes / 60), minutes % 60);
}

/** The next regular open (09:30 New York on a weekday) at or after ts. */
export function nextRegularOpen(ts: number): number {
  const today = etDate(ts);
  const open = atMinute(today, OPEN);
  if (isWeekday(today) && ts <= open) return open;
  return atMinute(nextWeekday(today), OPEN);
}

/** "YYYY-MM-DD HH:MM:SS US/Eastern", as TWS writes times in order warnings. */
export function easternText(ts: number): string {
  return `${etDateTime(ts)} US/Eastern`;
}
