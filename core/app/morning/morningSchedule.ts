/** When the morning analysis runs by itself: at a New York wall-clock time on NYSE trading days (not weekends or holidays). */
import { NYSE_HOLIDAYS } from '../../market/marketCalendar';
import { addDays, etDate, etToUtc, isWeekday } from '../../market/newYorkTime';

export function isTradingDay(date: string): boolean {
  return isWeekday(date) && !NYSE_HOLIDAYS.has(date);
}

/** "08:30" as hours and minutes (the config schema has checked the form). */
export function clockTime(text: string): { hour: number; minute: number } {
  const [hour, minute] = text.split(':').map(Number) as [number, number];
  return { hour, minute };
}

/** The first `time` (New York) on a trading day strictly after `now`, epoch ms. */
export function nextMorningRun(now: number, time: string): number {
  const { hour, minute } = clockTime(time);
  let date = etDate(now);
  for (let i = 0; i < 15; i++, date = addDays(date, 1)) {
    const at = etToUtc(date, hour, minute);
    if (at > now && isTradingDay(date)) return at;
  }
  throw new Error(`no trading day within 15 days of ${new Date(now).toISOString()}`);
}

/** The trading day an analysis made at `now` prepares: today's if it is one and the close has not passed, else the next. */
export function preparedTradingDay(now: number): string {
  let date = etDate(now);
  if (now >= etToUtc(date, 16, 0)) date = addDays(date, 1);
  while (!isTradingDay(date)) date = addDays(date, 1);
  return date;
}
