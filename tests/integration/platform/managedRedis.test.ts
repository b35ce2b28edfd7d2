import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestRedis, tempDir, type TestRedis } from '../../support/testRedis';

describe('managed redis-server', () => {
  let redis: TestRedis | undefined;
  afterEach(async () => redis?.stop());

  it('keeps data across a restart in the same data dir', async () => {
    const dataDir = tempDir();
    redis = await startTestRedis(dataDir);
    await redis.client.xadd('system:halt:audit', '*', 'to', 'HALTED');
    await redis.client.set('kept', 'yes');
    await redis.stop();

    redis = await startTestRedis(dataDir);
    expect(await redis.client.get('kept')).toBe('yes');
    expect(await redis.client.xlen('system:halt:audit')).toBe(1);
  });

  it('runs with AOF everysec, bound to loopback, and refuses clients without the generated password', async () => {
    redis = await startTestRedis();
    expect(await redis.client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await redis.client.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
    expect((await redis.client.config('GET', 'bind'))[1]).toContain('127.0.0.1');
    const anonymous = new Redis(redis.url.replace(/:[^:@]+@/, '@').replace('redis://@', 'redis://'), { lazyConnect: true, maxRetriesPerRequest: 0 });
    anonymous.on('error', () => undefined);
    await anonymous.connect().catch(() => undefined);
    await expect(anonymous.get('kept')).rejects.toThrow(/NOAUTH|Authentication/i);
    anonymous.disconnect();
  });
});
