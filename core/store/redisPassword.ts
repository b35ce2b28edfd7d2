import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The password file in the data dir is empty: a managed redis-server would run without a password. */
export class EmptyRedisPasswordError extends Error {
  constructor(readonly file: string) {
    super(`${file} is empty, so redis-server would run without a password; delete the file and AlphaTrader generates a new one`);
    this.name = 'EmptyRedisPasswordError';
  }
}

/**
 * Reads the password kept in `<data-dir>/redis.password`, generating it on first use. The file is written
 * aside and renamed into place, so a crash never leaves an empty one; an empty one is refused, never used.
 */
export function redisPassword(dataDir: string): string {
  const file = path.join(dataDir, 'redis.password');
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    const password = fs.readFileSync(file, 'utf8').trim();
    if (!password) throw new EmptyRedisPasswordError(file);
    return password;
  }
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const password = randomBytes(24).toString('hex');
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, password + '\n');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return password;
}
