/** New York wall-clock time: US markets, TWS and Alpha Vantage speak it; the engine keeps epoch ms UTC inside. */

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
