import { etParts, pad } from '../../../market/newYorkTime';

/** "YYYYMMDD HH:mm:ss US/Eastern", the form TWS uses for executions and intraday bars. */
export function twsDateTime(epochMs: number): string {
  const p = etParts(epochMs);
  return `${p.year}${pad(p.month)}${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)} US/Eastern`;
}

/** "YYYYMMDD" in New York. */
export function twsDate(epochMs: number): string {
  const p = etParts(epochMs);
  return `${p.year}${pad(p.month)}${pad(p.day)}`;
}

/** "HH:mm" in New York (ACCT_UPDATE_TIME). */
export function twsClock(epochMs: number): string {
  const p = etParts(epochMs);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}
