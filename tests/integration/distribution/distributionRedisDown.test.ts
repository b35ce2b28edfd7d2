import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DistributionModule, NOT_QUEUED, type DistributionModuleOptions } from '../../../core/app/distributionModule';
import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import { distributionSchema } from '../../../core/config/distributionSchema';
import type { Fill } from '../../../core/market/order';
import { etToUtc } from '../../../core/market/newYorkTime';
import type { StrategyReportCard } from '../../../core/market/proposal';
import { moduleLogger } from '../../../core/runtime/logger';
import { HashCounter } from '../../../core/store/hashCounter';
import { keys } from '../../../core/store/keys';
import { connectRedis } from '../../../core/store/redisConnection';
import { eventually } from '../../support/eventually';
import { startTestRedis, type TestRedis } from '../../support/testRedis';
import { closeFakes, dayStores, killRedis, restartRedis, secretsFor, startFakes, type Fakes } from './distributionHarness';

const card: StrategyReportCard = { proposed: 0, approved: 0, modified: 0, rejected: 0, expired: 0, refused: 0, filled: 0, closed: 0, wins: 0, hitRate: null, averagePnl: null, totalPnl: 0 };
const MORNING = etToUtc('2026-12-07', 10, 31); // a Monday
const fill: Fill = { execId: 'x1', orderId: 1, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 10, price: 450.08, exchange: 'ARCA', time: MORNING, commission: null };
/** One more round of the module's 5 s re-offer, and of the worker's 5 s wait on a mark it could not store. */
const ONE_MORE_ROUND_MS = 6_000;

let redis: TestRedis;
/** The module's client, as the engine makes it: commands fail at once while Redis is away. */
let client: Redis;
let fakes: Fakes;
let modules: DistributionModule[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The test's clock runs from a Monday morning (or `from`) at the real pace: waits and due times pass as they do. */
const clockFrom = (from = MORNING) => {
  const started = Date.now();
  return () => from + Date.now() - started;
};

function moduleOn(bus: EngineBus, clock: () => number, options: { discord?: object; requeue?: DistributionModuleOptions['requeue'] } = {}): DistributionModule {
  const module = new DistributionModule({
    bus, redis: client, secrets: secretsFor(fakes), reportCard: () => card, clock, requeue: options.requeue,
    config: distributionSchema.parse({ discord: { enabled: true, dryRun: false, ...options.discord }, telegram: { enabled: false }, x: { enabled: false } }),
    failedSends: new HashCounter(client, keys.monitoring.distributionFailed.key, 50), reportBadInput: () => undefined,
  });
  modules.push(module);
  return module;
}

const stored = async () => Object.values(await client.hgetall(keys.distribution.outbox.key)).map((json) => JSON.parse(json) as { key: string; state: string; attempts: number });

beforeEach(async () => {
  redis = await startTestRedis();
  client = connectRedis(redis.url, 'distribution-test');
  await client.connect();
  fakes = await startFakes();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(modules.map((m) => m.stop()));
  modules = [];
  client.disconnect();
  await closeFakes(fakes);
  await redis.stop();
});

describe('distribution while its redis-server is down (kill -9) and started again', () => {
  it('queues an event heard while Redis is down once Redis is back and sends it exactly once, though it was heard twice meanwhile', async () => {
    const bus = createEngineBus();
    await moduleOn(bus, clockFrom()).start();
    await killRedis(redis, client);
    bus.publish('fillRecorded', fill);
    bus.publish('fillRecorded', { ...fill, commission: 1 }); // the same fill again, its commission joined
    await sleep(3_000);
    expect(fakes.discord.received).toHaveLength(0);

    await restartRedis(redis, client);
    await eventually('the fill posted', () => fakes.discord.received.length > 0, 20_000);
    await sleep(ONE_MORE_ROUND_MS);
    expect(fakes.discord.contents()).toEqual(['Filled: buy 10 SPY at 450.08 (10:31 ET)']);
    expect(await stored()).toMatchObject([{ key: 'fill:x1@discord', state: 'sent', attempts: 1 }]);
  }, 60_000);

  it('does not send a message whose sending mark cannot be stored until Redis is back, then sends it once', async () => {
    const bus = createEngineBus();
    const module = moduleOn(bus, clockFrom(), { discord: { delaySeconds: 2 } });
    await module.start();
    bus.publish('fillRecorded', fill);
    await eventually('the message stored, waiting out its delay', async () => (await stored())[0]?.state === 'queued');
    const { dueAt } = module.view().recent[0]!;
    await killRedis(redis, client);
    await eventually('the send put off: its sending mark could not be stored', () => module.view().recent[0]!.dueAt > dueAt, 15_000);
    await sleep(ONE_MORE_ROUND_MS); // and put off again
    expect(fakes.discord.received).toHaveLength(0);

    const back = Date.now();
    await restartRedis(redis, client);
    await eventually('the fill posted', () => fakes.discord.received.length > 0, 20_000);
    await sleep(ONE_MORE_ROUND_MS);
    expect(fakes.discord.received).toHaveLength(1);
    expect(fakes.discord.received[0]!.at).toBeGreaterThanOrEqual(back);
    expect(module.view().recent[0]).toMatchObject({ state: 'sent', attempts: 1 });
    expect(await stored()).toMatchObject([{ key: 'fill:x1@discord', state: 'sent', attempts: 1 }]);
  }, 60_000);

  it('stores the sent mark of a message Redis could not take while the channel answered once Redis is back, so a restart does not send it again', async () => {
    fakes.discord.script({ status: 200, body: { id: '90001', type: 0, content: 'x', channel_id: '42' }, delayMs: 3_000 });
    const bus = createEngineBus();
    const clock = clockFrom();
    await moduleOn(bus, clock).start();
    bus.publish('fillRecorded', fill);
    await eventually('the channel asked (the sending mark stored)', () => fakes.discord.received.length === 1);
    await killRedis(redis, client); // while the channel takes 3 s to answer
    await sleep(3_500); // answered: the sent mark cannot be stored
    await restartRedis(redis, client);
    await eventually('the sent mark stored', async () => (await stored())[0]?.state === 'sent', 15_000);

    await modules[0]!.stop(); // the engine restarts
    await moduleOn(createEngineBus(), clock).start();
    await sleep(2_000);
    expect(fakes.discord.received).toHaveLength(1);
    expect(await stored()).toMatchObject([{ key: 'fill:x1@discord', state: 'sent', attempts: 1 }]);
  }, 60_000);

  it('sends a message a frozen Redis stored without answering (SIGSTOP past the socket timeout): the repeat offered later finds it and queues it', async () => {
    client.disconnect();
    client = connectRedis(redis.url, 'distribution-test', 1_000); // a frozen Redis is given up after 1 s, not 10
    await client.connect();
    const bus = createEngineBus();
    await moduleOn(bus, clockFrom()).start();
    process.kill(redis.server.pid!, 'SIGSTOP');
    try {
      bus.publish('fillRecorded', fill); // its HSETNX waits in the frozen server's socket
      await eventually('the client to give the frozen Redis up', () => client.status !== 'ready', 10_000, 10);
    } finally {
      process.kill(redis.server.pid!, 'SIGCONT'); // the server wakes and runs the HSETNX nobody hears the answer to
    }
    await eventually('the message in the outbox', async () => client.status === 'ready' && (await stored()).length === 1, 10_000);
    await eventually('the fill posted', () => fakes.discord.received.length > 0, 20_000);
    await sleep(ONE_MORE_ROUND_MS);
    expect(fakes.discord.contents()).toEqual(['Filled: buy 10 SPY at 450.08 (10:31 ET)']);
    expect(await stored()).toMatchObject([{ key: 'fill:x1@discord', state: 'sent', attempts: 1 }]);
  }, 60_000);

  it('gives an event up after its last offer while Redis is down, logs it as not queued, and does not send it when Redis is back', async () => {
    const logged = vi.spyOn(moduleLogger('distribution'), 'error');
    const bus = createEngineBus();
    await moduleOn(bus, clockFrom(), { requeue: { everyMs: 100, tries: 3 } }).start();
    await killRedis(redis, client);
    bus.publish('fillRecorded', fill);
    await eventually('the event given up', () => logged.mock.calls.length > 0, 10_000);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ event: 'fill:x1' }), 'a distribution event was not queued: Redis did not take it');

    await restartRedis(redis, client);
    // Counted in monitoring once Redis is back (the counter keeps what it could not write).
    await eventually('the count of events not queued', async () => (await client.hget(keys.monitoring.distributionFailed.key, NOT_QUEUED)) === '1', 10_000);
    await sleep(1_000);
    expect(await stored()).toEqual([]);
    expect(fakes.discord.received).toHaveLength(0);
  }, 30_000);

  it('holds the daily summary back while Redis cannot be read, then posts it with the day’s fills once Redis is back', async () => {
    const bus = createEngineBus();
    let now = etToUtc('2026-12-07', 15, 0);
    const stores = await dayStores(bus, client, now);
    const module = moduleOn(bus, () => now, { discord: { events: ['dailySummary'] } });
    await module.start();
    await stores.fill({ ...fill, commission: 1 });
    await killRedis(redis, client);
    now = etToUtc('2026-12-07', 16, 20);
    await module.summaryIfDue(); // what its 30-second timer does
    expect(module.view().recent).toEqual([]); // nothing queued: not an empty summary

    await restartRedis(redis, client);
    now += 30_000;
    await module.summaryIfDue(); // the next check
    await eventually('the summary posted', () => fakes.discord.received.length > 0);
    await module.summaryIfDue();
    await sleep(300);
    expect(fakes.discord.contents()).toEqual(['Daily summary 2026-12-07: 1 fills (1 buys, 0 sells), net cash -$4501.80. No signals today.']);
    await stores.stop();
  }, 30_000);
});
