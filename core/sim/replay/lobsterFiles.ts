import fs from 'node:fs';

/** LOBSTER event types (message file column 2). */
export const LOBSTER_TYPE = { submit: 1, cancel: 2, delete: 3, executeVisible: 4, executeHidden: 5, cross: 6, halt: 7 } as const;

export interface LobsterMessage {
  /** Seconds after midnight (New York), with decimals. */
  time: number;
  type: number;
  orderId: number;
  size: number;
  /** Dollars × 10000. */
  price: number;
  /** 1 buy limit order, -1 sell limit order. */
  direction: 1 | -1;
}

export interface LobsterLevel {
  price: number;
  size: number;
}

/** The book after a message: best level first, empty levels left out. */
export interface LobsterBook {
  asks: LobsterLevel[];
  bids: LobsterLevel[];
}

export class LobsterFormatError extends Error {}

/** LOBSTER fills empty levels with these dummy prices. */
const EMPTY_ASK = 9_999_999_999;
const EMPTY_BID = -9_999_999_999;

function numbers(line: string, lineNo: number, file: string, expected?: number): number[] {
  const values = line.split(',').map((v) => Number(v.trim()));
  if (values.some((v) => !Number.isFinite(v)) || (expected !== undefined && values.length !== expected)) {
    throw new LobsterFormatError(`${file} line ${lineNo}: expected ${expected ?? 'numeric'} comma-separated numbers, got "${line.slice(0, 80)}"`);
  }
  return values;
}

function dataLines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

export function parseLobsterMessages(text: string): LobsterMessage[] {
  return dataLines(text).map((line, i) => {
    const [time, type, orderId, size, price, direction] = numbers(line, i + 1, 'message file', 6) as [number, number, number, number, number, number];
    if (type < 1 || type > 7 || (direction !== 1 && direction !== -1)) throw new LobsterFormatError(`message file line ${i + 1}: bad type ${type} or direction ${direction}`);
    return { time, type, orderId, size, price, direction };
  });
}

export function parseLobsterOrderbook(text: string): LobsterBook[] {
  return dataLines(text).map((line, i) => {
    const values = numbers(line, i + 1, 'orderbook file');
    if (values.length % 4 !== 0) throw new LobsterFormatError(`orderbook file line ${i + 1}: ${values.length} columns is not 4 per level`);
    const book: LobsterBook = { asks: [], bids: [] };
    for (let c = 0; c < values.length; c += 4) {
      const [askPrice, askSize, bidPrice, bidSize] = values.slice(c, c + 4) as [number, number, number, number];
      if (askPrice !== EMPTY_ASK && askSize > 0) book.asks.push({ price: askPrice, size: askSize });
      if (bidPrice !== EMPTY_BID && bidSize > 0) book.bids.push({ price: bidPrice, size: bidSize });
    }
    return book;
  });
}

/** Symbol and date from a LOBSTER file name such as AAPL_2012-06-21_34200000_57600000_message_10.csv. */
export function lobsterNameParts(path: string): { symbol?: string; date?: string } {
  const m = /([A-Z.]+)_(\d{4}-\d{2}-\d{2})_\d+_\d+_(?:message|orderbook)_\d+\.csv$/.exec(path);
  return m ? { symbol: m[1], date: m[2] } : {};
}

export function readLobster(messagePath: string, orderbookPath: string): { messages: LobsterMessage[]; books: LobsterBook[] } {
  const messages = parseLobsterMessages(fs.readFileSync(messagePath, 'utf8'));
  const books = parseLobsterOrderbook(fs.readFileSync(orderbookPath, 'utf8'));
  if (messages.length !== books.length) {
    throw new LobsterFormatError(`message file has ${messages.length} rows but orderbook file has ${books.length}; they must match row for row`);
  }
  return { messages, books };
}
