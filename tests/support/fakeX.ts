import type { XOAuth1Keys } from '../../core/distribution/channels/xAuth';
import { FakeHttpApi, type Answer, type Received } from './fakeHttpApi';
import { oauth1Signature, oauthHeaderParams } from './oauth1Signature';

export const X_TOKEN = 'x-user-context-secret-token';
export const X_OAUTH1: XOAuth1Keys = {
  apiKey: 'x-api-key-consumer-key-0001',
  apiSecret: 'x-api-secret-consumer-secret-0002',
  accessToken: '1500000000-x-access-token-0003',
  accessTokenSecret: 'x-access-token-secret-0004',
};

/** Whom the fake X lets post: an OAuth 2.0 user token (Bearer), OAuth 1.0a keys, or both. */
export interface XAccount {
  bearer?: string;
  oauth1?: XOAuth1Keys;
}

/** X accepts a signature made this long before or after its own clock. */
const TIMESTAMP_WINDOW_S = 300;

/**
 * Whether a request signs in: `Bearer <token>`, or an OAuth 1.0a header whose consumer key and token are the account's
 * and whose HMAC-SHA1 signature, recomputed here from the method, the URL, the query and the oauth_* parameters with
 * the consumer and token secrets (a JSON body is not signed), matches; its timestamp recent and its nonce not seen.
 */
function signInCheck(account: XAccount): (request: Received) => boolean {
  const nonces = new Set<string>();
  return (request) => {
    const header = request.headers.authorization;
    if (account.bearer && header === `Bearer ${account.bearer}`) return true;
    const oauth = oauthHeaderParams(header);
    const keys = account.oauth1;
    if (!oauth || !keys) return false;
    if (oauth.get('oauth_consumer_key') !== keys.apiKey || oauth.get('oauth_token') !== keys.accessToken) return false;
    if (oauth.get('oauth_signature_method') !== 'HMAC-SHA1' || (oauth.get('oauth_version') ?? '1.0') !== '1.0') return false;
    const nonce = oauth.get('oauth_nonce');
    const age = Math.abs(Date.now() / 1000 - Number(oauth.get('oauth_timestamp')));
    if (!nonce || nonces.has(nonce) || !(age <= TIMESTAMP_WINDOW_S)) return false;
    const url = new URL(request.path, `http://${request.headers.host}`);
    const params = [...[...oauth].filter(([k]) => k !== 'oauth_signature' && k !== 'realm'), ...url.searchParams];
    const expected = oauth1Signature({ method: request.method, baseUrl: `${url.origin}${url.pathname}`, params }, keys.apiSecret, keys.accessTokenSecret);
    if (oauth.get('oauth_signature') !== expected) return false;
    nonces.add(nonce);
    return true;
  };
}

/**
 * X API v2 on 127.0.0.1: POST /2/tweets {text}, signed in with OAuth 1.0a User Context or Authorization: Bearer <user
 * token>, answers 201 {"data":{"id","text","edit_history_tweet_ids"}}; a wrong or missing sign-in 401 problem JSON;
 * text over 280 403 problem JSON (X refuses an over-long post); 429 with x-rate-limit-reset (epoch seconds).
 */
export class FakeX extends FakeHttpApi {
  constructor(account: XAccount = { bearer: X_TOKEN, oauth1: X_OAUTH1 }) {
    const signedIn = signInCheck(account);
    super((request, count) => {
      if (request.path !== '/2/tweets') return { status: 404, body: { title: 'Not Found Error', detail: 'no such route', type: 'about:blank', status: 404 } };
      if (!signedIn(request)) return FakeX.unauthorized();
      const text = (request.body as { text?: unknown }).text;
      if (typeof text !== 'string' || [...text].length > 280) return FakeX.forbidden('Your Tweet text is too long.');
      const id = `17${String(count).padStart(8, '0')}`;
      return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
    });
  }

  /** X's answer to a sign-in it does not accept (an expired token, a bad signature). */
  static unauthorized(): Answer {
    return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
  }

  static forbidden(detail: string): Answer {
    return { status: 403, body: { title: 'Forbidden', type: 'about:blank', status: 403, detail } };
  }

  static rateLimited(resetEpochSeconds: number): Answer {
    return {
      status: 429,
      body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetEpochSeconds) },
    };
  }

  texts(): string[] {
    return this.received.map((r) => (r.body as { text: string }).text);
  }
}

export async function startFakeX(account?: XAccount): Promise<FakeX> {
  return new FakeX(account).listen();
}
