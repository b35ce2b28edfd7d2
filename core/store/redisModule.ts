import path from 'node:path';
import type { Redis } from 'ioredis';
import type { EngineModule, ModuleContext } from '../runtime/supervisor';
import { ManagedRedis } from './managedRedis';
import { connectRedis, isRedisReady } from './redisConnection';

export interface RedisModuleOptions {
  /** An external Redis (REDIS_URL); when absent the module runs its own redis-server in the data dir. */
  externalUrl: string | undefined;
  dataDir: string;
  port: number;
  confPath: string;
}

/** Owns the Redis the engine uses: the managed redis-server process (unless external) and the client. */
export class RedisModule implements EngineModule {
  readonly name = 'redis';
  readonly client: Redis;
  private readonly managed: ManagedRedis | null;

  constructor(options: RedisModuleOptions) {
    this.managed = options.externalUrl
      ? null
      : new ManagedRedis({ dataDir: options.dataDir, port: options.port, confPath: path.resolve(options.confPath) });
    this.client = connectRedis(options.externalUrl ?? this.managed!.url);
  }

  get managedPid(): number | undefined {
    return this.managed?.pid;
  }

  async start(context: ModuleContext): Promise<void> {
    if (this.managed) {
      await this.managed.start();
      this.managed.onExit((code) => context.fail(new Error(`redis-server exited unexpectedly (code ${code})`)));
    }
    if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
  }

  async stop(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
    await this.managed?.stop();
  }

  isAlive(): boolean {
    return isRedisReady(this.client);
  }

  detail() {
    return { status: this.client.status, managed: this.managed !== null, pid: this.managed?.pid ?? null };
  }
}
