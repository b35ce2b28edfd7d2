import { etDateTime } from '../../market/newYorkTime';

/** Alpha Vantage sends numbers as fixed-decimal strings. */
export function fixed(value: number, decimals: number): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '0';
}

export function integer(value: number): string {
  return String(Math.round(value));
}

/** 'YYYY-MM-DD HH:MM:SS' (US/Eastern) for an epoch-seconds bar time. */
export function intradayKey(epochSeconds: number): string {
  return etDateTime(epochSeconds * 1000);
}

/** 'YYYYMMDDTHHMMSS' (US/Eastern), the news timestamp format. */
export function newsTime(ts: number): string {
  return etDateTime(ts).replaceAll('-', '').replace(' ', 'T').replaceAll(':', '');
}

/** Parses 'YYYYMMDDTHHMM' (news time_from/time_to) into its US/Eastern wall-clock parts, or undefined. */
export function parseNewsTime(text: string): { date: string; hour: number; minute: number } | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  if (hour > 23 || minute > 59) return undefined;
  return { date: `${m[1]}-${m[2]}-${m[3]}`, hour, minute };
}
