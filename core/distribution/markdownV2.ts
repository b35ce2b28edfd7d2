/**
 * Telegram's MarkdownV2 escaping (Bot API "Formatting options"): outside entities every one of
 * _ * [ ] ( ) ~ ` > # + - = | { } . ! and the backslash itself must be preceded by a backslash, or Telegram refuses the
 * message ("can't parse entities"). The distribution sends plain text, so all of it is escaped: it shows as written.
 */
const SPECIAL = /[_*[\]()~`>#+\-=|{}.!\\]/g;

export function escapeMarkdownV2(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`);
}

/** Telegram's limit on a message's text, counted after entity parsing (the escapes are not shown, so not counted). */
export const TELEGRAM_TEXT_LIMIT = 4096;
