/**
 * New York time, the one helper for the engine, the simulator and the venues: US markets, TWS and Alpha Vantage speak
 * it; the engine keeps epoch ms UTC inside. Wall-clock parts and texts, parsing, and calendar arithmetic on dates.
 */

const formatter = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York', hourCycle: 'h23',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
});

export interface EtParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export function etParts(ts: number): EtParts {
  const p: Record<string, number> = {};
  for (const part of formatter.formatToParts(ts)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year ?? 0, month: p.month ?? 0, day: p.day ?? 0, hour: p.hour ?? 0, minute: p.minute ?? 0, second: p.second ?? 0 };
}

export const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 'YYYY-MM-DD' of ts in New York. */
export function etDate(ts: number): string {
  const p = etParts(ts);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** 'YYYY-MM-DD HH:MM:SS' of ts in New York. */
export function etDateTime(ts: number): string {
  const p = etParts(ts);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Epoch ms of a New York wall-clock time on a 'YYYY-MM-DD' date. */
export function etToUtc(date: string, hour: number, minute = 0, second = 0): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d, hour, minute, second);
  let guess = wall + 5 * 3_600_000;
  for (let i = 0; i < 2; i++) {
    const p = etParts(guess);
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    guess += wall - seen;
  }
  return guess;
}

const zoneFormatter = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'short' });

/** "EST" or "EDT" at ts. */
export function etZoneAbbreviation(ts: number): string {
  return zoneFormatter.formatToParts(ts).find((p) => p.type === 'timeZoneName')?.value ?? 'ET';
}

const INTRADAY = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * "2025-01-03", "2025-01-03 16:00" or "2025-01-03 16:00:00" (New York wall clock, as Alpha Vantage writes market
 * times) to epoch ms; undefined when unreadable. News times are UTC: see newsTime.ts.
 */
export function parseNewYorkTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = INTRADAY.exec(text.trim());
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return undefined;
  return etToUtc(`${y}-${pad(mo!)}-${pad(d!)}`, h!, mi, s);
}

const DAY_MS = 86_400_000;

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

/** The third Friday of a month (standard monthly expiry). */
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
