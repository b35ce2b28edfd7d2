import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from '../runtime/processInfo';

/** What the lock file says about the engine that holds the data dir. */
export interface LockHolder {
  pid: number;
  /** The web bridge's port; null in the desktop app (no web bridge) and until the bridge listens. */
  webPort: number | null;
  /** The managed redis-server's port; null with an external Redis (REDIS_URL). */
  redisPort: number | null;
  startedAt: string;
}

/** A second engine on a data dir that a live engine holds. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const ports = [`web port ${holder.webPort ?? 'none (desktop app)'}`, `Redis port ${holder.redisPort ?? 'none (external Redis)'}`];
    super(
      `data dir ${dataDir} is in use by another AlphaTrader engine (pid ${holder.pid}, ${ports.join(', ')}); ` +
        'stop that engine first, or start this one with another --data-dir',
    );
    this.name = 'DataDirLockedError';
  }
}

const LOCK_FILE = 'engine.lock';
/** Lock files this process holds: a second engine in the same process is refused like one in another process. */
const heldHere = new Set<string>();

function readHolder(file: string): LockHolder | null {
  try {
    const holder = JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && holder.pid > 0 ? holder : null;
  } catch {
    return null;
  }
}

function isLive(file: string, holder: LockHolder | null): holder is LockHolder {
  if (!holder) return false;
  return holder.pid === process.pid ? heldHere.has(file) : isProcessAlive(holder.pid);
}

function writeFileAtomically(file: string, holder: LockHolder, commit: (tmp: string) => void): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(holder) + '\n', { mode: 0o600 });
  try {
    commit(tmp);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * One engine per data dir. `<data-dir>/engine.lock` holds the engine's pid and ports. It is created complete
 * (written aside, then hard-linked into place, which fails if the name exists), so a reader never sees half a
 * lock. A lock whose pid is gone (the engine was killed with -9) is stale and taken over.
 */
export class DataDirLock {
  private released = false;
  private readonly releaseOnExit = () => this.release();

  private constructor(
    readonly file: string,
    private holder: LockHolder,
  ) {
    heldHere.add(file);
    process.once('exit', this.releaseOnExit);
  }

  static acquire(dataDir: string, ports: Pick<LockHolder, 'webPort' | 'redisPort'>): DataDirLock {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(dataDir, LOCK_FILE);
    const holder: LockHolder = { pid: process.pid, ...ports, startedAt: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileAtomically(file, holder, (tmp) => fs.linkSync(tmp, file));
        return new DataDirLock(file, holder);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = readHolder(file);
      if (isLive(file, current)) throw new DataDirLockedError(dataDir, current);
      fs.rmSync(file, { force: true }); // stale: its engine is gone
    }
    throw new Error(`could not take the lock ${file}: another engine keeps creating it`);
  }

  /** Records ports known only once the engine runs (the web bridge's port when it was 0). */
  update(ports: Partial<Pick<LockHolder, 'webPort' | 'redisPort'>>): void {
    if (this.released) return;
    this.holder = { ...this.holder, ...ports };
    writeFileAtomically(this.file, this.holder, (tmp) => fs.renameSync(tmp, this.file));
  }

  /** Removes the lock if it is still this process's; safe to call twice and from an exit handler. */
  release(): void {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.file);
    process.off('exit', this.releaseOnExit);
    if (readHolder(this.file)?.pid === process.pid) fs.rmSync(this.file, { force: true });
  }
}
