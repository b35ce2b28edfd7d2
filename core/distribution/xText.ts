/**
 * X's length rule for a post (twitter-text, config v3), approximately: 280 weighted characters, where a code point
 * in the ranges below weighs 1 and any other (CJK, most emoji) weighs 2, and every URL weighs 23 whatever its length
 * (t.co wraps it). Emoji sequences joined by ZWJ are counted per code point here (X counts some as 2 in all):
 * slightly over-counting is safe, as the post then stays under the limit.
 */
export const X_TEXT_LIMIT = 280;
export const X_URL_WEIGHT = 23;
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [[0, 4351], [8192, 8205], [8208, 8223], [8242, 8247]];
const URL = /https?:\/\/\S+/g;
const ELLIPSIS = '…';

function weightOf(codePoint: number): number {
  return LIGHT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to) ? 1 : 2;
}

interface Piece {
  text: string;
  weight: number;
}

/** The text as pieces that cannot be split: each URL whole, every other code point alone. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const match of text.matchAll(URL)) {
    for (const c of text.slice(at, match.index)) out.push({ text: c, weight: weightOf(c.codePointAt(0)!) });
    out.push({ text: match[0], weight: X_URL_WEIGHT });
    at = match.index + match[0].length;
  }
  for (const c of text.slice(at)) out.push({ text: c, weight: weightOf(c.codePointAt(0)!) });
  return out;
}

export function xWeightedLength(text: string): number {
  return pieces(text).reduce((sum, p) => sum + p.weight, 0);
}

/**
 * The text as X will take it: unchanged when it fits, else cut at the last whole piece that leaves room for an
 * ellipsis (a URL is never cut in half: it goes whole or not at all), trailing spaces dropped before the ellipsis.
 */
export function truncateForX(text: string, limit = X_TEXT_LIMIT): { text: string; truncated: boolean } {
  const all = pieces(text);
  if (all.reduce((sum, p) => sum + p.weight, 0) <= limit) return { text, truncated: false };
  const room = limit - weightOf(ELLIPSIS.codePointAt(0)!);
  let kept = '';
  let weight = 0;
  for (const piece of all) {
    if (weight + piece.weight > room) break;
    kept += piece.text;
    weight += piece.weight;
  }
  return { text: `${kept.trimEnd()}${ELLIPSIS}`, truncated: true };
}
