import { etDate, etParts, etToUtc } from '../../market/newYorkTime';
import type { Timeliness } from '../../market/technicals';

const MINUTE = 60_000;
/** Alpha Vantage's delayed entitlement is 15 minutes behind. */
export const DELAY_MS = 15 * MINUTE;
const INTERVAL_MS: Record<string, number> = { '1min': MINUTE, '5min': 5 * MINUTE, '15min': 15 * MINUTE, '30min': 30 * MINUTE, '60min': 60 * MINUTE };

export function intradayIntervalMs(interval: string): number | undefined {
  return INTERVAL_MS[interval];
}

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The regular session (09:30–16:00 New York, weekdays; holidays are not known) is open at `now`. */
export function regularSessionOpen(now: number): boolean {
  const date = etDate(now);
  return isWeekday(date) && now >= etToUtc(date, 9, 30) && now < etToUtc(date, 16);
}

/** 16:00 New York of the last weekday whose session has closed by `now`. */
export function lastRegularClose(now: number): number {
  let date = etDate(now);
  const { hour } = etParts(now);
  if (isWeekday(date) && hour >= 16) return etToUtc(date, 16);
  do date = new Date(Date.parse(`${date}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  while (!isWeekday(date));
  return etToUtc(date, 16);
}

/**
 * How current an intraday series is, judged from its newest point, not from when the call returned: within two bars
 * (and a minute) of now it is current; within the 15-minute delay of that, delayed; older, it is behind — typically
 * end-of-day data (no `entitlement`, or a plan without intraday data) silently stopping at the previous session. Out
 * of the regular session a series that reaches the last close is current: nothing newer exists.
 */
export function judgeSeries(newestPointTs: number, interval: string, now: number): Timeliness {
  const intervalMs = intradayIntervalMs(interval);
  if (intervalMs === undefined) return 'current'; // daily and longer: one point a session
  const allowed = 2 * intervalMs + MINUTE;
  const lag = now - newestPointTs;
  if (lag <= allowed) return 'current';
  if (!regularSessionOpen(now) && newestPointTs >= lastRegularClose(now) - intervalMs) return 'current';
  return lag <= DELAY_MS + allowed ? 'delayed' : 'behind';
}
