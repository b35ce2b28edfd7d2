import type { Redis } from 'ioredis';
import type { EngineBus } from '../bus/catalogue';
import type { BucketState } from '../analytics/vpinBuckets';
import type { VpinReading } from '../market/vpinReading';
import { moduleLogger } from '../runtime/logger';
import { keys, type KeySpec } from './keys';
import type { LatestWrite, RedisBatchWriter } from './redisBatchWriter';

const log = moduleLogger('vpinStore');

interface SymbolVpinKeys {
  reading: VpinReading | null;
  readonly latest: LatestWrite;
  readonly history: KeySpec;
  bucketState: (() => BucketState | null) | null;
  readonly buckets: LatestWrite;
}

/**
 * Keeps analytics:{symbol}:vpin (the latest reading) and analytics:{symbol}:vpin:history (the last `historyReadings`,
 * newest first) current from vpinUpdated, through the batch writer: one pipelined round trip per turn of the event
 * loop however many buckets fill.
 */
export class VpinWriter {
  private readonly symbols = new Map<string, SymbolVpinKeys>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly bus: EngineBus,
    private readonly writer: RedisBatchWriter,
    private readonly historyReadings: number,
  ) {}

  start(): void {
    this.unsubscribe ??= this.bus.subscribe('vpinUpdated', (reading) => this.onReading(reading));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** Saves a symbol's buckets (analytics:{symbol}:vpin:buckets) with the next batch, as `state` gives them then. */
  saveBuckets(symbol: string, state: () => BucketState | null): void {
    const entry = this.symbols.get(symbol) ?? this.add(symbol);
    entry.bucketState = state;
    this.writer.markLatest(entry.buckets);
  }

  private onReading(reading: VpinReading): void {
    const entry = this.symbols.get(reading.symbol) ?? this.add(reading.symbol);
    entry.reading = reading;
    this.writer.markLatest(entry.latest);
    this.writer.push(entry.history.key, entry.history.ttl, this.historyReadings, reading);
  }

  private add(symbol: string): SymbolVpinKeys {
    const spec = keys.analytics.vpin(symbol);
    const buckets = keys.analytics.vpinBuckets(symbol);
    const entry: SymbolVpinKeys = {
      reading: null,
      latest: { key: spec.key, ttl: spec.ttl, kind: 'string', produce: () => (entry.reading ? JSON.stringify(entry.reading) : null), lastWrittenAt: 0 },
      history: keys.analytics.vpinHistory(symbol),
      bucketState: null,
      buckets: { key: buckets.key, ttl: buckets.ttl, kind: 'string', produce: () => jsonOrNull(entry.bucketState?.() ?? null), lastWrittenAt: 0 },
    };
    this.symbols.set(symbol, entry);
    return entry;
  }
}

const jsonOrNull = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

/** A stored reading, or null (logged, and told to `onUnreadable`) for an entry that is not one: one bad entry must not cost the rest. */
function readReading(text: string, symbol: string, onUnreadable?: (problem: string) => void): VpinReading | null {
  try {
    const reading = JSON.parse(text) as Partial<VpinReading>;
    if (typeof reading?.vpin === 'number' && typeof reading.time === 'number' && typeof reading.toxic === 'boolean') return reading as VpinReading;
  } catch {
    // not JSON: reported below
  }
  log.warn({ symbol, entry: text.slice(0, 80) }, 'unreadable entry in the VPIN history skipped');
  onUnreadable?.(`${keys.analytics.vpinHistory(symbol).key} holds an entry that is not a VPIN reading: ${text.slice(0, 80)}`);
  return null;
}

/** The last `count` stored readings of a symbol, oldest first; unreadable entries are skipped (and told to `onUnreadable`). */
export async function loadVpinHistory(redis: Redis, symbol: string, count: number, onUnreadable?: (problem: string) => void): Promise<VpinReading[]> {
  const texts = await redis.lrange(keys.analytics.vpinHistory(symbol).key, 0, count - 1);
  const readings: VpinReading[] = [];
  for (let i = texts.length - 1; i >= 0; i--) {
    const reading = readReading(texts[i]!, symbol, onUnreadable);
    if (reading) readings.push(reading);
  }
  return readings;
}

/** A symbol's saved buckets, or null when none are saved (or the entry is unreadable, logged). */
export async function loadVpinBuckets(redis: Redis, symbol: string): Promise<BucketState | null> {
  const text = await redis.get(keys.analytics.vpinBuckets(symbol).key);
  if (text === null) return null;
  try {
    return JSON.parse(text) as BucketState;
  } catch {
    log.warn({ symbol, entry: text.slice(0, 80) }, 'unreadable VPIN buckets skipped: readings resume after n new buckets');
    return null;
  }
}
