import type { Redis } from 'ioredis';
import type { HistoryTrade, SymbolHistory } from '../market/marketHistory';
import { moduleLogger } from '../runtime/logger';
import { decodeBar, decodeBook, decodeTrades } from './discoveryHistoryEncoding';
import { keys } from './keys';

/** Entries per XRANGE: a two-hour read of a busy symbol is a few dozen short commands, not one that stalls Redis. */
const PAGE = 10_000;
const log = moduleLogger('discoveryHistory');

type StreamPage = Array<[id: string, fields: string[]]>;

/** Every entry's `d` text with an id time in [from, to] (epoch ms, both inclusive), oldest first. */
async function readStream(redis: Redis, key: string, from: number, to: number): Promise<string[]> {
  const texts: string[] = [];
  let start = String(Math.max(0, Math.floor(from)));
  const end = String(Math.max(0, Math.floor(to)));
  for (;;) {
    const page = (await redis.xrange(key, start, end, 'COUNT', PAGE)) as StreamPage;
    for (const [, fields] of page) {
      const at = fields.indexOf('d');
      texts.push(at >= 0 && at % 2 === 0 ? (fields[at + 1] ?? '') : '');
    }
    if (page.length < PAGE) return texts;
    start = `(${page[page.length - 1]![0]}`;
  }
}

/** Decodes each text; what does not decode is left out and counted. */
function decodeAll<T>(texts: readonly string[], decode: (text: string) => T | null): { values: T[]; skipped: number } {
  const values: T[] = [];
  let skipped = 0;
  for (const text of texts) {
    const value = decode(text);
    if (value === null) skipped++;
    else values.push(value);
  }
  return { values, skipped };
}

/** The prints of every entry, oldest first; a print that does not decode is left out and counted. */
function decodeTradeEntries(texts: readonly string[]): { values: HistoryTrade[]; skipped: number } {
  const values: HistoryTrade[] = [];
  let skipped = 0;
  for (const text of texts) {
    const entry = decodeTrades(text);
    for (const trade of entry.trades) values.push(trade);
    skipped += entry.skipped;
  }
  return { values, skipped };
}

/**
 * The discovery history of one symbol whose entries were written in [from, to] (epoch ms, by entry id: the engine's
 * clock), oldest first: its trades, five-second bars and Level 2 snapshots. Prints are stored a second to an entry, so the
 * window's edges are as fine as that: the prints of an entry begun in the window are in. An entry (a print, for
 * trades) that does not parse is left out, counted in `skipped` and logged; a Redis error rejects (the caller reports it).
 */
export async function readSymbolHistory(redis: Redis, symbol: string, from: number, to: number): Promise<SymbolHistory> {
  const [tradeTexts, barTexts, bookTexts] = await Promise.all([
    readStream(redis, keys.history.trades(symbol).key, from, to),
    readStream(redis, keys.history.bars(symbol).key, from, to),
    readStream(redis, keys.history.books(symbol).key, from, to),
  ]);
  const trades = decodeTradeEntries(tradeTexts);
  const bars = decodeAll(barTexts, (text) => decodeBar(symbol, text));
  const books = decodeAll(bookTexts, decodeBook);
  const skipped = trades.skipped + bars.skipped + books.skipped;
  if (skipped > 0) {
    log.warn({ symbol, trades: trades.skipped, bars: bars.skipped, books: books.skipped }, 'discovery history entries that do not parse were skipped');
  }
  return { symbol, from, to, trades: trades.values, bars: bars.values, books: books.values, skipped };
}
