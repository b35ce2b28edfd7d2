import type { Redis } from 'ioredis';
import type { Bar } from '../market/bar';
import { keys } from '../store/keys';
import { ContractError } from '../contract/contract';
import { moduleLogger } from '../runtime/logger';

const log = moduleLogger('barHistory');

/** A stored bar, or null (logged) for an entry that is not one: one bad entry must not hide the hour around it. */
function readBar(text: string, symbol: string): Bar | null {
  try {
    const bar = JSON.parse(text) as Bar;
    if (typeof bar?.time === 'number' && Number.isFinite(bar.time)) return bar;
  } catch {
    // not JSON: reported below
  }
  log.warn({ symbol, entry: text.slice(0, 80) }, 'unreadable entry in the bar history skipped');
  return null;
}

/**
 * The `count` newest five-second bars that began before `before` (epoch ms), oldest first, from what
 * market:{symbol}:bar_history holds (newest first: the last hour). Entries that are not bars are skipped and logged.
 */
export async function barsBefore(redis: Redis, symbol: string, before: number, count: number): Promise<Bar[]> {
  let stored: string[];
  try {
    stored = await redis.lrange(keys.market.barHistory(symbol).key, 0, -1);
  } catch (error) {
    throw new ContractError('UNAVAILABLE', `bar history for ${symbol} is unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const older: Bar[] = [];
  for (const text of stored) {
    const bar = readBar(text, symbol);
    if (bar && bar.time < before) older.push(bar);
    if (older.length === count) break;
  }
  return older.reverse();
}
