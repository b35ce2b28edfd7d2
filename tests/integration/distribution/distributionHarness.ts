import type { Redis } from 'ioredis';
import { afterEach, beforeEach } from 'vitest';
import { channelSetups } from '../../../core/app/distributionChannels';
import type { EngineBus } from '../../../core/bus/catalogue';
import { distributionSchema } from '../../../core/config/distributionSchema';
import { distributionSecretValues, type DistributionSecrets } from '../../../core/config/settings';
import { DistributionService } from '../../../core/distribution/distributionService';
import { redactor } from '../../../core/distribution/redact';
import type { Fill } from '../../../core/market/order';
import { SignalHistory } from '../../../core/signals/signalHistory';
import { RedisDistributionStore } from '../../../core/store/distributionStore';
import { RedisExecutionStore } from '../../../core/store/executionStore';
import { RedisSignalStore } from '../../../core/store/signalStore';
import { eventually } from '../../support/eventually';
import { startTestRedis, type TestRedis } from '../../support/testRedis';
import { FakeDiscord } from '../../support/fakeDiscord';
import { BOT_TOKEN, FakeTelegram } from '../../support/fakeTelegram';
import { FakeX, X_TOKEN } from '../../support/fakeX';

export interface Fakes {
  discord: FakeDiscord;
  telegram: FakeTelegram;
  x: FakeX;
}

export async function startFakes(): Promise<Fakes> {
  return { discord: await new FakeDiscord().listen(), telegram: await new FakeTelegram().listen(), x: await new FakeX().listen() };
}

export async function closeFakes(fakes: Fakes): Promise<void> {
  await Promise.all(Object.values(fakes).map((f) => f.close()));
}

export const secretsFor = (fakes: Fakes): DistributionSecrets => ({
  discordWebhookUrl: fakes.discord.webhookUrl, telegramBotToken: BOT_TOKEN, telegramChatId: '-100200300', xUserToken: X_TOKEN, xOAuth1: undefined,
});

/** The distribution service on a real Redis, its channels pointed at the fakes; `config` is config.yaml's distribution section. */
export function distributionOn(redis: TestRedis, fakes: Fakes, config: Record<string, unknown>, secrets = secretsFor(fakes)) {
  const on = { enabled: true, dryRun: false };
  const parsed = distributionSchema.parse({
    retry: { maxAttempts: 3, baseDelaySeconds: 0.05, maxDelaySeconds: 1 },
    ...config,
    discord: { ...on, ...(config.discord as object) },
    telegram: { ...on, apiBaseUrl: fakes.telegram.url, ...(config.telegram as object) },
    x: { ...on, apiBaseUrl: fakes.x.url, ...(config.x as object) },
  });
  const problems: string[] = [];
  const service = new DistributionService({
    channels: channelSetups(parsed, secrets),
    store: new RedisDistributionStore(redis.client, (_s, problem) => problems.push(problem)),
    retry: { maxAttempts: parsed.retry.maxAttempts, baseDelayMs: parsed.retry.baseDelaySeconds * 1_000, maxDelayMs: parsed.retry.maxDelaySeconds * 1_000 },
    redact: redactor(distributionSecretValues(secrets)),
    clock: Date.now, keepFinishedMs: 7 * 86_400_000,
    onChange: () => undefined, onMessage: () => undefined, onProblem: (p) => problems.push(p),
  });
  return { service, problems };
}

/** kill -9 of the test's redis-server; resolves once `client` has noticed (its commands fail from then on). */
export async function killRedis(redis: TestRedis, client: Redis): Promise<void> {
  redis.client.on('error', () => undefined); // the test's own client reconnects too
  process.kill(redis.server.pid!, 'SIGKILL');
  await eventually('the client to notice Redis is gone', () => client.status !== 'ready', 10_000, 10);
}

/** redis-server started again on the same port, data dir and password; resolves once `client` is back on it. */
export async function restartRedis(redis: TestRedis, client: Redis): Promise<void> {
  await redis.server.start();
  await eventually('the client back on the restarted Redis', () => client.status === 'ready', 10_000, 10);
}

/**
 * What the engine keeps of a day besides the outbox, wired as in the engine: the signal history following the bus
 * into `signals:history`, and fills written to `execution:fills` before `fillRecorded` is published (as the fill
 * recorder does).
 */
export async function dayStores(bus: EngineBus, client: Redis, now: number) {
  const history = new SignalHistory(bus, new RedisSignalStore(client));
  await history.start(now);
  const execution = new RedisExecutionStore(client);
  return {
    history,
    async fill(fill: Fill): Promise<void> {
      execution.saveFill({ fill, external: false });
      await execution.flush();
      bus.publish('fillRecorded', fill);
    },
    async stop(): Promise<void> {
      history.stop();
      await execution.close();
    },
  };
}

/**
 * The set-up the outbox tests share, registered for each test: a real redis-server and the fake APIs before it; after
 * it, every service `start` made is stopped, the fakes are closed and redis-server is stopped.
 */
export function eachTestOnFakes() {
  let redis: TestRedis;
  let fakes: Fakes;
  let running: DistributionService[] = [];
  beforeEach(async () => {
    redis = await startTestRedis();
    fakes = await startFakes();
  });
  afterEach(async () => {
    await Promise.all(running.map((s) => s.stop(100)));
    running = [];
    await closeFakes(fakes);
    await redis.stop();
  });
  return {
    get redis() { return redis; },
    get fakes() { return fakes; },
    /** A service over this test's Redis and fakes, started (config and secrets as distributionOn takes them). */
    async start(config: Record<string, unknown> = {}, secrets?: DistributionSecrets) {
      const made = distributionOn(redis, fakes, config, secrets);
      await made.service.start();
      running.push(made.service);
      return made;
    },
  };
}
