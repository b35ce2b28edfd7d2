import { FakeHttpApi, type Answer } from './fakeHttpApi';

export const BOT_TOKEN = '123456:telegram-bot-secret-token';

/**
 * The Telegram Bot API on 127.0.0.1: POST /bot<token>/sendMessage {chat_id, text, parse_mode} answers
 * {"ok":true,"result":{message_id, chat, date, text}}; a wrong token 401 {"ok":false,"error_code":401,"description":
 * "Unauthorized"}; text that is not valid MarkdownV2 400 "can't parse entities" (checked as Telegram does: a reserved
 * character not escaped); 429 with parameters.retry_after.
 */
export class FakeTelegram extends FakeHttpApi {
  constructor(token = BOT_TOKEN) {
    super((request, count) => {
      if (request.path !== `/bot${token}/sendMessage`) return { status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } };
      const { chat_id: chatId, text, parse_mode: mode } = request.body as { chat_id?: unknown; text?: unknown; parse_mode?: unknown };
      if (typeof text !== 'string' || text.length === 0) return FakeTelegram.error(400, 'Bad Request: message text is empty');
      if (mode === 'MarkdownV2') {
        const bad = unescapedReserved(text);
        if (bad !== null) return FakeTelegram.error(400, `Bad Request: can't parse entities: Character '${bad}' is reserved and must be escaped with the preceding '\\'`);
      }
      return { status: 200, body: { ok: true, result: { message_id: count, chat: { id: chatId }, date: Math.floor(Date.now() / 1000), text } } };
    });
  }

  static error(code: number, description: string): Answer {
    return { status: code, body: { ok: false, error_code: code, description } };
  }

  static rateLimited(retryAfterSeconds: number): Answer {
    return { status: 429, body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfterSeconds}`, parameters: { retry_after: retryAfterSeconds } } };
  }

  texts(): string[] {
    return this.received.map((r) => (r.body as { text: string }).text);
  }
}

/** The first MarkdownV2 reserved character not preceded by a backslash (plain text only: no entities expected). */
function unescapedReserved(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if ('_*[]()~`>#+-=|{}.!'.includes(c)) return c;
  }
  return null;
}

export async function startFakeTelegram(token = BOT_TOKEN): Promise<FakeTelegram> {
  return new FakeTelegram(token).listen();
}
