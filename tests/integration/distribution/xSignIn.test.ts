import axios from 'axios';
import { describe, expect, it } from 'vitest';
import type { DistributionSecrets } from '../../../core/config/settings';
import { xAuthorization } from '../../../core/distribution/channels/xAuth';
import type { DistributionService } from '../../../core/distribution/distributionService';
import { fillEvent } from '../../../core/distribution/eventFacts';
import { keys } from '../../../core/store/keys';
import { eventually } from '../../support/eventually';
import { FakeX, X_OAUTH1, X_TOKEN } from '../../support/fakeX';
import { eachTestOnFakes, secretsFor } from './distributionHarness';

const AT = Date.UTC(2026, 11, 7, 15, 31); // 10:31 New York
const fill = (execId: string) =>
  fillEvent({ execId, orderId: 7, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 100, price: 450.12, exchange: 'ARCA', time: AT, commission: 1 });
const X_ONLY = { discord: { enabled: false }, telegram: { enabled: false } };
const OAUTH1_SECRETS = Object.values(X_OAUTH1);
const ADVICE_OAUTH1 = 'HTTP 401: X refused the OAuth 1.0a keys (X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET): '
  + "check them against the app's Keys and tokens page (regenerating a key or token voids the old one) and this computer's clock (X: Unauthorized)";
const ADVICE_OAUTH2 = 'HTTP 401: X refused X_USER_TOKEN: an OAuth 2.0 token expires two hours after it is issued, or it was revoked. '
  + "Set X's OAuth 1.0a keys instead, which do not expire (X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET in .env; README, Distribution) (X: Unauthorized)";

const on = eachTestOnFakes();

async function xWith(secrets: Partial<DistributionSecrets>) {
  return (await on.start(X_ONLY, { ...secretsFor(on.fakes), ...secrets })).service;
}
const xMessages = (service: DistributionService) => service.recent().filter((m) => m.channel === 'x');
const stored = async () => JSON.stringify(await on.redis.client.hgetall(keys.distribution.outbox.key));

describe('posting to X with OAuth 1.0a keys or an OAuth 2.0 token, over HTTP', () => {
  it('signs each post with the OAuth 1.0a keys when all four are set, rather than X_USER_TOKEN, and the fake X accepts the signatures', async () => {
    const service = await xWith({ xOAuth1: X_OAUTH1, xUserToken: X_TOKEN });
    await service.publish(fill('a'));
    await service.publish(fill('b'));
    await eventually('both posted', () => xMessages(service).filter((m) => m.state === 'sent').length === 2);

    expect(on.fakes.x.texts()).toEqual(['Filled: buy 100 SPY at 450.12 (10:31 ET)', 'Filled: buy 100 SPY at 450.12 (10:31 ET)']);
    expect(xMessages(service).map((m) => m.remoteId).sort()).toEqual(['1700000001', '1700000002']);
    for (const { headers } of on.fakes.x.received) {
      expect(headers.authorization).toMatch(/^OAuth /);
      expect(headers.authorization).toContain(`oauth_consumer_key="${X_OAUTH1.apiKey}"`);
      expect(headers.authorization).toContain('oauth_signature_method="HMAC-SHA1"');
      for (const secret of [X_OAUTH1.apiSecret, X_OAUTH1.accessTokenSecret, X_TOKEN]) expect(headers.authorization).not.toContain(secret);
    }
  });

  it('fails a post at once when X refuses the OAuth 1.0a keys (a wrong secret), saying the keys were refused, with no key in the error or Redis', async () => {
    const wrong = { ...X_OAUTH1, accessTokenSecret: 'x-wrong-access-token-secret' };
    const service = await xWith({ xOAuth1: wrong, xUserToken: undefined });
    await service.publish(fill('a'));
    await eventually('failed', () => xMessages(service)[0]?.state === 'failed');

    expect(on.fakes.x.received).toHaveLength(1);
    expect(xMessages(service)[0]).toMatchObject({ attempts: 1, error: ADVICE_OAUTH1 });
    const outbox = await stored();
    for (const secret of [...OAUTH1_SECRETS, wrong.accessTokenSecret]) expect(outbox).not.toContain(secret);
  });

  it('says an OAuth 2.0 token X refuses has expired (they last two hours) or was revoked, and that the OAuth 1.0a keys do not expire', async () => {
    const service = await xWith({ xUserToken: 'x-expired-user-context-token' });
    await service.publish(fill('a'));
    await eventually('failed', () => xMessages(service)[0]?.state === 'failed');

    expect(on.fakes.x.received[0]!.headers.authorization).toBe('Bearer x-expired-user-context-token');
    expect(xMessages(service)[0]).toMatchObject({ attempts: 1, error: ADVICE_OAUTH2 });
    expect(await stored()).not.toContain('x-expired-user-context-token');
  });

  it('cuts each OAuth 1.0a key out of an answer that echoes it, in the error and in Redis', async () => {
    on.fakes.x.script(FakeX.forbidden(`Keys ${OAUTH1_SECRETS.join(' ')} may not post.`));
    const service = await xWith({ xOAuth1: X_OAUTH1 });
    await service.publish(fill('a'));
    await eventually('failed', () => xMessages(service)[0]?.state === 'failed');

    expect(xMessages(service)[0]!.error).toBe('HTTP 403: Forbidden: Keys [redacted] [redacted] [redacted] [redacted] may not post.');
    const outbox = await stored();
    for (const secret of OAUTH1_SECRETS) expect(outbox).not.toContain(secret);
  });

  it('records X messages as failed, naming the variables to set, when neither the OAuth 1.0a keys nor X_USER_TOKEN is set', async () => {
    const service = await xWith({ xOAuth1: undefined, xUserToken: undefined });
    await service.publish(fill('a'));
    await eventually('failed', () => xMessages(service)[0]?.state === 'failed');
    const problem = 'X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN, X_ACCESS_TOKEN_SECRET (or X_USER_TOKEN) not set in .env';
    expect(xMessages(service)[0]!.error).toBe(problem);
    expect(service.channelViews().find((c) => c.name === 'x')).toMatchObject({ configured: false, problem });
    expect(on.fakes.x.received).toHaveLength(0);
  });
});

describe('the fake X checks OAuth 1.0a signatures as X does', () => {
  const post = (authorization: string | undefined, url = `${on.fakes.x.url}/2/tweets`) =>
    axios.post(url, { text: 'hello' }, { headers: authorization ? { authorization } : {}, validateStatus: () => true, proxy: false });
  const signed = (keys = X_OAUTH1, url = `${on.fakes.x.url}/2/tweets`) => xAuthorization({ kind: 'oauth1', keys }, { method: 'POST', url });

  it('accepts a signed post and refuses a missing, a wrongly signed or a replayed one with X’s 401 problem JSON', async () => {
    const header = signed();
    expect((await post(header)).status).toBe(201);
    const unauthorized = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
    for (const refused of [undefined, signed({ ...X_OAUTH1, apiSecret: 'x-wrong-api-secret' }), header, header.replace(/oauth_signature="[^"]+"/, '')]) {
      const answer = await post(refused);
      expect(answer.status).toBe(401);
      expect(answer.data).toEqual(unauthorized);
    }
    expect((await post(`Bearer ${X_TOKEN}`)).status).toBe(201);
  });

  it('refuses a signature made for another URL', async () => {
    expect((await post(signed(X_OAUTH1, `${on.fakes.x.url}/2/tweets?dry=1`))).status).toBe(401);
  });
});
