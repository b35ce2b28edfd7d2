import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { barsBefore } from '../../../core/app/barHistory';
import type { Bar } from '../../../core/market/bar';
import { keys, LIST_LIMITS } from '../../../core/store/keys';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

let redis: TestRedis;
const T0 = Date.UTC(2025, 0, 6, 14, 30);
const bar = (i: number): Bar => ({ symbol: 'SPY', time: T0 + i * 5_000, open: 590, high: 590.1, low: 589.9, close: 590 + i / 100, volume: 100 + i, wap: 590, count: 3 });

beforeAll(async () => {
  redis = await startTestRedis();
  // As the ingestion keeps them: newest first, an hour of bars.
  const key = keys.market.barHistory('SPY').key;
  for (let i = 0; i < LIST_LIMITS.barHistory; i++) await redis.client.lpush(key, JSON.stringify(bar(i)));
});

afterAll(async () => {
  await redis?.stop();
});

describe('chart history from market:{symbol}:bar_history', () => {
  it('keeps an hour of five-second bars, as long as the key lives', () => {
    expect(LIST_LIMITS.barHistory * 5).toBe(keys.market.barHistory('SPY').ttl);
  });

  it('answers the newest bars before a time, oldest first', async () => {
    const older = await barsBefore(redis.client, 'SPY', bar(620).time, 100);
    expect(older.map((b) => b.time)).toEqual(Array.from({ length: 100 }, (_, i) => bar(520 + i).time));
    expect(older[0]).toEqual(bar(520));
  });

  it('answers what there is near the start of the hour, and nothing before the oldest bar', async () => {
    expect((await barsBefore(redis.client, 'SPY', bar(30).time, 100)).map((b) => b.time)).toEqual(Array.from({ length: 30 }, (_, i) => bar(i).time));
    expect(await barsBefore(redis.client, 'SPY', bar(0).time, 100)).toEqual([]);
    expect(await barsBefore(redis.client, 'AAPL', bar(10).time, 100)).toEqual([]);
  });

  it('skips an entry that is not a bar and still answers the bars around it', async () => {
    const key = keys.market.barHistory('QQQ').key;
    const qqq = (i: number) => ({ ...bar(i), symbol: 'QQQ' });
    await redis.client.rpush(key, JSON.stringify(qqq(3)), '{"truncated', JSON.stringify({ note: 'no time' }), JSON.stringify(qqq(2)), JSON.stringify(qqq(1)));
    expect((await barsBefore(redis.client, 'QQQ', bar(10).time, 100)).map((b) => b.time)).toEqual([bar(1).time, bar(2).time, bar(3).time]);
  });
});
