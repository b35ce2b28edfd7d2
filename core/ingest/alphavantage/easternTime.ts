/** Alpha Vantage writes market times in US/Eastern; inside the engine every timestamp is epoch ms UTC. */
const NEW_YORK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** New York's offset from UTC at an instant, in ms (e.g. -5 h in winter). */
function newYorkOffsetMs(utcMs: number): number {
  const parts = Object.fromEntries(NEW_YORK.formatToParts(utcMs).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** Wall-clock fields in New York to epoch ms, across daylight-saving changes. */
export function easternToUtc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const guess = wall - newYorkOffsetMs(wall);
  return wall - newYorkOffsetMs(guess);
}

const INTRADAY = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/;

/** "2025-01-03", "2025-01-03 16:00" or "2025-01-03 16:00:00" (US/Eastern) to epoch ms; undefined when unreadable. */
export function parseEasternTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = INTRADAY.exec(text.trim()) ?? COMPACT.exec(text.trim());
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return undefined;
  return easternToUtc(y!, mo!, d!, h, mi, s);
}
