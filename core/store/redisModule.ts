import path from 'node:path';
import type { Redis } from 'ioredis';
import { withDeadline } from '../runtime/deadline';
import type { EngineModule, ModuleContext } from '../runtime/supervisor';
import { ManagedRedis } from './managedRedis';
import { connectRedis, isRedisReady, whenReady } from './redisConnection';

export interface RedisModuleOptions {
  /** An external Redis (REDIS_URL); when absent the module runs its own redis-server in the data dir. */
  externalUrl: string | undefined;
  dataDir: string;
  port: number;
  confPath: string;
  /** A connection with commands waiting that hears nothing this long is dropped and reopened (SOCKET_TIMEOUT_MS). */
  socketTimeoutMs?: number;
}

/** A restarted redis-server must answer the engine's client within this (its reconnect backoff is at most 2 s). */
const RECONNECT_TIMEOUT_MS = 10_000;
/** redis-server gets this long to write its AOF and exit on SIGTERM before it is killed (under the supervisor's 10 s). */
const MANAGED_STOP_MS = 7_000;
const QUIT_TIMEOUT_MS = 1_000;
const REOPEN_DELAY_MS = 500;

/**
 * Owns the Redis the engine uses: the managed redis-server process (unless external) and the client.
 * The client lives as long as the engine: a restart of this module restarts redis-server only, and the client
 * reconnects by itself (ioredis retries for as long as it is not closed) whenever Redis answers again. Only
 * `close()`, the engine's last step, ends it.
 */
export class RedisModule implements EngineModule {
  readonly name = 'redis';
  readonly client: Redis;
  private readonly managed: ManagedRedis | null;
  private started = false;
  private closing = false;
  private readyCount = 0;

  constructor(options: RedisModuleOptions) {
    this.managed = options.externalUrl
      ? null
      : new ManagedRedis({ dataDir: options.dataDir, port: options.port, confPath: path.resolve(options.confPath) });
    this.client = connectRedis(options.externalUrl ?? this.managed!.url, undefined, options.socketTimeoutMs);
    this.client.on('ready', () => this.readyCount++);
    this.client.on('end', () => this.reopenLater());
  }

  get managedPid(): number | undefined {
    return this.managed?.pid;
  }

  async start(context: ModuleContext): Promise<void> {
    this.started = true;
    if (this.managed) {
      await this.managed.start();
      this.managed.onExit((code) => context.fail(new Error(`redis-server exited unexpectedly (code ${code})`)));
    }
    if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
    else await whenReady(this.client, RECONNECT_TIMEOUT_MS);
  }

  /** Stops the managed redis-server (on a failure and at shutdown); the client stays, to reconnect or be closed. */
  async stop(): Promise<void> {
    await this.managed?.stop(MANAGED_STOP_MS);
  }

  /** Closes the client for good: the engine's last step, after every module that writes through it has stopped. */
  async close(): Promise<void> {
    this.closing = true;
    await withDeadline(this.client.quit(), QUIT_TIMEOUT_MS, 'closing the Redis connection').catch(() => this.client.disconnect());
  }

  /** Only close() may end the client: ended any other way (a failed connect can end it), it is opened again. */
  private reopenLater(): void {
    if (this.closing || !this.started) return;
    setTimeout(() => {
      if (!this.closing && this.client.status === 'end') this.client.connect().catch(() => undefined); // retries by itself
    }, REOPEN_DELAY_MS).unref();
  }

  isAlive(): boolean {
    return isRedisReady(this.client);
  }

  detail() {
    return {
      status: this.client.status,
      managed: this.managed !== null,
      pid: this.managed?.pid ?? null,
      reconnects: Math.max(0, this.readyCount - 1),
    };
  }
}
