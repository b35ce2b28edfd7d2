import { escapeMarkdownV2, TELEGRAM_TEXT_LIMIT } from '../markdownV2';
import type { ChannelClient } from './channelClient';
import { DEFAULT_RATE_LIMIT_WAIT_MS, failureOf, postJson } from './channelClient';

const ELLIPSIS = '…';

/**
 * A Telegram bot posting to one chat (Bot API sendMessage, parse_mode MarkdownV2, the whole text escaped). Answers
 * {"ok":true,"result":{"message_id",…}} or {"ok":false,"error_code","description","parameters":{"retry_after"}}.
 * The bot token is part of the URL path: it never appears in an error (see ChannelSendError).
 */
export class TelegramBot implements ChannelClient {
  readonly name = 'telegram' as const;

  constructor(private readonly options: { apiBaseUrl: string; token: string; chatId: string }) {}

  /** Cut to Telegram's 4096 characters as shown (escapes are not shown), then escaped. */
  format(text: string) {
    const chars = [...text];
    const truncated = chars.length > TELEGRAM_TEXT_LIMIT;
    const shown = truncated ? `${chars.slice(0, TELEGRAM_TEXT_LIMIT - 1).join('')}${ELLIPSIS}` : text;
    return { text: escapeMarkdownV2(shown), length: [...shown].length, limit: TELEGRAM_TEXT_LIMIT, truncated };
  }

  async send(text: string): Promise<{ remoteId: string | null }> {
    const { apiBaseUrl, token, chatId } = this.options;
    const response = await postJson(`${apiBaseUrl.replace(/\/$/, '')}/bot${token}/sendMessage`, { chat_id: chatId, text, parse_mode: 'MarkdownV2' });
    const body = (response.data ?? {}) as { ok?: unknown; result?: { message_id?: unknown }; description?: unknown; parameters?: { retry_after?: unknown } };
    if (response.status === 200 && body.ok === true) {
      const id = body.result?.message_id;
      return { remoteId: typeof id === 'number' || typeof id === 'string' ? String(id) : null };
    }
    const words = typeof body.description === 'string' ? body.description : 'unexpected answer';
    if (response.status === 429) {
      const seconds = body.parameters?.retry_after;
      throw failureOf(429, words, typeof seconds === 'number' && seconds >= 0 ? seconds * 1_000 : DEFAULT_RATE_LIMIT_WAIT_MS);
    }
    throw failureOf(response.status, words);
  }
}
