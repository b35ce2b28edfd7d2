import { describe, expect, test } from 'vitest';
import { booksByExchange, crossedOrLocked, type Book, type DepthView } from '../../../core/market/book';
import { bookJson } from '../../../core/store/bookJson';
import { DEPTH_OPERATION as OP, DEPTH_SIDE as SIDE } from '../../../core/venues/ibkr/data/depthBook';
import { SymbolState } from '../../../core/venues/ibkr/data/symbolState';

/** What market:{symbol}:book holds, built as objects: the consolidated rows, one book per exchange, the flags. */
function bookObject(symbol: string, book: DepthView): Book {
  const consolidated = book.snapshot();
  return { symbol, ts: book.updatedAt, consolidated, exchanges: booksByExchange(consolidated), ...crossedOrLocked(consolidated) };
}

const textOf = (state: SymbolState) => bookJson(state.symbol, state.book!, crossedOrLocked(state.book!));

const EXCHANGES = ['NSDQ', 'ARCA', 'BATS', 'IEX'];

/** A deterministic stream of inserts, updates and deletes, every one valid for the book as it stands. */
function randomBook(seed: number, updates: number): SymbolState {
  const state = new SymbolState('SPY', true);
  let x = seed;
  const next = (n: number) => (x = (x * 1103515245 + 12345) % 2 ** 31) % n;
  for (let i = 0; i < updates; i++) {
    const side = next(2) === 0 ? SIDE.bid : SIDE.ask;
    const rows = side === SIDE.bid ? state.book!.bids.length : state.book!.asks.length;
    const operation = rows === 0 ? OP.insert : next(3);
    const position = next(operation === OP.insert ? rows + 1 : rows);
    const exchange = EXCHANGES[next(EXCHANGES.length)]!;
    const price = 400 + (side === SIDE.bid ? -1 : 1) * (position + next(100) / 100);
    expect(state.applyDepth({ position, operation, side, price, size: 100 * (1 + next(50)), exchange, marketMaker: exchange }, 1000 + i)).toBeNull();
  }
  return state;
}

describe('book JSON for Redis', () => {
  test.each([1, 2, 3, 42])('is the same text as JSON.stringify of the snapshot (seed %i)', (seed) => {
    const state = randomBook(seed, 500);
    expect(textOf(state)).toBe(JSON.stringify(bookObject('SPY', state.book!)));
  });

  test('an empty or cleared book is written as empty sides', () => {
    const state = randomBook(7, 50);
    state.book!.clear(5);
    expect(textOf(state)).toBe(JSON.stringify(bookObject('SPY', state.book!)));
    expect(JSON.parse(textOf(state))).toMatchObject({ consolidated: { bids: [], asks: [] }, exchanges: {}, ts: 5 });
  });

  test('a crossed book is flagged crossed', () => {
    const state = new SymbolState('SPY', true);
    state.applyDepth({ position: 0, operation: OP.insert, side: SIDE.bid, price: 10, size: 1, exchange: 'ARCA', marketMaker: 'ARCA' }, 1);
    state.applyDepth({ position: 0, operation: OP.insert, side: SIDE.ask, price: 9.99, size: 1, exchange: 'NSDQ', marketMaker: 'NSDQ' }, 2);
    expect(JSON.parse(textOf(state))).toMatchObject({ crossed: true, locked: false });
  });
});
