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

/** 'YYYYMMDDTHHMMSS' in UTC, the news timestamp format (unlike market times, news times are not US/Eastern). */
export function newsTime(ts: number): string {
  return new Date(ts).toISOString().slice(0, 19).replaceAll('-', '').replaceAll(':', '');
}

/** Parses 'YYYYMMDDTHHMM[SS]' (news time_from/time_to, UTC) into epoch ms, or undefined. */
export function parseNewsTime(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second = 0] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || day! > 31 || hour! > 23 || minute! > 59 || second > 59) return undefined;
  return Date.UTC(year!, month! - 1, day!, hour, minute, second);
}
