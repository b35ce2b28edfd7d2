import type { Redis } from 'ioredis';
import type { IvDay } from '../analytics/ivHistory';
import type { OptionsFlowStorage, StoredFlowState } from '../analytics/optionsFlowState';
import type { OptionsFlowReading } from '../market/optionsFlow';
import { keys } from './keys';
import { storedJson } from './storedJson';

/** The options-flow service's Redis: its reading, its per-contract state and its ATM IV history (keys.optionsFlow). */
export class OptionsFlowStore implements OptionsFlowStorage {
  constructor(private readonly redis: Redis) {}

  async readState(symbol: string): Promise<StoredFlowState | null> {
    const key = keys.optionsFlow.state(symbol).key;
    return parse(key, await this.redis.get(key)) as StoredFlowState | null;
  }

  async readIvHistory(symbol: string): Promise<IvDay[] | null> {
    const key = keys.optionsFlow.ivHistory(symbol).key;
    return parse(key, await this.redis.get(key)) as IvDay[] | null;
  }

  readReading(symbol: string): Promise<string | null> {
    return this.redis.get(keys.optionsFlow.reading(symbol).key);
  }

  /** In one MULTI, so a restart never finds a state from one refresh and an IV history from another. */
  async write(symbol: string, reading: string, state: StoredFlowState, ivHistory: IvDay[]): Promise<void> {
    const r = keys.optionsFlow.reading(symbol);
    const s = keys.optionsFlow.state(symbol);
    await this.redis
      .multi()
      .set(r.key, reading, 'EX', r.ttl!)
      .set(s.key, JSON.stringify(state), 'EX', s.ttl!)
      .set(keys.optionsFlow.ivHistory(symbol).key, JSON.stringify(ivHistory))
      .exec();
  }
}

/** Stored JSON, or null when absent; throws naming the key when it is not JSON (the service then starts afresh). */
function parse(key: string, text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${key} does not hold JSON (${(error as Error).message})`, { cause: error });
  }
}

/** The stored analytics:{symbol}:flow reading, or null when none is stored; an unreadable one is logged, told to `onUnreadable` and skipped. */
export async function loadFlowReading(redis: Redis, symbol: string, onUnreadable: (problem: string) => void): Promise<OptionsFlowReading | null> {
  const key = keys.optionsFlow.reading(symbol).key;
  return storedJson(key, await redis.get(key), (v) => typeof v.symbol === 'string' && typeof v.asOf === 'number', onUnreadable) as OptionsFlowReading | null;
}
