import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../core/app/engine';
import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import type { OptionQuote } from '../../../core/sim/market/marketFeed';
import { keys } from '../../../core/store/keys';
import type { DexDocument } from '../../../core/store/gexWriter';
import { bruteForceFlip, bruteForceWalls, type PositionedContract } from '../../support/bruteForceGex';
import { writeTestConfig } from '../../support/engineProcess';
import { eventually } from '../../support/eventually';
import { startInProcessEngine } from '../../support/inProcessEngine';

/** The engine's analytics.gex defaults: dealers long calls, short puts; rate 4%, no dividend yield. */
const carry = { rate: 0.04, dividendYield: 0 };

function positioned(chain: OptionQuote[]): PositionedContract[] {
  return chain.map((o) => ({ expiry: o.spec.expiry, strike: o.spec.strike, right: o.spec.right, openInterest: o.openInterest, iv: o.impliedVol }));
}

describe('GEX on the simulated market (the real engine, sim mode)', () => {
  let engine: Engine;
  let configPath: string;
  let dataDir: string;

  beforeAll(async () => {
    configPath = await writeTestConfig({ symbols: [{ symbol: 'SPY', dataClass: 'level2', etf: true, priority: true }] });
    ({ engine, dataDir } = await startInProcessEngine({ configPath, webBridge: false }));
  }, 60_000);

  afterAll(async () => {
    await engine?.stop();
  }, 30_000);

  it('writes analytics:SPY:gex with the flip where the simulated positioning puts it and the walls at its largest strikes', async () => {
    const redis = engine.redis.client;
    const text = await eventually('analytics:SPY:gex', () => redis.get(keys.gexAnalytics.gex('SPY').key), 45_000, 100);
    const gex = JSON.parse(text) as GammaExposureUpdate;
    const market = engine.sim!.market!.market;
    const chain = market.optionChain('SPY');

    expect(gex.trigger).toBe('chain');
    expect(gex.chainAsOf).toBeLessThanOrEqual(gex.computedAt);
    expect(gex.spotAsOf).toBeLessThanOrEqual(gex.computedAt);
    expect(Math.abs(gex.spot / chain[0]!.underlyingPrice - 1)).toBeLessThan(0.01);
    expect(gex.contracts.used).toBe(chain.length);

    // Worked out from the simulator's own open interest and vols with a textbook gamma, not the engine's code.
    const flip = bruteForceFlip(positioned(chain), gex.spot, gex.computedAt, carry);
    expect(flip).not.toBeNull();
    expect(gex.flip.level).not.toBeNull();
    expect(Math.abs(gex.flip.level! - flip!) / gex.spot).toBeLessThan(0.002);
    const walls = bruteForceWalls(positioned(chain), gex.spot, gex.computedAt, carry);
    expect({ callWall: gex.callWall, putWall: gex.putWall }).toEqual(walls);
    expect(gex.callWall! % 5).toBe(0); // open interest piles up at round strikes

    const ttl = await redis.ttl(keys.gexAnalytics.gex('SPY').key);
    expect(ttl).toBeGreaterThan(3500);
    const dex = JSON.parse((await redis.get(keys.gexAnalytics.dex('SPY').key))!) as DexDocument;
    expect(dex).toMatchObject({ symbol: 'SPY', dex: gex.totals.dex, chainAsOf: gex.chainAsOf, spotAsOf: gex.spotAsOf, dexUnit: 'USD' });
    expect(dex.buckets.all.byStrike.length).toBe(gex.buckets.all.byStrike.length);

    expect(engine.health().modules.gex?.detail).toMatchObject({ failures: 0 });
    expect(Number(engine.health().modules.gex?.detail.computations)).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('keeps the last figures and goes on when a restart finds a stored chain it cannot read back', async () => {
    const redis = engine.redis.client;
    const chainKey = keys.options.chain('SPY').key;
    const before = await eventually('analytics:SPY:gex', () => redis.get(keys.gexAnalytics.gex('SPY').key), 45_000, 100);
    // The chain's head stays readable (a restart announces the chain from it); its columns are cut off.
    const stored = (await redis.get(chainKey))!;
    await redis.set(chainKey, stored.slice(0, stored.indexOf(',"columns":') + 200), 'KEEPTTL');
    await engine.stop();

    ({ engine } = await startInProcessEngine({ configPath, dataDir, webBridge: false }));
    const gex = () => engine.health().modules.gex!;
    await eventually('the unreadable chain counted', () => Number(gex().detail.failures) >= 1 || null, 20_000, 50);
    expect(gex().state).toBe('running');
    expect(gex().detail.computations).toBe(0);
    expect(await engine.redis.client.get(keys.gexAnalytics.gex('SPY').key)).toBe(before);
  }, 60_000);
});
