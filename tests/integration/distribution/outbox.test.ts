import { describe, expect, it } from 'vitest';
import type { DistributionService } from '../../../core/distribution/distributionService';
import { fillEvent, toxicityEvent } from '../../../core/distribution/eventFacts';
import { keys } from '../../../core/store/keys';
import { eventually } from '../../support/eventually';
import { FakeDiscord } from '../../support/fakeDiscord';
import { BOT_TOKEN, FakeTelegram } from '../../support/fakeTelegram';
import { FakeX, X_TOKEN } from '../../support/fakeX';
import { eachTestOnFakes, secretsFor } from './distributionHarness';

const AT = Date.UTC(2026, 11, 7, 15, 31); // 10:31 New York
const fill = (execId = 'e1') =>
  fillEvent({ execId, orderId: 7, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 100, price: 450.12, exchange: 'ARCA', time: AT, commission: 1 });

const on = eachTestOnFakes();

const started = on.start;
const messageOf = (service: DistributionService, channel: string) => service.recent().find((m) => m.channel === channel);


describe('distribution to Discord, Telegram and X over HTTP', () => {
  it('sends each channel exactly what its template renders, in each API’s own request format', async () => {
    const { service } = await started({ discord: { templates: { fill: 'Discord: {{side}} {{quantity}} {{symbol}} @ {{price}}' } } });
    await service.publish(fill());
    await eventually('all three sent', () => ['discord', 'telegram', 'x'].every((c) => messageOf(service, c)?.state === 'sent'));

    expect(on.fakes.discord.contents()).toEqual(['Discord: buy 100 SPY @ 450.12']);
    expect(on.fakes.discord.received[0]!.path).toContain('wait=true');
    expect(on.fakes.discord.received[0]!.body).toMatchObject({ allowed_mentions: { parse: [] } });
    const telegram = on.fakes.telegram.received[0]!;
    expect(telegram.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(telegram.body).toEqual({ chat_id: '-100200300', parse_mode: 'MarkdownV2', text: 'Filled: buy 100 SPY at 450\\.12 \\(10:31 ET\\)' });
    expect(on.fakes.x.received[0]!.headers.authorization).toBe(`Bearer ${X_TOKEN}`);
    expect(on.fakes.x.texts()).toEqual(['Filled: buy 100 SPY at 450.12 (10:31 ET)']);
    expect(messageOf(service, 'discord')).toMatchObject({ remoteId: '90001', attempts: 1, error: null, text: 'Discord: buy 100 SPY @ 450.12' });
    expect(messageOf(service, 'telegram')!.remoteId).toBe('1');
    expect(messageOf(service, 'x')!.remoteId).toBe('1700000001');
  });

  it('previews exactly the text a channel then sends', async () => {
    const { service } = await started({ telegram: { events: ['toxicity'] } });
    await service.publish(toxicityEvent({ symbol: 'SPY', vpin: 0.41234, bucket: 9, time: AT, cdf: 0.951, toxic: true, alert: true }));
    const preview = service.preview('telegram', 'toxicity');
    expect(preview).toMatchObject({ source: 'latest', truncated: false, limit: 4096 });
    await eventually('sent', () => on.fakes.telegram.received.length === 1);
    expect(on.fakes.telegram.texts()).toEqual([preview.text]);
    expect(preview.text).toBe('Toxicity alert SPY: VPIN 0\\.412, CDF 0\\.95 \\(10:31 ET\\)');
  });

  it('waits what each channel’s 429 says before sending again, holding the whole channel: retry_after, parameters.retry_after, x-rate-limit-reset', async () => {
    on.fakes.discord.script(FakeDiscord.rateLimited(1.2));
    on.fakes.telegram.script(FakeTelegram.rateLimited(1));
    on.fakes.x.script(FakeX.rateLimited(Math.ceil(Date.now() / 1000) + 2));
    const { service } = await started();
    await service.publish(fill('a'));
    await service.publish(fill('b'));
    const sent = () => service.recent().filter((m) => m.state === 'sent').length === 6;
    await eventually('both sent to all three after their waits', sent, 15_000);
    const gap = (fake: { received: Array<{ at: number }> }) => fake.received[1]!.at - fake.received[0]!.at;
    expect(gap(on.fakes.discord)).toBeGreaterThanOrEqual(1_200);
    expect(gap(on.fakes.telegram)).toBeGreaterThanOrEqual(1_000);
    expect(on.fakes.x.received[1]!.at).toBeGreaterThanOrEqual(Math.floor(on.fakes.x.received[0]!.at / 1000) * 1000 + 1_000);
    for (const fake of [on.fakes.discord, on.fakes.telegram, on.fakes.x]) expect(fake.received).toHaveLength(3);
    expect(on.fakes.discord.contents()).toEqual(['Filled: buy 100 SPY at 450.12 (10:31 ET)', 'Filled: buy 100 SPY at 450.12 (10:31 ET)', 'Filled: buy 100 SPY at 450.12 (10:31 ET)']);
    expect(service.recent().find((m) => m.channel === 'discord' && m.eventId === 'fill:a')).toMatchObject({ attempts: 2, error: null });
  });

  it('keeps a slow channel and a failing channel from holding up another', async () => {
    on.fakes.x.script({ status: 201, body: { data: { id: '1', text: 'slow' } }, delayMs: 4_000 });
    on.fakes.telegram.script(...Array.from({ length: 6 }, () => FakeTelegram.error(500, 'Internal Server Error')));
    const { service } = await started();
    await service.publish(fill('a'));
    await service.publish(fill('b'));
    await eventually('Discord sent both', () => on.fakes.discord.received.length === 2);
    const x = (eventId: string) => service.recent().find((m) => m.channel === 'x' && m.eventId === eventId)!.state;
    expect([x('fill:a'), x('fill:b')]).toEqual(['sending', 'queued']); // X still waits on its slow answer
    await eventually('Telegram gave up on both after their attempts', () => service.recent().filter((m) => m.channel === 'telegram' && m.state === 'failed').length === 2, 10_000);
    expect(service.recent().find((m) => m.channel === 'telegram')).toMatchObject({ attempts: 3, error: 'HTTP 500: Internal Server Error' });
    expect(on.fakes.telegram.received).toHaveLength(6);
  });

  it('backs off a failed send and sends it on a later attempt', async () => {
    on.fakes.discord.script({ status: 503, body: { message: 'upstream' } }, { status: 500, body: { message: 'oops' } });
    const { service } = await started({ telegram: { enabled: false }, x: { enabled: false } });
    await service.publish(fill());
    await eventually('sent on the third attempt', () => messageOf(service, 'discord')?.state === 'sent');
    expect(messageOf(service, 'discord')).toMatchObject({ attempts: 3, error: null });
    expect(on.fakes.discord.received[2]!.at - on.fakes.discord.received[1]!.at).toBeGreaterThanOrEqual(100); // 50 ms, then 100 ms
  });

  it('renders and records in dry-run without sending anything', async () => {
    const { service } = await started({ discord: { dryRun: true }, telegram: { dryRun: true }, x: { dryRun: true } });
    await service.publish(fill());
    expect(service.recent().map((m) => [m.channel, m.state])).toEqual(expect.arrayContaining([['discord', 'dryRun'], ['telegram', 'dryRun'], ['x', 'dryRun']]));
    expect(messageOf(service, 'x')!.text).toBe('Filled: buy 100 SPY at 450.12 (10:31 ET)');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(on.fakes.discord.received.length + on.fakes.telegram.received.length + on.fakes.x.received.length).toBe(0);
  });

  it('queues an event once per channel, heard twice or heard again by a restarted engine', async () => {
    const first = await started({ telegram: { enabled: false }, x: { enabled: false } });
    expect(await first.service.publish(fill())).toHaveLength(1);
    expect(await first.service.publish(fill())).toHaveLength(0);
    await eventually('sent', () => messageOf(first.service, 'discord')?.state === 'sent');
    await first.service.stop(100);
    const second = await started({ telegram: { enabled: false }, x: { enabled: false } });
    expect(await second.service.publish(fill())).toHaveLength(0);
    expect(messageOf(second.service, 'discord')!.state).toBe('sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(on.fakes.discord.received).toHaveLength(1);
  });

  it('fails a refused message at once with the channel’s words, and no error or stored message holds a secret', async () => {
    on.fakes.x.script(FakeX.forbidden('You are not permitted to perform this action.'));
    const secrets = { ...secretsFor(on.fakes), telegramBotToken: '999:wrong-telegram-token' };
    const closed = new FakeDiscord();
    await closed.listen();
    const deadUrl = closed.webhookUrl;
    await closed.close(); // a webhook nobody answers: a network error
    const { service } = await started({ retry: { maxAttempts: 2, baseDelaySeconds: 0.05, maxDelaySeconds: 1 } }, { ...secrets, discordWebhookUrl: deadUrl });
    await service.publish(fill());
    await eventually('all three failed', () => ['discord', 'telegram', 'x'].every((c) => messageOf(service, c)?.state === 'failed'), 10_000);
    expect(messageOf(service, 'telegram')).toMatchObject({ attempts: 1, error: 'HTTP 401: Unauthorized' });
    expect(messageOf(service, 'x')).toMatchObject({ attempts: 1, error: 'HTTP 403: Forbidden: You are not permitted to perform this action.' });
    expect(messageOf(service, 'discord')).toMatchObject({ attempts: 2, error: 'no answer: ECONNREFUSED' });
    const stored = JSON.stringify(await on.redis.client.hgetall(keys.distribution.outbox.key));
    for (const secret of ['wrong-telegram-token', 'discord-webhook-secret-token', X_TOKEN]) expect(stored).not.toContain(secret);
  });

  it('records a message for a channel whose secret is missing as failed, naming the variable to set', async () => {
    const { service } = await started({ discord: { enabled: false }, x: { enabled: false } }, { ...secretsFor(on.fakes), telegramBotToken: undefined });
    await service.publish(fill());
    await eventually('failed', () => messageOf(service, 'telegram')?.state === 'failed');
    expect(messageOf(service, 'telegram')!.error).toBe('TELEGRAM_BOT_TOKEN not set in .env');
    expect(service.channelViews().find((c) => c.name === 'telegram')).toMatchObject({ configured: false, problem: 'TELEGRAM_BOT_TOKEN not set in .env' });
  });

  it('reports a stored message it cannot read as bad input, leaves it in Redis, and still sends the others', async () => {
    const first = await started({ discord: { delaySeconds: 60 }, telegram: { enabled: false }, x: { enabled: false } });
    await first.service.publish(fill());
    await first.service.stop(100);
    await on.redis.client.hset(keys.distribution.outbox.key, 'broken@discord', '{"not": "a message"');
    const second = await started({ telegram: { enabled: false }, x: { enabled: false } });
    expect(second.problems).toEqual([`${keys.distribution.outbox.key} field broken@discord is not a readable message; left as it is`]);
    expect(await on.redis.client.hexists(keys.distribution.outbox.key, 'broken@discord')).toBe(1);
    expect(second.service.queueDepth).toBe(1); // the delayed fill, read back with its due time
  });

  it('holds a message back for the channel’s delay', async () => {
    const { service } = await started({ discord: { delaySeconds: 1 }, telegram: { enabled: false }, x: { enabled: false } });
    const before = Date.now();
    await service.publish(fill());
    await eventually('sent after the delay', () => on.fakes.discord.received.length === 1, 10_000);
    expect(on.fakes.discord.received[0]!.at - before).toBeGreaterThanOrEqual(1_000);
  });
});
