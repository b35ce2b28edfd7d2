import fs from 'node:fs';
import { Redis } from 'ioredis';
import { moduleLogger } from '../runtime/logger';
import { isProcessAlive, processCommand, waitForProcessExit } from '../runtime/processInfo';

/** `<data-dir>/redis/redis-server.pid`: which redis-server the engine started for this data dir, and its port. */
export interface RedisPidRecord {
  pid: number;
  port: number;
}

const log = moduleLogger('managedRedis');

export function writeRedisPidFile(file: string, record: RedisPidRecord): void {
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(record) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readRedisPidFile(file: string): RedisPidRecord | null {
  try {
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as RedisPidRecord;
    return Number.isInteger(record.pid) && record.pid > 0 && Number.isInteger(record.port) ? record : null;
  } catch {
    return null;
  }
}

/** Removes the pid file if it still names `pid` (a later start may have written its own). */
export function removeRedisPidFile(file: string, pid: number | undefined): void {
  if (readRedisPidFile(file)?.pid === pid) fs.rmSync(file, { force: true });
}

/** Sends SHUTDOWN (Redis writes its AOF and RDB, then exits) if the server on `port` is the process `pid`. */
async function askToShutDown(record: RedisPidRecord, password: string): Promise<boolean> {
  const client = new Redis({
    host: '127.0.0.1',
    port: record.port,
    password,
    lazyConnect: true,
    connectTimeout: 2_000,
    commandTimeout: 5_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const info = await client.info('server');
    if (Number(/process_id:(\d+)/.exec(info)?.[1]) !== record.pid) return false;
    await client.call('SHUTDOWN').catch(() => undefined); // on success Redis closes the connection without a reply
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // it exited meanwhile
  }
}

/**
 * An engine killed with -9 leaves its redis-server running. Before a new one starts, the one this data dir's
 * pid file names is shut down cleanly (SHUTDOWN, or SIGTERM, which Redis also treats as a clean shutdown).
 * A pid file whose process is gone, or is no longer a redis-server, is just removed.
 */
export async function stopLeftoverRedis(file: string, password: string, timeoutMs = 30_000): Promise<void> {
  const record = readRedisPidFile(file);
  if (record && isProcessAlive(record.pid) && processCommand(record.pid).includes('redis-server')) {
    log.warn(record, 'a redis-server left running by an earlier engine on this data dir: shutting it down');
    if (!(await askToShutDown(record, password))) signal(record.pid, 'SIGTERM');
    if (!(await waitForProcessExit(record.pid, timeoutMs))) {
      throw new Error(
        `the redis-server an earlier engine left running on this data dir (pid ${record.pid}, port ${record.port}) ` +
          `did not shut down within ${timeoutMs / 1000} s; stop it (kill ${record.pid}) and start again`,
      );
    }
    log.info(record, 'the leftover redis-server has shut down');
  }
  fs.rmSync(file, { force: true });
}
