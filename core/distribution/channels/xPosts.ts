import { truncateForX, X_TEXT_LIMIT, xWeightedLength } from '../xText';
import type { ChannelClient } from './channelClient';
import { DEFAULT_RATE_LIMIT_WAIT_MS, failureOf, postJson } from './channelClient';
import { xAuthorization, xUnauthorizedAdvice, type XCredentials } from './xAuth';

/**
 * X (API v2 POST /2/tweets {text}) as the account the credentials sign in as: OAuth 1.0a User Context (signed) or an
 * OAuth 2.0 user-context token (Bearer). Answers 201 {"data":{"id","text"}}; a 429 carries x-rate-limit-reset (epoch
 * seconds); 401/403 a problem JSON {"title","detail","type"}.
 */
export class XPosts implements ChannelClient {
  readonly name = 'x' as const;
  private readonly url: string;

  constructor(private readonly options: { apiBaseUrl: string; credentials: XCredentials; clock?: () => number }) {
    // Normalized (host lower-cased, a default port dropped) so the URL signed is the URL requested.
    this.url = new URL(`${options.apiBaseUrl.replace(/\/$/, '')}/2/tweets`).href;
  }

  format(text: string) {
    const cut = truncateForX(text);
    return { text: cut.text, length: xWeightedLength(cut.text), limit: X_TEXT_LIMIT, truncated: cut.truncated };
  }

  async send(text: string): Promise<{ remoteId: string | null }> {
    const { credentials } = this.options;
    const authorization = xAuthorization(credentials, { method: 'POST', url: this.url });
    const response = await postJson(this.url, { text }, { authorization });
    const body = (response.data ?? {}) as { data?: { id?: unknown }; title?: unknown; detail?: unknown };
    if (response.status === 201 || response.status === 200) return { remoteId: typeof body.data?.id === 'string' ? body.data.id : null };
    const words = [...new Set([body.title, body.detail].filter((w) => typeof w === 'string'))].join(': ') || 'unexpected answer';
    if (response.status === 429) throw failureOf(429, words, this.waitUntilReset(response.headers['x-rate-limit-reset']));
    if (response.status === 401) throw failureOf(401, `${xUnauthorizedAdvice(credentials)} (X: ${words})`);
    throw failureOf(response.status, words);
  }

  /** x-rate-limit-reset is when the window resets (epoch seconds): wait until then (at least a second). */
  private waitUntilReset(header: unknown): number {
    const reset = Number(header);
    if (!Number.isFinite(reset) || reset <= 0) return DEFAULT_RATE_LIMIT_WAIT_MS;
    return Math.max(1_000, reset * 1_000 - (this.options.clock ?? Date.now)());
  }
}
