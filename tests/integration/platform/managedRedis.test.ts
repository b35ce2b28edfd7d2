import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { alive } from '../../support/processes';
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

  it('keeps its data private: the redis folder 0700, the AOF, RDB and password files 0600, older loose files tightened', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'redis'), { mode: 0o755 });
    fs.writeFileSync(path.join(dataDir, 'redis', 'dump.rdb'), '', { mode: 0o644 });
    redis = await startTestRedis(dataDir);
    await redis.client.set('secret', 'position');
    await redis.client.save();
    const mode = (file: string) => (fs.statSync(path.join(dataDir, file)).mode & 0o777).toString(8);
    expect(mode('redis')).toBe('700');
    expect(mode('redis.password')).toBe('600');
    expect(mode('redis/dump.rdb')).toBe('600');
    const aofDir = path.join(dataDir, 'redis', 'appendonlydir');
    expect(mode('redis/appendonlydir')).toBe('700');
    for (const file of fs.readdirSync(aofDir)) expect([file, mode(`redis/appendonlydir/${file}`)]).toEqual([file, '600']);
  });

  it('leaves alone a process its pid file names when that process is not a redis-server (the pid was reused)', async () => {
    const dataDir = tempDir();
    const stranger = spawn('sleep', ['30']);
    try {
      fs.mkdirSync(path.join(dataDir, 'redis'), { recursive: true });
      fs.writeFileSync(path.join(dataDir, 'redis', 'redis-server.pid'), JSON.stringify({ pid: stranger.pid, port: 6390 }));
      redis = await startTestRedis(dataDir);
      expect(alive(stranger.pid!)).toContain('sleep');
      expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'redis', 'redis-server.pid'), 'utf8'))).toEqual({ pid: redis.server.pid, port: expect.any(Number) });
    } finally {
      stranger.kill('SIGKILL');
    }
  });
});
