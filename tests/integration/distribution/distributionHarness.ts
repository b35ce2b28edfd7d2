import { channelSetups } from '../../../core/app/distributionChannels';
import { distributionSchema } from '../../../core/config/distributionSchema';
import type { DistributionSecrets } from '../../../core/config/settings';
import { DistributionService } from '../../../core/distribution/distributionService';
import { redactor } from '../../../core/distribution/redact';
import { RedisDistributionStore } from '../../../core/store/distributionStore';
import type { TestRedis } from '../../support/testRedis';
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
  discordWebhookUrl: fakes.discord.webhookUrl, telegramBotToken: BOT_TOKEN, telegramChatId: '-100200300', xUserToken: X_TOKEN,
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
    redact: redactor([secrets.discordWebhookUrl, secrets.telegramBotToken, secrets.xUserToken]),
    clock: Date.now, keepFinishedMs: 7 * 86_400_000,
    onChange: () => undefined, onMessage: () => undefined, onProblem: (p) => problems.push(p),
  });
  return { service, problems };
}
