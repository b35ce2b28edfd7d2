import { etToUtc, pad } from '../../market/newYorkTime';

/** Alpha Vantage writes market times in US/Eastern; inside the engine every timestamp is epoch ms UTC. */
const INTRADAY = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/;

/** "2025-01-03", "2025-01-03 16:00" or "2025-01-03 16:00:00" (US/Eastern) to epoch ms; undefined when unreadable. */
export function parseEasternTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = INTRADAY.exec(text.trim()) ?? COMPACT.exec(text.trim());
  if (!match) return undefined;
  const [y, mo, d, h, mi, s] = match.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > 31 || h! > 23 || mi! > 59 || s! > 59) return undefined;
  return etToUtc(`${y}-${pad(mo!)}-${pad(d!)}`, h!, mi, s);
}
