import { Redis } from 'ioredis';

/**
 * The engine's Redis client. Commands fail fast while disconnected (no unbounded offline queue): callers that
 * must not lose data keep their own bounded buffers. Reconnects with capped backoff.
 */
export function connectRedis(url: string, name = 'alphatrader'): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)),
  });
  redis.on('error', () => undefined); // state is read from redis.status; errors surface on the commands that fail
  return redis;
}

export function isRedisReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/** Waits for the first connection; throws with the URL's host:port when Redis does not answer. */
export async function openRedis(url: string, name?: string): Promise<Redis> {
  const redis = connectRedis(url, name);
  try {
    await redis.connect();
    return redis;
  } catch (error) {
    redis.disconnect();
    const where = new URL(url);
    throw new Error(`Redis at ${where.hostname}:${where.port || 6379} did not answer: ${(error as Error).message}`, { cause: error });
  }
}
