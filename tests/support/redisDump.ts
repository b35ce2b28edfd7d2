import type { Redis } from 'ioredis';

/** Every key in the database and everything stored under it, as one text to search (keys, values, fields, entries). */
export async function redisDump(client: Redis): Promise<string> {
  const parts: string[] = [];
  let cursor = '0';
  do {
    const [next, names] = await client.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const name of names) {
      parts.push(name);
      const type = await client.type(name);
      if (type === 'string') parts.push((await client.get(name)) ?? '');
      else if (type === 'hash') parts.push(JSON.stringify(await client.hgetall(name)));
      else if (type === 'list') parts.push(JSON.stringify(await client.lrange(name, 0, -1)));
      else if (type === 'set') parts.push(JSON.stringify(await client.smembers(name)));
      else if (type === 'zset') parts.push(JSON.stringify(await client.zrange(name, '0', '-1', 'WITHSCORES')));
      else if (type === 'stream') parts.push(JSON.stringify(await client.xrange(name, '-', '+')));
    }
  } while (cursor !== '0');
  return parts.join('\n');
}
