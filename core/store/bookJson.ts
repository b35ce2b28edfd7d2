import type { DepthView } from '../market/book';

interface ExchangeRows {
  bids: string[];
  asks: string[];
}

const list = (texts: readonly string[]): string => `[${texts.join(',')}]`;
const sides = (bids: readonly string[], asks: readonly string[]): string => `{"bids":${list(bids)},"asks":${list(asks)}}`;

/**
 * The market:{symbol}:book value, joined from the rows' cached JSON text: the same text as JSON.stringify of
 * the Book (consolidated, then one book per exchange in first-seen order, then the flags), without building
 * the Book's objects or serialising every row on every write.
 */
export function bookJson(symbol: string, book: DepthView, flags: { crossed: boolean; locked: boolean }): string {
  const bidsJson = book.rowsJson('bids');
  const asksJson = book.rowsJson('asks');
  const exchanges: Record<string, ExchangeRows> = {};
  book.bids.forEach((level, i) => (exchanges[level.exchange] ??= { bids: [], asks: [] }).bids.push(bidsJson[i]!));
  book.asks.forEach((level, i) => (exchanges[level.exchange] ??= { bids: [], asks: [] }).asks.push(asksJson[i]!));
  const perExchange = Object.keys(exchanges).map((name) => `${JSON.stringify(name)}:${sides(exchanges[name]!.bids, exchanges[name]!.asks)}`);
  return `{"symbol":${JSON.stringify(symbol)},"ts":${book.updatedAt},"consolidated":${sides(bidsJson, asksJson)},`
    + `"exchanges":{${perExchange.join(',')}},"crossed":${flags.crossed},"locked":${flags.locked}}`;
}
