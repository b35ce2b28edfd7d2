import { truncateForX, X_TEXT_LIMIT, xWeightedLength } from '../xText';
import type { ChannelClient } from './channelClient';
import { DEFAULT_RATE_LIMIT_WAIT_MS, failureOf, postJson } from './channelClient';

/**
 * X (API v2 POST /2/tweets {text}) as the account whose OAuth 2.0 user-context token is given (Bearer). Answers 201
 * {"data":{"id","text"}}; a 429 carries x-rate-limit-reset (epoch seconds); 401/403 a problem JSON
 * {"title","detail","type"}.
 */
export class XPosts implements ChannelClient {
  readonly name = 'x' as const;

  constructor(private readonly options: { apiBaseUrl: string; token: string; clock?: () => number }) {}

  format(text: string) {
    const cut = truncateForX(text);
    return { text: cut.text, length: xWeightedLength(cut.text), limit: X_TEXT_LIMIT, truncated: cut.truncated };
  }

  async send(text: string): Promise<{ remoteId: string | null }> {
    const { apiBaseUrl, token } = this.options;
    const response = await postJson(`${apiBaseUrl.replace(/\/$/, '')}/2/tweets`, { text }, { authorization: `Bearer ${token}` });
    const body = (response.data ?? {}) as { data?: { id?: unknown }; title?: unknown; detail?: unknown };
    if (response.status === 201 || response.status === 200) return { remoteId: typeof body.data?.id === 'string' ? body.data.id : null };
    const words = [body.title, body.detail].filter((w) => typeof w === 'string').join(': ') || 'unexpected answer';
    if (response.status === 429) throw failureOf(429, words, this.waitUntilReset(response.headers['x-rate-limit-reset']));
    throw failureOf(response.status, words);
  }

  /** x-rate-limit-reset is when the window resets (epoch seconds): wait until then (at least a second). */
  private waitUntilReset(header: unknown): number {
    const reset = Number(header);
    if (!Number.isFinite(reset) || reset <= 0) return DEFAULT_RATE_LIMIT_WAIT_MS;
    return Math.max(1_000, reset * 1_000 - (this.options.clock ?? Date.now)());
  }
}
