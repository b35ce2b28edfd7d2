import type { Redis } from 'ioredis';
import type { Bar } from '../market/bar';
import { keys } from '../store/keys';
import { ContractError } from './contract';

/**
 * The `count` newest five-second bars that began before `before` (epoch ms), oldest first, from what
 * market:{symbol}:bars holds (newest first: the last hour).
 */
export async function barsBefore(redis: Redis, symbol: string, before: number, count: number): Promise<Bar[]> {
  let stored: string[];
  try {
    stored = await redis.lrange(keys.market.bars(symbol).key, 0, -1);
  } catch (error) {
    throw new ContractError('UNAVAILABLE', `bar history for ${symbol} is unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
  const older: Bar[] = [];
  for (const text of stored) {
    const bar = JSON.parse(text) as Bar;
    if (bar.time < before) older.push(bar);
    if (older.length === count) break;
  }
  return older.reverse();
}
