import { afterEach, describe, expect, it } from 'vitest';
import { contractOf, eventually, redisPidOf } from '../../support/engineContract';
import { LIGHT_SYMBOLS, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';
import { FakeDiscord } from '../../support/fakeDiscord';
import { BOT_TOKEN, FakeTelegram } from '../../support/fakeTelegram';
import { FakeX, X_OAUTH1, X_TOKEN } from '../../support/fakeX';
import { alive } from '../../support/processes';
import { closeFakes, startFakes, type Fakes } from './distributionHarness';

const engines: EngineProcess[] = [];
const leftovers: number[] = [];
let fakes: Fakes | undefined;

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.stop()));
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  if (fakes) await closeFakes(fakes);
  fakes = undefined;
});

// Long enough that the kill lands inside every wait on a loaded machine (the 429s may arrive seconds apart).
const WAIT_SECONDS = 12;
const TEXTS = ['first', 'second', 'third'];
const on = { enabled: true, dryRun: false, delaySeconds: 0 };

async function engineWithChannels(f: Fakes, place?: { dataDir: string; configPath: string }): Promise<EngineProcess> {
  const configPath = place?.configPath ?? (await writeTestConfig({
    symbols: LIGHT_SYMBOLS,
    distribution: { discord: on, telegram: { ...on, apiBaseUrl: f.telegram.url }, x: { ...on, apiBaseUrl: f.x.url } },
  }));
  const env = {
    LOG_LEVEL: 'info', DISCORD_WEBHOOK_URL: f.discord.webhookUrl, TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_CHAT_ID: '-1001', X_USER_TOKEN: X_TOKEN,
    // X signs in with these (they win over X_USER_TOKEN): the fake X checks each signature the engine makes.
    X_API_KEY: X_OAUTH1.apiKey, X_API_SECRET: X_OAUTH1.apiSecret, X_ACCESS_TOKEN: X_OAUTH1.accessToken, X_ACCESS_TOKEN_SECRET: X_OAUTH1.accessTokenSecret,
  };
  const engine = await startEngineProcess({ configPath, dataDir: place?.dataDir, env });
  engines.push(engine);
  return engine;
}

/** The texts a fake took (2xx), without the " (HH:MM ET)" the test template adds. */
const accepted = (fake: FakeDiscord | FakeTelegram | FakeX, text: (body: unknown) => string) =>
  fake.received.filter((_r, i) => i > 0).map((r) => text(r.body).replace(/ \\?\(\d\d:\d\d ET\\?\)$/, ''));

describe('distribution across an engine crash', () => {
  it('kill -9 while every channel waits on a 429: after the restart each message arrives exactly once, after the wait, and no log holds a secret (X signed with OAuth 1.0a)', async () => {
    const f = (fakes = await startFakes());
    f.discord.script(FakeDiscord.rateLimited(WAIT_SECONDS));
    f.telegram.script(FakeTelegram.rateLimited(WAIT_SECONDS));
    f.x.script(FakeX.rateLimited(Math.ceil(Date.now() / 1000) + 60)); // X's window resets in a minute: the restart lands inside it
    const first = await engineWithChannels(f);
    const { client, close } = await contractOf(first);
    for (const text of TEXTS) for (const channel of ['discord', 'telegram', 'x'] as const) await client.call('testSendDistribution', { channel, text });
    close();
    await eventually('each channel answered 429 to the first message', () => [f.discord, f.telegram, f.x].every((fake) => fake.received.length === 1));
    const rateLimitedAt = Math.max(...[f.discord, f.telegram].map((fake) => fake.received[0]!.at));
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // inside the wait, the queue written (appendfsync everysec)
    leftovers.push(await redisPidOf(first)); // kill -9 leaves it running: the next engine shuts it down
    const firstOutput = first.output();
    expect(await first.stop('SIGKILL')).toBe(null);
    expect([f.discord, f.telegram, f.x].map((fake) => fake.received.length)).toEqual([1, 1, 1]); // nothing more went out

    f.x.script(FakeX.rateLimited(Math.ceil(Date.now() / 1000) + 2)); // X still limited right after the restart
    const second = await engineWithChannels(f, { dataDir: first.dataDir, configPath: first.configPath });
    await eventually('Discord and Telegram took all three', () => f.discord.received.length === 4 && f.telegram.received.length === 4, 40_000);
    await eventually('X took all three after its reset', () => f.x.received.length === 5, 80_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // nothing more comes

    expect(accepted(f.discord, (b) => (b as { content: string }).content)).toEqual(TEXTS);
    expect(accepted(f.telegram, (b) => (b as { text: string }).text)).toEqual(TEXTS);
    expect(f.x.received.slice(2).map((r) => (r.body as { text: string }).text.replace(/ \(\d\d:\d\d ET\)$/, ''))).toEqual(TEXTS);
    for (const fake of [f.discord, f.telegram]) expect(fake.received[1]!.at).toBeGreaterThanOrEqual(rateLimitedAt + WAIT_SECONDS * 1_000 - 1_000);

    const output = firstOutput + second.output();
    expect(second.output()).toContain('distribution message sent');
    expect(f.x.received.slice(2).every((r) => r.headers.authorization?.startsWith('OAuth '))).toBe(true);
    for (const secret of ['discord-webhook-secret-token', BOT_TOKEN, X_TOKEN, ...Object.values(X_OAUTH1)]) expect(output).not.toContain(secret);
  }, 180_000);
});
