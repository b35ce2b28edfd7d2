import type { ChannelClient } from './channelClient';
import { DEFAULT_RATE_LIMIT_WAIT_MS, failureOf, postJson } from './channelClient';

/** Discord's limit on a message's `content`. */
export const DISCORD_CONTENT_LIMIT = 2000;
const ELLIPSIS = '…';

/**
 * A Discord channel webhook (Execute Webhook): POST {content} to the webhook URL with ?wait=true, so Discord answers
 * the created message (its id) instead of 204. Mentions are switched off (allowed_mentions: no @everyone from a
 * signal's text). A 429 answers {"message","retry_after" (seconds, a float),"global"}.
 */
export class DiscordWebhook implements ChannelClient {
  readonly name = 'discord' as const;

  constructor(private readonly webhookUrl: string) {
    if (!/^https?:\/\/\S+$/.test(webhookUrl)) throw new Error('DISCORD_WEBHOOK_URL is not a URL (expected https://discord.com/api/webhooks/<id>/<token>)');
  }

  format(text: string) {
    const chars = [...text];
    const truncated = chars.length > DISCORD_CONTENT_LIMIT;
    const out = truncated ? `${chars.slice(0, DISCORD_CONTENT_LIMIT - 1).join('')}${ELLIPSIS}` : text;
    return { text: out, length: [...out].length, limit: DISCORD_CONTENT_LIMIT, truncated };
  }

  async send(text: string): Promise<{ remoteId: string | null }> {
    const url = `${this.webhookUrl}${this.webhookUrl.includes('?') ? '&' : '?'}wait=true`;
    const response = await postJson(url, { content: text, allowed_mentions: { parse: [] } });
    const body = (response.data ?? {}) as { id?: unknown; message?: unknown; retry_after?: unknown };
    if (response.status === 200 || response.status === 204) return { remoteId: typeof body.id === 'string' ? body.id : null };
    if (response.status === 429) {
      const seconds = typeof body.retry_after === 'number' ? body.retry_after : Number(response.headers['retry-after']);
      const waitMs = Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1_000) : DEFAULT_RATE_LIMIT_WAIT_MS;
      throw failureOf(429, `rate limited${typeof body.message === 'string' ? ` (${body.message})` : ''}`, waitMs);
    }
    throw failureOf(response.status, typeof body.message === 'string' ? body.message : 'unexpected answer');
  }
}

