/** The distribution outbox in Redis (keys.distribution.outbox): one hash, a message per idempotency key. Durable. */
import type { Redis } from 'ioredis';
import type { OutboxMessage, OutboxStore } from '../distribution/outboxMessage';
import { channelNames, messageKinds } from '../contract/distributionView';
import { keys } from './keys';

const { outbox, audit } = keys.distribution;

/** A channel's mode switched from the cockpit. */
export interface ChannelModeChange {
  at: number;
  by: string;
  channel: string;
  from: string;
  to: string;
  reason: string;
}

function isMessage(value: unknown): value is OutboxMessage {
  const m = value as Partial<OutboxMessage> | null;
  return typeof m === 'object' && m !== null && typeof m.key === 'string' && typeof m.text === 'string' && typeof m.dueAt === 'number'
    && typeof m.attempts === 'number' && channelNames.includes(m.channel!) && messageKinds.includes(m.kind!);
}

/** Messages stored before the 429 count existed read as none. */
const withDefaults = (m: OutboxMessage): OutboxMessage => ({ ...m, rateLimited: m.rateLimited ?? 0 });

function parsed(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

export class RedisDistributionStore implements OutboxStore {
  constructor(private readonly redis: Redis, private readonly reportBadInput: (source: string, problem: string) => void) {}

  async add(message: OutboxMessage): Promise<boolean> {
    return (await this.redis.hsetnx(outbox.key, message.key, JSON.stringify(message))) === 1;
  }

  async save(message: OutboxMessage): Promise<void> {
    await this.redis.hset(outbox.key, message.key, JSON.stringify(message));
  }

  async get(key: string): Promise<OutboxMessage | null> {
    const value = parsed(await this.redis.hget(outbox.key, key));
    return isMessage(value) ? withDefaults(value) : null;
  }

  /** Every stored message; one that does not parse is reported as bad input and left in Redis for a person to read. */
  async load(): Promise<OutboxMessage[]> {
    const fields = await this.redis.hgetall(outbox.key);
    const messages: OutboxMessage[] = [];
    for (const [key, json] of Object.entries(fields)) {
      const value = parsed(json);
      if (isMessage(value)) messages.push(withDefaults(value));
      else this.reportBadInput('distribution', `${outbox.key} field ${key} is not a readable message; left as it is`);
    }
    return messages;
  }

  async auditModeChange(change: ChannelModeChange): Promise<void> {
    await this.redis.xadd(audit.key, '*', 'at', String(change.at), 'by', change.by, 'channel', change.channel, 'from', change.from, 'to', change.to, 'reason', change.reason);
  }

  async remove(keyList: readonly string[]): Promise<void> {
    if (keyList.length > 0) await this.redis.hdel(outbox.key, ...keyList);
  }
}
