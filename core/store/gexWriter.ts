/**
 * Keeps analytics:{symbol}:gex and analytics:{symbol}:dex current from gexUpdated: the whole result in :gex, the
 * delta exposure alone (totals, by expiry bucket and by strike) in :dex. Written without waiting; while writes fail
 * (Redis away) one warning, and the next update writes everything again.
 */
import type { Redis } from 'ioredis';
import type { EngineBus } from '../bus/catalogue';
import type { ExpiryBucket, GammaExposureUpdate } from '../market/gammaExposureReading';
import { moduleLogger } from '../runtime/logger';
import { keys } from './keys';
import { storedJson } from './storedJson';

const log = moduleLogger('gexWriter');

/** The :dex document. */
export interface DexDocument {
  symbol: string;
  spot: number;
  spotAsOf: number;
  chainAsOf: number;
  computedAt: number;
  positioning: GammaExposureUpdate['positioning'];
  dexUnit: 'USD';
  dex: number;
  buckets: Record<ExpiryBucket, { dex: number; byStrike: Array<{ strike: number; dex: number }> }>;
}

export function dexDocument(update: GammaExposureUpdate): DexDocument {
  const buckets = Object.fromEntries(
    Object.entries(update.buckets).map(([name, b]) => [name, { dex: b.dex, byStrike: b.byStrike.map((row) => ({ strike: row.strike, dex: row.dex })) }]),
  ) as DexDocument['buckets'];
  const { symbol, spot, spotAsOf, chainAsOf, computedAt, positioning, dexUnit } = update;
  return { symbol, spot, spotAsOf, chainAsOf, computedAt, positioning, dexUnit, dex: update.totals.dex, buckets };
}

export class GexWriter {
  private off: (() => void) | undefined;
  private failing = false;
  /** Updates written, and writes that failed. */
  readonly counts = { written: 0, failed: 0 };

  constructor(
    private readonly bus: EngineBus,
    private readonly redis: Redis,
  ) {}

  start(): void {
    this.off ??= this.bus.subscribe('gexUpdated', (update) => void this.write(update));
  }

  stop(): void {
    this.off?.();
    this.off = undefined;
  }

  private async write(update: GammaExposureUpdate): Promise<void> {
    const gex = keys.gexAnalytics.gex(update.symbol);
    const dex = keys.gexAnalytics.dex(update.symbol);
    try {
      const results = await this.redis.multi().set(gex.key, JSON.stringify(update), 'EX', gex.ttl!).set(dex.key, JSON.stringify(dexDocument(update)), 'EX', dex.ttl!).exec();
      const failed = results?.find(([error]) => error !== null);
      if (!results || failed) throw failed?.[0] ?? new Error('the transaction was discarded');
      this.counts.written++;
      if (this.failing) log.info({ symbol: update.symbol }, 'GEX figures are written again');
      this.failing = false;
    } catch (error) {
      this.counts.failed++;
      if (!this.failing) log.warn({ err: error, symbol: update.symbol }, 'GEX figures not written to Redis; the next update writes them again');
      this.failing = true;
    }
  }
}

/** The stored analytics:{symbol}:gex, or null when none is stored; an unreadable value is logged, told to `onUnreadable` and skipped. */
export async function loadGex(redis: Redis, symbol: string, onUnreadable: (problem: string) => void): Promise<GammaExposureUpdate | null> {
  const key = keys.gexAnalytics.gex(symbol).key;
  return storedJson(key, await redis.get(key), (v) => typeof v.symbol === 'string' && typeof v.computedAt === 'number', onUnreadable) as GammaExposureUpdate | null;
}

