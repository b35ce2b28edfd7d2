import { afterEach, describe, expect, test } from 'vitest';
import { RedisBatchWriter, type LatestWrite } from '../../../core/store/redisBatchWriter';
import { connectRedis } from '../../../core/store/redisConnection';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hashWrite(key: string, ttl: number, value: () => Record<string, string>): LatestWrite {
  return { key, ttl, kind: 'hash', produce: value, lastWrittenAt: 0 };
}

describe('Redis batch writer', () => {
  let server: TestRedis | undefined;
  afterEach(async () => server?.stop());

  test('writes a batch in one round trip; a key Redis refuses is counted and the rest of the batch still lands', async () => {
    server = await startTestRedis();
    const client = connectRedis(server.url, 'writer-test');
    await client.connect();
    await client.set('test:wrongtype', 'a string, not a list');
    const writer = new RedisBatchWriter(client);
    writer.markLatest(hashWrite('test:ticker', 60, () => ({ bid: '1.25', ask: '1.26' })));
    writer.push('test:wrongtype', 60, 10, { n: 1 });
    for (let n = 1; n <= 3; n++) writer.push('test:trades', 60, 2, { n });
    await writer.drain();
    expect(writer.stats.roundTrips).toBe(1);
    expect(writer.stats.commandErrors).toBe(2); // its LPUSH and its LTRIM
    expect(await client.hgetall('test:ticker')).toEqual({ bid: '1.25', ask: '1.26' });
    expect(await client.lrange('test:trades', 0, -1)).toEqual(['{"n":3}', '{"n":2}']); // newest first, trimmed
    expect(await client.ttl('test:trades')).toBeGreaterThan(50);
    writer.stop();
    client.disconnect();
  });

  test('a hash written many times a second keeps its TTL and expires that long after its last write', async () => {
    server = await startTestRedis();
    const client = connectRedis(server.url, 'writer-test');
    await client.connect();
    const writer = new RedisBatchWriter(client);
    let n = 0;
    const ticker = hashWrite('test:ticker', 2, () => ({ n: String(n) }));
    const list = { key: 'test:trades', ttl: 2 };
    const started = Date.now();
    while (Date.now() - started < 2_500) {
      n++;
      writer.markLatest(ticker);
      writer.push(list.key, list.ttl, 10, { n });
      await sleep(5);
    }
    await writer.drain();
    // Written for longer than the TTL: the key is still there, with a TTL, and holds the newest value.
    expect(await client.hget('test:ticker', 'n')).toBe(String(n));
    expect(await client.pttl('test:ticker')).toBeGreaterThan(0);
    expect(await client.pttl('test:trades')).toBeGreaterThan(0);
    expect(await client.llen('test:trades')).toBe(10);
    await sleep(2_100);
    expect(await client.exists('test:ticker', 'test:trades')).toBe(0);
    writer.stop();
    client.disconnect();
  });

  test('keys written again after Redis came back empty get their TTL again', async () => {
    server = await startTestRedis();
    const client = connectRedis(server.url, 'writer-test');
    client.on('error', () => undefined);
    server.client.on('error', () => undefined);
    await client.connect();
    const writer = new RedisBatchWriter(client);
    const ticker = hashWrite('test:ticker', 60, () => ({ bid: '1' }));
    writer.markLatest(ticker);
    await writer.drain();
    expect(await client.ttl('test:ticker')).toBeGreaterThan(50);
    await server.server.stop();
    writer.markLatest(ticker); // fails while Redis is away, then waits in the buffer
    await sleep(300);
    await server.server.start();
    await server.client.flushall(); // back, but empty
    for (let i = 0; i < 50 && (await server.client.exists('test:ticker')) === 0; i++) {
      writer.markLatest(ticker);
      await sleep(100);
    }
    expect(await server.client.hget('test:ticker', 'bid')).toBe('1');
    expect(await server.client.ttl('test:ticker')).toBeGreaterThan(50);
    writer.stop();
    client.disconnect();
  });
});
