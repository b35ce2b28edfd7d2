import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { VpinModule } from '../../../core/app/vpinModule';
import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import { vpinSchema } from '../../../core/config/vpinSchema';
import type { VpinReading } from '../../../core/market/vpinReading';
import { createMarketModel, type MarketModel } from '../../../core/sim/market/marketModel';
import type { MarketEpisode } from '../../../core/sim/market/marketFeed';
import { BadInputCounter } from '../../../core/store/badInputCounter';
import { keys } from '../../../core/store/keys';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

const SYMBOL = 'AAPL';
/**
 * Small buckets so the test runs minutes of market in seconds: 30,000 shares (about 7 seconds of AAPL's calm volume),
 * VPIN over 20 of them; trade classification reads each print's side against the quote, so one-sided informed
 * flow shows before the price has moved.
 */
const CONFIG = vpinSchema.parse({
  bucketVolume: 30_000,
  buckets: 20,
  classification: 'trade',
  historyReadings: 500,
  minHistoryReadings: 50,
});

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

/** The simulated market's prints and quotes on an engine bus, as the ingestion publishes them. */
function wire(model: MarketModel, bus: EngineBus): void {
  model.on('trade', (t) => {
    const { symbol, price, size, ts, totalVolume, vwap, aggressor } = t;
    bus.publish('tradePrinted', { symbol, price, size, ts, receivedAt: Date.now(), totalVolume, vwap, aggressor });
  });
  model.on('quote', (q) => {
    const { symbol, bid, bidSize, ask, askSize, last, lastSize, volume, halted, ts } = q;
    bus.publish('quoteChanged', { symbol, bid, bidSize, ask, askSize, last, lastSize, volume, close: null, halted, ts });
  });
}

function startModule(bus: EngineBus, badInput: BadInputCounter): VpinModule {
  return new VpinModule({ bus, redis: redis.client, config: CONFIG, symbols: [SYMBOL], alwaysOpen: false, reportBadInput: (s, p) => badInput.report(s, p) });
}

/** Runs the market's clock a second at a time (the service's clock follows it), letting Redis writes out between. */
async function run(model: MarketModel, vpin: VpinModule, ms: number, until: () => boolean = () => false): Promise<void> {
  for (let t = 0; t < ms && !until(); t += 1_000) {
    model.advance(1_000);
    vpin.service.onClock(model.now());
    if (t % 10_000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('VPIN on the simulated market, with its readings in Redis', () => {
  const bus = createEngineBus();
  const model = createMarketModel({ seed: 7, symbols: [SYMBOL] });
  const alerts: VpinReading[] = [];
  let badInput: BadInputCounter;
  let vpin: VpinModule;
  let informed: MarketEpisode;

  beforeAll(async () => {
    badInput = new BadInputCounter(redis.client);
    wire(model, bus);
    bus.subscribe('toxicityAlerted', (reading) => alerts.push(reading));
    vpin = startModule(bus, badInput);
    await vpin.start();
    await run(model, vpin, 20 * 60_000); // a calm-ish market first: VPIN's own history
    // Informed buying for three minutes, started outside a toxicity episode (an alert marks an episode's start).
    let episode: MarketEpisode | null = null;
    await run(model, vpin, 10 * 60_000, () => {
      if (vpin.service.latest(SYMBOL)?.toxic === false) episode = model.injectInformedFlow(SYMBOL, 'buy', 180_000);
      return episode !== null;
    });
    informed = episode!;
    await run(model, vpin, 200_000);
  });

  afterAll(async () => {
    await vpin.stop();
    await badInput.flush();
    badInput.stop();
  });

  test('the toxicity alert fires while the informed buying runs, before the news moves the price', () => {
    expect(informed).toMatchObject({ kind: 'informed', symbol: SYMBOL, detail: { direction: 1 } });
    const alert = alerts.find((a) => a.time >= informed.startTs);
    expect(alert).toBeDefined();
    expect(alert!.time).toBeLessThan(informed.endTs!);
    expect(alert!).toMatchObject({ symbol: SYMBOL, alert: true, toxic: true });
    expect(alert!.cdf).toBeGreaterThanOrEqual(CONFIG.alertLevel);
  });

  test('every reading is in Redis: the latest under analytics:{symbol}:vpin, the history newest first, both with a TTL', async () => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const latest = JSON.parse((await redis.client.get(keys.analytics.vpin(SYMBOL).key))!) as VpinReading;
    expect(latest).toEqual(vpin.service.latest(SYMBOL));
    const history = (await redis.client.lrange(keys.analytics.vpinHistory(SYMBOL).key, 0, -1)).map((t) => JSON.parse(t) as VpinReading);
    expect(history).toHaveLength(Math.min(vpin.service.readings, CONFIG.historyReadings));
    expect(history[0]).toEqual(latest);
    expect(history.map((r) => r.bucket)).toEqual([...history.map((r) => r.bucket)].sort((a, b) => b - a));
    expect(history.some((r) => r.alert && r.time >= informed.startTs)).toBe(true);
    expect(await redis.client.ttl(keys.analytics.vpin(SYMBOL).key)).toBeGreaterThan(0);
    expect(await redis.client.ttl(keys.analytics.vpinHistory(SYMBOL).key)).toBeGreaterThan(0);
    expect(vpin.detail()).toMatchObject({ readings: vpin.service.readings, alerts: alerts.length, ignoredPrints: 0 });
  });

  test('a print VPIN cannot use is left out, counted in monitoring:bad_input and in Health, and VPIN goes on', async () => {
    const before = vpin.service.readings;
    bus.publish('tradePrinted', { symbol: SYMBOL, price: 243, size: 0, ts: model.now(), receivedAt: Date.now(), totalVolume: 0, vwap: 243, aggressor: 'unknown' });
    expect(vpin.detail()).toMatchObject({ ignoredPrints: 1 });
    await badInput.flush();
    expect(await redis.client.hget(keys.monitoring.badInput.key, 'vpin')).toBe('1');
    await run(model, vpin, 60_000);
    expect(vpin.service.readings).toBeGreaterThan(before);
  });

  test('a restarted service reads its history and buckets back: its next full bucket gives a reading, ranked against the old ones', async () => {
    const lastBucket = vpin.service.bucketState(SYMBOL)!.completed;
    await vpin.stop();
    const stored = await redis.client.llen(keys.analytics.vpinHistory(SYMBOL).key);
    expect(JSON.parse((await redis.client.get(keys.analytics.vpinBuckets(SYMBOL).key))!)).toMatchObject({ bucketVolume: CONFIG.bucketVolume, completed: lastBucket });
    const restartedBus = createEngineBus();
    wire(model, restartedBus);
    const readings: VpinReading[] = [];
    restartedBus.subscribe('vpinUpdated', (r) => readings.push(r));
    vpin = startModule(restartedBus, badInput);
    await vpin.start();
    expect(vpin.detail()).toMatchObject({ restoredReadings: stored, restoredBuckets: 1, historyUnread: 0 });
    expect(vpin.service.latest(SYMBOL)).not.toBeNull();
    await run(model, vpin, 60_000, () => readings.length > 0);
    // Without the buckets the first reading would wait for n new ones; without the history its CDF would be null.
    expect(readings[0]!.bucket).toBe(lastBucket + 1);
    expect(readings[0]!.cdf).not.toBeNull();
  });
});

describe('VPIN when Redis cannot give the history', () => {
  test('starts afresh for each symbol instead of failing the engine, and says so in Health', async () => {
    const unreachable = new Redis(redis.url, { lazyConnect: true, enableOfflineQueue: false });
    const badInput = new BadInputCounter(redis.client);
    const vpin = new VpinModule({ bus: createEngineBus(), redis: unreachable, config: CONFIG, symbols: ['SPY', SYMBOL], alwaysOpen: false, reportBadInput: (s, p) => badInput.report(s, p) });
    await vpin.start();
    expect(vpin.detail()).toMatchObject({ historyUnread: 2, restoredReadings: 0, restoredBuckets: 0 });
    await vpin.stop();
    badInput.stop();
    unreachable.disconnect();
  });
});
