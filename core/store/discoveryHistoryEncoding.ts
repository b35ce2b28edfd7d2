import type { Bar } from '../market/bar';
import type { BookLevel } from '../market/book';
import type { BookSnapshot, HistoryTrade } from '../market/marketHistory';
import type { Aggressor } from '../market/trade';

/**
 * The text of one discovery-history stream entry (its one field `d`). Trades arrive up to tens a second per symbol,
 * so each kind is a short comma-separated line rather than JSON (a trade is ~30 bytes), and one entry holds a
 * second of a symbol's prints: two hours are 7,200 entries to read, whatever the trade rate.
 * - trades: `price,size,ts,aggressor` per print (aggressor b / s / u), joined by `;`, oldest first
 * - bar:   `time,open,high,low,close,volume,wap,count` (time: the bar start, epoch ms)
 * - book:  `ts|bids|asks`, each side `price,size,exchange,marketMaker` rows joined by `;`, best first
 * A decoder answers null for text it cannot read, never throws.
 */

const AGGRESSOR_CODE: Record<Aggressor, string> = { buy: 'b', sell: 's', unknown: 'u' };
const AGGRESSOR_OF = new Map<string, Aggressor>([['b', 'buy'], ['s', 'sell'], ['u', 'unknown']]);
const DELIMITER = /[,;|]/;
const DELIMITERS = /[,;|]/g;

/** Number() reads '' and ' ' as 0: an empty field is not a number here. */
const num = (text: string | undefined): number => (text === undefined || text.trim() === '' ? NaN : Number(text));

export function encodeTrade(trade: HistoryTrade): string {
  return `${trade.price},${trade.size},${trade.ts},${AGGRESSOR_CODE[trade.aggressor]}`;
}

/** Several prints, oldest first, as one entry. */
export function encodeTrades(trades: readonly HistoryTrade[]): string {
  return trades.map(encodeTrade).join(';');
}

/** The prints of one entry that decode, and how many did not (one split per entry: a busy second holds dozens). */
export function decodeTrades(text: string): { trades: HistoryTrade[]; skipped: number } {
  const trades: HistoryTrade[] = [];
  let skipped = 0;
  const prints = text.split(';');
  const fields = text.split(/[;,]/);
  if (fields.length !== prints.length * 4) {
    // Some print has the wrong number of fields: read them one at a time.
    for (const part of prints) {
      const trade = decodeTrade(part);
      if (trade) trades.push(trade);
      else skipped++;
    }
    return { trades, skipped };
  }
  for (let f = 0; f < fields.length; f += 4) {
    const trade = tradeOf(fields[f]!, fields[f + 1]!, fields[f + 2]!, fields[f + 3]!);
    if (trade) trades.push(trade);
    else skipped++;
  }
  return { trades, skipped };
}

export function decodeTrade(text: string): HistoryTrade | null {
  const parts = text.split(',');
  return parts.length === 4 ? tradeOf(parts[0]!, parts[1]!, parts[2]!, parts[3]!) : null;
}

function tradeOf(priceText: string, sizeText: string, tsText: string, aggressorText: string): HistoryTrade | null {
  const price = num(priceText);
  const size = num(sizeText);
  const ts = num(tsText);
  const aggressor = AGGRESSOR_OF.get(aggressorText);
  if (!(price > 0) || !(size >= 0) || !Number.isFinite(price) || !Number.isFinite(size) || !Number.isSafeInteger(ts) || !aggressor) return null;
  return { price, size, ts, aggressor };
}

export function encodeBar(bar: Bar): string {
  return `${bar.time},${bar.open},${bar.high},${bar.low},${bar.close},${bar.volume},${bar.wap},${bar.count}`;
}

export function decodeBar(symbol: string, text: string): Bar | null {
  const parts = text.split(',');
  if (parts.length !== 8) return null;
  const numbers = parts.map(num);
  if (!numbers.every(Number.isFinite)) return null;
  const [time, open, high, low, close, volume, wap, count] = numbers as [number, number, number, number, number, number, number, number];
  if (!Number.isSafeInteger(time) || !(volume >= 0) || !(count >= 0)) return null;
  return { symbol, time, open, high, low, close, volume, wap, count };
}

/** A market-participant code without the delimiters the line uses (real codes are letters). */
const code = (text: string): string => (DELIMITER.test(text) ? text.replace(DELIMITERS, '') : text);

function encodeRows(rows: readonly BookLevel[]): string {
  return rows.map((r) => `${r.price},${r.size},${code(r.exchange)},${code(r.marketMaker)}`).join(';');
}

/** The rows part alone: what tells whether the top of the book changed since the last snapshot. */
export function encodeBookRows(bids: readonly BookLevel[], asks: readonly BookLevel[]): string {
  return `${encodeRows(bids)}|${encodeRows(asks)}`;
}

export function encodeBook(snapshot: BookSnapshot): string {
  return `${snapshot.ts}|${encodeBookRows(snapshot.bids, snapshot.asks)}`;
}

function decodeRows(text: string): BookLevel[] | null {
  if (text === '') return [];
  const rows: BookLevel[] = [];
  for (const row of text.split(';')) {
    const parts = row.split(',');
    if (parts.length !== 4) return null;
    const price = num(parts[0]);
    const size = num(parts[1]);
    const exchange = parts[2]!;
    const marketMaker = parts[3]!;
    if (!(price > 0) || !(size >= 0) || !Number.isFinite(price) || !Number.isFinite(size) || exchange === '' || marketMaker === '') return null;
    rows.push({ price, size, exchange, marketMaker });
  }
  return rows;
}

export function decodeBook(text: string): BookSnapshot | null {
  const parts = text.split('|');
  if (parts.length !== 3) return null;
  const ts = num(parts[0]);
  const bids = decodeRows(parts[1]!);
  const asks = decodeRows(parts[2]!);
  if (!Number.isSafeInteger(ts) || !bids || !asks) return null;
  return { ts, bids, asks };
}
