import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsSeedModule } from '../../../core/app/analyticsSeed';
import { AnalyticsStreams } from '../../../core/app/cockpit/analyticsStreams';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { VpinReading } from '../../../core/contract/analyticsView';
import { moduleLogger } from '../../../core/runtime/logger';
import { BadInputCounter } from '../../../core/store/badInputCounter';
import { keys } from '../../../core/store/keys';
import { startTestRedis, type TestRedis } from '../../support/testRedis';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startTestRedis();
});
afterAll(async () => redis?.stop());

const reading = (bucket: number, alert = false): VpinReading => ({ symbol: 'SPY', vpin: 0.4, bucket, time: bucket, cdf: 0.5, toxic: alert, alert });

async function seed(symbols: string[]): Promise<{ streams: AnalyticsStreams; badInput: Record<string, string> }> {
  const streams = new AnalyticsStreams(createEngineBus(), symbols, () => ({ classification: 'trade', bucketVolume: 100, bucketSource: 'configured', bucketAsOf: null, buckets: 5, alertLevel: 0.9 }));
  streams.start();
  const counter = new BadInputCounter(redis.client);
  await analyticsSeedModule({ redis: redis.client, streams, symbols, vpinHistoryReadings: 1_000, reportBadInput: (source, problem) => counter.report(source, problem) })
    .start({ log: moduleLogger('test'), fail: () => undefined });
  await counter.flush();
  counter.stop();
  return { streams, badInput: await redis.client.hgetall(keys.monitoring.badInput.key) };
}

describe('the analytics streams seeded from Redis at start-up', () => {
  it('skip what cannot be read (logged and counted as bad input) and keep every readable reading', async () => {
    const c = redis.client;
    // The history is newest first: bucket 3 (an alert), garbage, bucket 1.
    await c.rpush(keys.analytics.vpinHistory('SPY').key, JSON.stringify(reading(3, true)), '{not json', JSON.stringify(reading(1)));
    await c.set(keys.gexAnalytics.gex('SPY').key, 'not json either');
    await c.set(keys.optionsFlow.reading('SPY').key, JSON.stringify({ unexpected: true }));
    const { streams, badInput } = await seed(['SPY']);
    const spy = streams.topics('SPY')!;
    expect(spy.vpin!.current!.readings.map((r) => r.bucket)).toEqual([1, 3]);
    expect(spy.vpin!.current!.alerts.map((r) => r.bucket)).toEqual([3]);
    expect(spy.gex.current).toBeUndefined();
    expect(spy.optionsFlow.current).toEqual({ reading: null, unusualEvents: [] });
    expect(Number(badInput.redis)).toBe(3);
    streams.stop();
  });

  it('publish nothing but the empty views for a symbol Redis holds nothing of', async () => {
    const { streams } = await seed(['QQQ']);
    const qqq = streams.topics('QQQ')!;
    expect(qqq.vpin!.current!.readings).toEqual([]);
    expect(qqq.gex.current).toBeUndefined();
    expect(qqq.optionsFlow.current).toEqual({ reading: null, unusualEvents: [] });
    streams.stop();
  });
});
