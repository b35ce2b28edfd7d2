import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../core/store/freePort';
import { ManagedRedis } from '../../core/store/managedRedis';

export interface TestRedis {
  url: string;
  dataDir: string;
  server: ManagedRedis;
  client: Redis;
  stop(): Promise<void>;
}

export const redisConfPath = path.resolve('config/redis.conf');

export function tempDir(prefix = 'alphatrader-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A real redis-server on a free port in a temporary directory, with the app's redis.conf. */
export async function startTestRedis(dataDir = tempDir()): Promise<TestRedis> {
  const server = new ManagedRedis({ dataDir, port: await freePort(), confPath: redisConfPath });
  await server.start();
  const client = new Redis(server.url);
  return {
    url: server.url,
    dataDir,
    server,
    client,
    async stop() {
      client.disconnect();
      await server.stop();
    },
  };
}
