import { Redis } from 'ioredis';

/**
 * A connection that has commands waiting and hears nothing back for this long is given up and reopened: a
 * redis-server that is frozen (stopped, swapping) must show as disconnected and fail the commands sent to it,
 * not hold them forever. The engine's own client takes it from config (`redis.socketTimeoutSeconds`).
 */
export const SOCKET_TIMEOUT_MS = 10_000;

/**
 * The engine's Redis client. Commands fail fast while disconnected (no unbounded offline queue): callers that
 * must not lose data keep their own bounded buffers. Reconnects with capped backoff, for as long as it lives:
 * only `disconnect()`/`quit()` end it.
 */
export function connectRedis(url: string, name = 'alphatrader', socketTimeoutMs = SOCKET_TIMEOUT_MS): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    socketTimeout: socketTimeoutMs,
    retryStrategy: (attempt) => Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)),
  });
  redis.on('error', () => undefined); // state is read from redis.status; errors surface on the commands that fail
  return redis;
}

export function isRedisReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/** Resolves when the client is (or next becomes) ready; rejects after `timeoutMs`, naming the client's status. */
export function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (isRedisReady(redis)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis did not answer within ${timeoutMs} ms (client ${redis.status})`));
    }, timeoutMs);
    redis.once('ready', onReady);
  });
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

/** The URL `redis` connects to (password included), for a second connection to the same server, e.g. from a worker thread. */
export function redisUrlOf(redis: Redis): string {
  const { host, port, username, password, db } = redis.options;
  const auth = password ? `${encodeURIComponent(username ?? '')}:${encodeURIComponent(password)}@` : '';
  return `redis://${auth}${host ?? '127.0.0.1'}:${port ?? 6379}/${db ?? 0}`;
}
