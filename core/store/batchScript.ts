import type { Redis } from 'ioredis';

/**
 * One Redis command for a whole batch of ingestion writes. A pipeline of N commands costs ioredis N command objects,
 * N promises and N replies to parse; at 10,000 messages/s that was a third of the engine's allocation and the GC
 * pauses behind the latency tail. The script runs the same commands inside redis-server and answers one number:
 * how many of them failed (pcall: one bad key, e.g. of another type, does not stop the rest).
 *
 * KEYS holds each written key once per operation, in order; ARGV the operations, each starting with its code:
 * - S value ttl                       SET key value [EX ttl]      (ttl 0: no expiry)
 * - H n field1 value1 … fieldn valuen ttl   HSET, then EXPIRE when ttl > 0
 * - L limit ttl n item1 … itemn       LPUSH items (the last ends up first), LTRIM to limit, EXPIRE when ttl > 0
 * - X minid ttl n id1 item1 … idn itemn   XADD key id d item for each ("ms-*": Redis numbers entries within a ms; an id
 *                                     at or below the stream's last falls back to "*", the server's clock), then
 *                                     XTRIM MINID minid (removes what aged out since the last batch), EXPIRE when ttl > 0
 */
const LUA = `
local failed, a = 0, 1
local function run(...)
  local ok = redis.pcall(...)
  if type(ok) == 'table' and ok.err then failed = failed + 1 end
end
local function each(command, key, from, to)
  for s = from, to, 4000 do run(command, key, unpack(ARGV, s, math.min(s + 3999, to))) end
end
for k = 1, #KEYS do
  local key, op = KEYS[k], ARGV[a]
  if op == 'S' then
    local ttl = tonumber(ARGV[a + 2])
    if ttl > 0 then run('SET', key, ARGV[a + 1], 'EX', ttl) else run('SET', key, ARGV[a + 1]) end
    a = a + 3
  elseif op == 'H' then
    local n = tonumber(ARGV[a + 1])
    each('HSET', key, a + 2, a + 1 + 2 * n)
    local ttl = tonumber(ARGV[a + 2 + 2 * n])
    if ttl > 0 then run('EXPIRE', key, ttl) end
    a = a + 3 + 2 * n
  elseif op == 'L' then
    local limit, ttl, n = tonumber(ARGV[a + 1]), tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
    each('LPUSH', key, a + 4, a + 3 + n)
    run('LTRIM', key, 0, limit - 1)
    if ttl > 0 then run('EXPIRE', key, ttl) end
    a = a + 4 + n
  elseif op == 'X' then
    local minid, ttl, n = ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
    for i = a + 4, a + 2 + 2 * n, 2 do
      local added = redis.pcall('XADD', key, ARGV[i], 'd', ARGV[i + 1])
      if type(added) == 'table' and added.err then run('XADD', key, '*', 'd', ARGV[i + 1]) end
    end
    run('XTRIM', key, 'MINID', minid)
    if ttl > 0 then run('EXPIRE', key, ttl) end
    a = a + 4 + 2 * n
  else
    return redis.error_reply('ingest batch: unknown operation ' .. tostring(op) .. ' for ' .. key)
  end
end
return failed
`;

/** One stream entry: its id's time (epoch ms; Redis adds the sequence) and its text (the one field `d`). */
export interface StreamEntry {
  ms: number;
  text: string;
}

type BatchRunner = Redis & { ingestBatch(numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<number> };

/** The writes of one batch, encoded for the script. */
export class WriteBatch {
  readonly keys: string[] = [];
  readonly args: Array<string | number> = [];

  get size(): number {
    return this.keys.length;
  }

  set(key: string, value: string, ttl: number | null): void {
    this.keys.push(key);
    this.args.push('S', value, ttl ?? 0);
  }

  /** HSET of `fields`, with EXPIRE `expireTtl` (null: the TTL is not refreshed this time). */
  hset(key: string, fields: Record<string, string>, expireTtl: number | null): void {
    this.keys.push(key);
    const args = this.args;
    const countAt = args.push('H', 0) - 1;
    let n = 0;
    for (const field in fields) {
      args.push(field, fields[field]!);
      n++;
    }
    args[countAt] = n;
    args.push(expireTtl ?? 0);
  }

  /** LPUSH of `items` (oldest first: the newest ends up at the head), LTRIM to `limit`, EXPIRE `expireTtl`. */
  lpush(key: string, items: readonly string[], limit: number, expireTtl: number | null): void {
    this.keys.push(key);
    this.args.push('L', limit, expireTtl ?? 0, items.length, ...items);
  }

  /** XADD of `entries` (oldest first) with ids "ms-*", XTRIM MINID `minId` (epoch ms), EXPIRE `expireTtl`. */
  xadd(key: string, entries: readonly StreamEntry[], minId: number, expireTtl: number | null): void {
    this.keys.push(key);
    const args = this.args;
    args.push('X', Math.max(0, Math.floor(minId)), expireTtl ?? 0, entries.length);
    for (const entry of entries) args.push(`${Math.max(0, Math.floor(entry.ms))}-*`, entry.text);
  }
}

/** Sends a batch as one command; resolves to the number of its writes Redis refused. */
export function sendBatch(redis: Redis, batch: WriteBatch): Promise<number> {
  const runner = redis as BatchRunner;
  if (typeof runner.ingestBatch !== 'function') redis.defineCommand('ingestBatch', { lua: LUA });
  return runner.ingestBatch(batch.keys.length, ...batch.keys, ...batch.args);
}
