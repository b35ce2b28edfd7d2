import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLock, DataDirLockedError } from '../../../core/app/dataDirLock';
import { tempDir } from '../../support/testRedis';

const held: DataDirLock[] = [];
afterEach(() => held.splice(0).forEach((lock) => lock.release()));

function acquire(dataDir: string, webPort: number | null = 8600): DataDirLock {
  const lock = DataDirLock.acquire(dataDir, { webPort, redisPort: 6390 });
  held.push(lock);
  return lock;
}

function writeLock(dataDir: string, pid: number): void {
  fs.writeFileSync(path.join(dataDir, 'engine.lock'), JSON.stringify({ pid, webPort: 9000, redisPort: 6391, startedAt: 'earlier' }));
}

const lockFile = (dataDir: string) => JSON.parse(fs.readFileSync(path.join(dataDir, 'engine.lock'), 'utf8')) as { pid: number; webPort: number };

describe('the data dir lock', () => {
  it('refuses a data dir whose lock names a live process, naming its pid and ports', () => {
    const dataDir = tempDir();
    const other = spawn('sleep', ['30']);
    try {
      writeLock(dataDir, other.pid!);
      expect(() => acquire(dataDir)).toThrow(DataDirLockedError);
      expect(() => acquire(dataDir)).toThrow(`is in use by another AlphaTrader engine (pid ${other.pid}, web port 9000, Redis port 6391)`);
      expect(lockFile(dataDir).pid).toBe(other.pid);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over a lock left by an engine that was killed with -9 (its pid is gone), or one that is garbage', () => {
    const dataDir = tempDir();
    writeLock(dataDir, spawnSync('true').pid); // that process has exited
    acquire(dataDir).release();
    fs.writeFileSync(path.join(dataDir, 'engine.lock'), '');
    acquire(dataDir);
    expect(lockFile(dataDir)).toMatchObject({ pid: process.pid, webPort: 8600 });
  });

  it('refuses a second engine in the same process, records the bound web port, and frees the dir on release', () => {
    const dataDir = tempDir();
    const lock = acquire(dataDir, 0);
    expect(() => acquire(dataDir)).toThrow(`pid ${process.pid}`);
    lock.update({ webPort: 41234 });
    expect(lockFile(dataDir).webPort).toBe(41234);
    lock.release();
    expect(fs.existsSync(path.join(dataDir, 'engine.lock'))).toBe(false);
    acquire(dataDir);
  });
});
