import { afterAll, beforeAll, expect, test } from 'vitest';
import { IngestMetrics } from '../../../core/venues/ibkr/data/ingestMetrics';
import { MarketDataPublisher } from '../../../core/venues/ibkr/data/marketDataPublisher';
import { createEngineBus } from '../../../core/bus/catalogue';
import { MarketDataWriter } from '../../../core/store/marketDataWriter';
import { RedisBatchWriter } from '../../../core/store/redisBatchWriter';
import type { Bar } from '../../../core/market/bar';
import { keys, LIST_LIMITS } from '../../../core/store/keys';
import { connectRedis } from '../../../core/store/redisConnection';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

const T0 = Date.UTC(2025, 0, 6, 14, 30);
const bar = (i: number): Bar => ({ symbol: 'AAPL', time: T0 + i * 5_000, open: 190, high: 190.2, low: 189.9, close: 190.1, volume: 500 + i, wap: 190.05, count: 12 });

test('market:{symbol}:bars keeps the last 100 bars; market:{symbol}:bar_history keeps the hour the chart scrolls back through', async () => {
  const client = connectRedis(redis.url, 'bar-lists-test');
  await client.connect();
  const writer = new RedisBatchWriter(client);
  const symbols = [{ symbol: 'AAPL', dataClass: 'standard' as const }];
  const bus = createEngineBus();
  const storeWriter = new MarketDataWriter(bus, writer, symbols);
  await storeWriter.start();
  const publisher = new MarketDataPublisher(symbols, bus, new IngestMetrics(), { reportBadInput: () => undefined, onBookBroken: () => undefined });
  const total = LIST_LIMITS.barHistory + 30; // more than an hour of bars
  for (let i = 0; i < total; i++) {
    publisher.onBar('AAPL', bar(i), T0 + i * 5_000);
    if (i % 100 === 99) await writer.drain();
  }
  await writer.drain();
  const times = async (key: string) => (await redis.client.lrange(key, 0, -1)).map((text) => (JSON.parse(text) as Bar).time);
  const newestFirst = (count: number) => Array.from({ length: count }, (_, i) => bar(total - 1 - i).time);
  expect(await times(keys.market.bars('AAPL').key)).toEqual(newestFirst(100));
  expect(await times(keys.market.barHistory('AAPL').key)).toEqual(newestFirst(720));
  expect(await redis.client.ttl(keys.market.barHistory('AAPL').key)).toBeGreaterThan(3500);
  writer.stop();
  await storeWriter.stop();
  client.disconnect();
});
