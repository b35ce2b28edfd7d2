import { describe, expect, it } from 'vitest';
import { escapeMarkdownV2 } from '../../../core/distribution/markdownV2';

describe('Telegram MarkdownV2 escaping', () => {
  it('puts a backslash before every character Telegram reserves', () => {
    const reserved = '_*[]()~`>#+-=|{}.!';
    expect(escapeMarkdownV2(reserved)).toBe([...reserved].map((c) => `\\${c}`).join(''));
  });

  it('escapes the backslash itself, so a message with one still parses', () => {
    expect(escapeMarkdownV2('C:\\path')).toBe('C:\\\\path');
  });

  it('leaves letters, digits, spaces, new lines and other symbols as they are', () => {
    expect(escapeMarkdownV2('SPY 450 call: buy 2 @ $1,25 ≥ 0.9\nok')).toBe('SPY 450 call: buy 2 @ $1,25 ≥ 0\\.9\nok');
  });

  it('escapes a signal line the way Telegram needs it', () => {
    expect(escapeMarkdownV2('Filled: buy 100 SPY at 450.12 (10:31 ET) - zeroDte_1!')).toBe('Filled: buy 100 SPY at 450\\.12 \\(10:31 ET\\) \\- zeroDte\\_1\\!');
  });
});
