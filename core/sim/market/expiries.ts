import { addDays, etDate, etParts, etToUtc, isWeekday, nextWeekday, thirdFriday, weekday } from '../../market/newYorkTime';

/** The session date whose options are 0DTE at ts: today until the 16:00 close, else the next weekday. */
export function sessionDate(ts: number): string {
  const today = etDate(ts);
  if (!isWeekday(today)) return nextWeekday(today);
  return etParts(ts).hour >= 16 ? nextWeekday(today) : today;
}

function nextFridays(from: string, count: number): string[] {
  const out: string[] = [];
  let d = addDays(from, (5 - weekday(from) + 7) % 7);
  while (out.length < count) {
    out.push(d);
    d = addDays(d, 7);
  }
  return out;
}

function nextMonthlies(from: string, count: number): string[] {
  const [y, m] = from.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const month = ((m - 1 + i) % 12) + 1;
    const year = y + Math.floor((m - 1 + i) / 12);
    const friday = thirdFriday(year, month);
    if (friday >= from) out.push(friday);
  }
  return out;
}

/**
 * Listed expiries (YYYY-MM-DD) as of a session date. Index ETFs list every weekday (0DTE, 1DTE, …);
 * single names list Fridays only, so their 0DTE exists on Fridays. All get weeklies and three monthlies.
 */
export function listExpiries(session: string, dailyExpiries: boolean): string[] {
  const dates = new Set<string>();
  if (dailyExpiries) {
    let d = session;
    for (let i = 0; i < 5; i++, d = nextWeekday(d)) dates.add(d);
  }
  for (const f of nextFridays(session, 5)) dates.add(f);
  for (const f of nextMonthlies(session, 3)) dates.add(f);
  return [...dates].sort();
}

export function isMonthly(expiry: string): boolean {
  const [y, m] = expiry.split('-').map(Number) as [number, number];
  return thirdFriday(y, m) === expiry;
}

const YEAR_MS = 365 * 86_400_000;
/** Options keep a minute of life to the close so 0DTE greeks stay finite in the last instant. */
const MIN_LIFE_MS = 60_000;

export function expiryTs(expiry: string): number {
  return etToUtc(expiry, 16);
}

export function yearsToExpiry(expiryCloseTs: number, now: number): number {
  return Math.max(expiryCloseTs - now, MIN_LIFE_MS) / YEAR_MS;
}
