import { describe, expect, it } from 'vitest';
import { truncateForX, xWeightedLength } from '../../../core/distribution/xText';

describe('X post length and truncation', () => {
  it('counts Latin text one per character and CJK and emoji two', () => {
    expect(xWeightedLength('SPY 450')).toBe(7);
    expect(xWeightedLength('株価')).toBe(4);
    expect(xWeightedLength('🚀')).toBe(2);
  });

  it('counts every URL as 23, however long', () => {
    expect(xWeightedLength(`see https://example.com/${'a'.repeat(100)}`)).toBe(4 + 23);
    expect(xWeightedLength('https://x.co')).toBe(23);
  });

  it('leaves a text of 280 untouched', () => {
    const text = 'a'.repeat(280);
    expect(truncateForX(text)).toEqual({ text, truncated: false });
  });

  it('cuts a longer text to 280 with an ellipsis at the end', () => {
    const { text, truncated } = truncateForX('word '.repeat(100));
    expect(truncated).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(xWeightedLength(text)).toBeLessThanOrEqual(280);
    expect(xWeightedLength(text)).toBeGreaterThanOrEqual(275);
  });

  it('never cuts a URL in half: it stays whole or goes', () => {
    const url = 'https://example.com/analysis/today';
    const { text } = truncateForX(`${'a'.repeat(260)} ${url} tail`);
    expect(text).toBe(`${'a'.repeat(260)}…`);
    const fits = truncateForX(`${'a'.repeat(200)} ${url} ${'b'.repeat(100)}`).text;
    expect(fits).toContain(url);
    expect(xWeightedLength(fits)).toBeLessThanOrEqual(280);
  });

  it('cuts wide characters by their weight, never past the limit', () => {
    const { text } = truncateForX('株'.repeat(200));
    expect(xWeightedLength(text)).toBeLessThanOrEqual(280);
    expect([...text].length).toBe(140);
  });
});
