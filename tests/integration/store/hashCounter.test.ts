import type { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { BadInputCounter } from '../../../core/store/badInputCounter';
import { keys } from '../../../core/store/keys';
import { connectRedis } from '../../../core/store/redisConnection';
import { eventually } from '../../support/eventually';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

let redis: TestRedis;
let client: Redis;

beforeEach(async () => {
  redis = await startTestRedis();
  client = connectRedis(redis.url, 'counter-test');
  await client.connect();
});

afterEach(async () => {
  client.disconnect();
  await redis.stop();
});

const counts = () => redis.client.hgetall(keys.monitoring.badInput.key);

it('keeps the counts of bad input seen while redis-server is down (kill -9) and writes each once when it is back', async () => {
  const counter = new BadInputCounter(client, 50);
  counter.add('ibkr');
  await eventually('the first count written', async () => (await counts()).ibkr === '1');

  client.on('error', () => undefined);
  redis.client.on('error', () => undefined);
  process.kill(redis.server.pid!, 'SIGKILL');
  await eventually('the client to notice Redis is gone', () => client.status !== 'ready', 10_000, 10);
  counter.add('ibkr', 2);
  counter.add('alphavantage');
  await new Promise((resolve) => setTimeout(resolve, 600)); // several flushes fail meanwhile

  await redis.server.start();
  await eventually('the counts written after the restart', async () => (await counts()).alphavantage === '1', 10_000);
  await new Promise((resolve) => setTimeout(resolve, 500)); // no second write of the same counts
  expect(await counts()).toEqual({ ibkr: '3', alphavantage: '1' });
  counter.stop();
}, 30_000);
