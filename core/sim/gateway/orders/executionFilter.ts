import { parseNewYorkTime } from '../../../market/newYorkTime';
import type { StoredExecution } from './executionLog';

/** reqExecutions' ExecutionFilter as the gateway read it; empty strings and an unset clientId match everything. */
export interface ExecutionFilterSpec {
  clientId: number | undefined;
  account: string;
  /** "yyyymmdd-hh:mm:ss" (UTC), or "yyyymmdd hh:mm:ss" in New York or with a zone (US/Eastern, EST, UTC, …). */
  time: string;
  symbol: string;
  secType: string;
  exchange: string;
  side: string;
}

const UTC_FORM = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ZONED_FORM = /^(\d{4})(\d{2})(\d{2})\s+(\d{2}):(\d{2})(?::(\d{2}))?(?:\s+(\S+))?$/;
const NEW_YORK_ZONES = new Set(['US/EASTERN', 'AMERICA/NEW_YORK', 'EST', 'EDT', 'EST5EDT', 'ET']);
const UTC_ZONES = new Set(['UTC', 'GMT', 'Z', 'ETC/UTC']);

/** The filter time as epoch ms; undefined for "" (no time filter); an Error naming the problem when unreadable. */
export function parseFilterTime(text: string): number | undefined | Error {
  const t = text.trim();
  if (t === '') return undefined;
  const utc = UTC_FORM.exec(t);
  if (utc) return Date.UTC(+utc[1]!, +utc[2]! - 1, +utc[3]!, +utc[4]!, +utc[5]!, +(utc[6] ?? 0));
  const zoned = ZONED_FORM.exec(t);
  const zone = (zoned?.[7] ?? 'US/Eastern').toUpperCase();
  if (zoned && UTC_ZONES.has(zone)) return Date.UTC(+zoned[1]!, +zoned[2]! - 1, +zoned[3]!, +zoned[4]!, +zoned[5]!, +(zoned[6] ?? 0));
  if (zoned && NEW_YORK_ZONES.has(zone)) {
    const ts = parseNewYorkTime(`${zoned[1]}-${zoned[2]}-${zoned[3]} ${zoned[4]}:${zoned[5]}:${zoned[6] ?? '00'}`);
    if (ts !== undefined) return ts;
  }
  return new Error(`execution filter time "${text}" is not yyyymmdd-hh:mm:ss (UTC) or yyyymmdd hh:mm:ss [US/Eastern|UTC]`);
}

/** True when the execution passes every field of the filter (TWS returns executions at or after the filter time). */
export function matchesFilter(e: StoredExecution, f: ExecutionFilterSpec, since: number | undefined): boolean {
  if (f.clientId !== undefined && e.exec.clientId !== f.clientId) return false;
  if (f.account && e.exec.account.toUpperCase() !== f.account.toUpperCase()) return false;
  if (since !== undefined && e.ts < since) return false;
  if (f.symbol && e.symbol !== f.symbol.toUpperCase()) return false;
  if (f.secType && e.secType !== f.secType.toUpperCase()) return false;
  if (f.exchange && e.exec.exchange.toUpperCase() !== f.exchange.toUpperCase()) return false;
  if (f.side && !sideMatches(e.exec.side, f.side)) return false;
  return true;
}

/** The filter says BUY/SELL (or BOT/SLD); executions say BOT/SLD. */
function sideMatches(execSide: 'BOT' | 'SLD', filterSide: string): boolean {
  const wanted = filterSide.trim().toUpperCase();
  return wanted.startsWith('B') ? execSide === 'BOT' : wanted.startsWith('S') ? execSide === 'SLD' : false;
}
