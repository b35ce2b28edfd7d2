import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { redisPassword } from './redisPassword';
import { removeRedisPidFile, stopLeftoverRedis, writeRedisPidFile } from './redisPidFile';

export interface ManagedRedisOptions {
  /** Folder that holds redis data (AOF, RDB) and the generated password. */
  dataDir: string;
  port: number;
  /** Path to redis.conf; the managed process always adds port, dir and password on the command line. */
  confPath: string;
  redisServerPath?: string;
  startTimeoutMs?: number;
}

export class RedisServerMissingError extends Error {
  constructor() {
    super('redis-server was not found on PATH. Install it with: sudo apt-get install -y redis-server');
  }
}

/** Finds redis-server on PATH; null when it is not installed. */
export function findRedisServer(): string | null {
  const result = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : null;
}

/** Redis data is private to the user: the folder 0700, every file in it 0600 (also those of older versions). */
function makePrivate(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const entryPath = path.join(dir, entry.name);
    if (entry.isDirectory()) makePrivate(entryPath);
    else if (entry.isFile()) fs.chmodSync(entryPath, 0o600);
  }
}

/** The last lines redis-server printed, indented, with the password blanked out. */
function redisSaid(output: string, password: string): string {
  const lines = output.replaceAll(password, '***').trim().split('\n').slice(-8);
  return `redis-server said:\n${lines.map((line) => `  ${line}`).join('\n')}`;
}

/** A redis-server child process owned by the app: started inside the data dir, stopped cleanly on exit. */
export class ManagedRedis {
  private child: ChildProcess | null = null;
  private readonly password: string;
  private readonly dir: string;
  private readonly pidFile: string;
  private lastOutput = '';
  private exitListener: ((code: number | null) => void) | undefined;

  constructor(private readonly options: ManagedRedisOptions) {
    this.password = redisPassword(options.dataDir);
    this.dir = path.join(options.dataDir, 'redis');
    this.pidFile = path.join(this.dir, 'redis-server.pid');
  }

  get url(): string {
    return `redis://:${this.password}@127.0.0.1:${this.options.port}/0`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Called when redis-server exits without being asked to. */
  onExit(listener: (code: number | null) => void): void {
    this.exitListener = listener;
  }

  async start(): Promise<void> {
    const binary = this.options.redisServerPath ?? findRedisServer();
    if (!binary) throw new RedisServerMissingError();
    makePrivate(this.dir);
    await stopLeftoverRedis(this.pidFile, this.password);
    const args = [this.options.confPath, '--port', String(this.options.port), '--dir', this.dir, '--requirepass', this.password];
    // umask 077: the AOF and RDB files redis-server creates are readable by this user only.
    const child = spawn('sh', ['-c', 'umask 077 && exec "$0" "$@"', binary, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.lastOutput = '';
    if (child.pid) writeRedisPidFile(this.pidFile, { pid: child.pid, port: this.options.port });
    // If the engine exits without a clean stop, redis-server must not outlive it (kill -9 is handled at the next start).
    const killOnExit = () => child.kill('SIGTERM');
    process.once('exit', killOnExit);
    child.once('exit', () => process.off('exit', killOnExit));
    const remember = (chunk: Buffer) => (this.lastOutput = (this.lastOutput + chunk.toString()).slice(-4000));
    child.stdout?.on('data', remember);
    child.stderr?.on('data', remember);
    child.once('exit', (code) => {
      if (this.child === child) this.exitListener?.(code);
    });
    await this.waitUntilReady(child, this.options.startTimeoutMs ?? 15_000);
  }

  private async waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<void> {
    const outputEnded = new Promise((resolve) => child.once('close', resolve));
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        await Promise.race([outputEnded, new Promise((r) => setTimeout(r, 1_000))]); // its last words may still be in the pipe
        throw this.startFailure(child);
      }
      if (await this.childAnswers(child)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.stop();
    throw new Error(`redis-server did not answer on port ${this.options.port} within ${timeoutMs} ms\n${redisSaid(this.lastOutput, this.password)}`);
  }

  private startFailure(child: ChildProcess): Error {
    removeRedisPidFile(this.pidFile, child.pid);
    const reason = /Address already in use/i.test(this.lastOutput)
      ? `port ${this.options.port} is in use; choose another redis.port in the config file, or stop the program that uses it`
      : `redis-server exited with ${child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode} on port ${this.options.port}`;
    return new Error(`${reason}\n${redisSaid(this.lastOutput, this.password)}`);
  }

  /** Ready when the server on the port is this child: another Redis there (a leftover, another app) is not it. */
  private async childAnswers(child: ChildProcess): Promise<boolean> {
    const probe = new Redis(this.url, {
      lazyConnect: true,
      connectTimeout: 1_000,
      commandTimeout: 1_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      const info = await probe.info('server');
      return Number(/process_id:(\d+)/.exec(info)?.[1]) === child.pid;
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }

  /** Asks redis to persist and exit (SIGTERM does a clean shutdown); kills it if it does not exit in time. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      if (child) removeRedisPidFile(this.pidFile, child.pid);
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    removeRedisPidFile(this.pidFile, child.pid);
  }
}
