/**
 * The NYSE calendar for 2025–2027, hard-coded from the exchange's published holiday and early-close schedule
 * (nyse.com, "Holidays & Trading Hours"): regular hours 09:30–16:00 New York time, 13:00 on half days. A date
 * outside these years is taken as a regular weekday (weekends closed): extend the lists when the NYSE publishes
 * the next years.
 */
import { etDate, etParts, etToUtc } from './newYorkTime';

export const NYSE_HOLIDAYS: ReadonlySet<string> = new Set([
  // 2025 (Jan 9: national day of mourning for President Carter)
  '2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26', '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25',
  // 2026 (Jul 3: Independence Day observed)
  '2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25',
  // 2027 (Jun 18, Jul 5, Dec 24: observed)
  '2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24',
]);

/** Early closes at 13:00 New York time. */
export const NYSE_HALF_DAYS: ReadonlySet<string> = new Set(['2025-07-03', '2025-11-28', '2025-12-24', '2026-11-27', '2026-12-24', '2027-11-26']);

export interface TradingSession {
  date: string;
  /** Epoch ms of the opening and closing bell. */
  open: number;
  close: number;
  halfDay: boolean;
}

/** The last answer, by minute: the order gate asks at every order and the time-zone formatter is not cheap. */
let cached: { minute: number; session: TradingSession | null } = { minute: NaN, session: null };

/** The regular session of ts's New York date, or null on a weekend or holiday. */
export function nyseSession(ts: number): TradingSession | null {
  const minute = Math.floor(ts / 60_000);
  if (cached.minute !== minute) cached = { minute, session: sessionOf(ts) };
  return cached.session;
}

function sessionOf(ts: number): TradingSession | null {
  const date = etDate(ts);
  const { year, month, day } = etParts(ts);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 0 || weekday === 6 || NYSE_HOLIDAYS.has(date)) return null;
  const halfDay = NYSE_HALF_DAYS.has(date);
  return { date, open: etToUtc(date, 9, 30), close: etToUtc(date, halfDay ? 13 : 16), halfDay };
}

/** Whether ts falls inside the regular session of its day. */
export function inRegularHours(ts: number): boolean {
  const session = nyseSession(ts);
  return session !== null && ts >= session.open && ts < session.close;
}
