import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { computeGammaExposure } from '../../../core/analytics/gammaExposure';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import { etToUtc } from '../../../core/market/newYorkTime';
import type { OptionContractQuote } from '../../../core/market/optionChain';
import { GexWriter, type DexDocument } from '../../../core/store/gexWriter';
import { keys } from '../../../core/store/keys';
import { eventually } from '../../support/eventually';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

const now = etToUtc('2026-12-07', 11, 0);

function update(spot: number, computedAt: number): GammaExposureUpdate {
  const contracts: OptionContractQuote[] = [95, 100, 105].flatMap((strike) =>
    (['call', 'put'] as const).map((type) => ({
      contractId: `${type}${strike}`, expiry: '2026-12-18', strike, type, openInterest: 1000, iv: 0.25,
      bid: 1, bidSize: 1, ask: 1.1, askSize: 1, last: 1, mark: 1.05, volume: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0,
    })),
  );
  const exposure = computeGammaExposure({ chain: { symbol: 'XYZ', asOf: now - 60_000, contracts }, spot, spotAsOf: now, now });
  return { ...exposure, trigger: 'chain', computedAt };
}

describe('the GEX writer keeps analytics:{symbol}:gex and :dex current from gexUpdated', () => {
  test('writes the whole result and the DEX view with the chain’s TTL, and writes again after Redis refused a write', async () => {
    const bus = createEngineBus();
    const writer = new GexWriter(bus, redis.client);
    writer.start();
    const gexKey = keys.gexAnalytics.gex('XYZ');
    const dexKey = keys.gexAnalytics.dex('XYZ');

    const first = update(100, now);
    bus.publish('gexUpdated', first);
    await eventually('first write', () => writer.counts.written === 1 || null);
    expect(JSON.parse((await redis.client.get(gexKey.key))!)).toEqual(first);
    const dex = JSON.parse((await redis.client.get(dexKey.key))!) as DexDocument;
    expect(dex).toMatchObject({ symbol: 'XYZ', dex: first.totals.dex, spot: 100, chainAsOf: now - 60_000, computedAt: now });
    expect(dex.buckets.all.byStrike.map((row) => row.strike)).toEqual([95, 100, 105]);
    expect(await redis.client.ttl(gexKey.key)).toBeGreaterThan(gexKey.ttl! - 5);
    expect(await redis.client.ttl(dexKey.key)).toBeGreaterThan(dexKey.ttl! - 5);

    // Redis out of memory refuses writes: counted, the last figures stay.
    await redis.client.config('SET', 'maxmemory-policy', 'noeviction');
    await redis.client.config('SET', 'maxmemory', '1');
    bus.publish('gexUpdated', update(101, now + 1));
    await eventually('the refused write counted', () => writer.counts.failed === 1 || null);
    await redis.client.config('SET', 'maxmemory', '0');
    expect(JSON.parse((await redis.client.get(gexKey.key))!).computedAt).toBe(now);

    const third = update(102, now + 2);
    bus.publish('gexUpdated', third);
    await eventually('written again', () => writer.counts.written === 2 || null);
    expect(JSON.parse((await redis.client.get(gexKey.key))!)).toEqual(third);
    writer.stop();
  });
});
