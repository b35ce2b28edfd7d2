import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';

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

/** Reads the password kept in the data dir, generating it on first use. */
export function redisPassword(dataDir: string): string {
  const file = path.join(dataDir, 'redis.password');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(24).toString('hex');
  fs.writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/** A redis-server child process owned by the app: started inside the data dir, stopped cleanly on exit. */
export class ManagedRedis {
  private child: ChildProcess | null = null;
  private readonly password: string;
  private lastOutput = '';
  private exitListener: ((code: number | null) => void) | undefined;

  constructor(private readonly options: ManagedRedisOptions) {
    this.password = redisPassword(options.dataDir);
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
    const dir = path.join(this.options.dataDir, 'redis');
    fs.mkdirSync(dir, { recursive: true });
    const args = [this.options.confPath, '--port', String(this.options.port), '--dir', dir, '--requirepass', this.password];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // If the engine dies without a clean stop, redis-server must not outlive it.
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
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`redis-server exited with code ${child.exitCode} on port ${this.options.port}:\n${this.lastOutput}`);
      }
      if (await this.answersPing()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.stop();
    throw new Error(`redis-server did not answer on port ${this.options.port} within ${timeoutMs} ms:\n${this.lastOutput}`);
  }

  private async answersPing(): Promise<boolean> {
    const probe = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
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
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}
