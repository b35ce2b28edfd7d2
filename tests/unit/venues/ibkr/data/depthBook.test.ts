import { describe, expect, test } from 'vitest';
import { crossedOrLocked, DEPTH_OPERATION as OP, DEPTH_SIDE as SIDE, DepthBook, type DepthUpdate } from '../../../../../core/venues/ibkr/data/depthBook';

const row = (position: number, operation: number, side: number, price = 10, size = 100, exchange = 'NSDQ'): DepthUpdate =>
  ({ position, operation, side, price, size, exchange, marketMaker: exchange });

describe('depth book', () => {
  test('insert, update and delete by position keep rows in order', () => {
    const book = new DepthBook(10);
    expect(book.apply(row(0, OP.insert, SIDE.bid, 10.0), 1)).toBeNull();
    expect(book.apply(row(0, OP.insert, SIDE.bid, 10.01), 2)).toBeNull();
    expect(book.apply(row(1, OP.update, SIDE.bid, 10.0, 700, 'ARCA'), 3)).toBeNull();
    expect(book.bids.map((r) => [r.price, r.size, r.exchange])).toEqual([[10.01, 100, 'NSDQ'], [10.0, 700, 'ARCA']]);
    expect(book.apply(row(0, OP.delete, SIDE.bid), 4)).toBeNull();
    expect(book.bids.map((r) => r.price)).toEqual([10.0]);
    expect(book.updatedAt).toBe(4);
  });

  test('an insert past the end of a side is refused with the reason and changes nothing', () => {
    const book = new DepthBook(10);
    book.apply(row(0, OP.insert, SIDE.ask, 10.02), 1);
    expect(book.apply(row(3, OP.insert, SIDE.ask, 10.05), 2)).toBe('depth insert at position 3 but the side has 1 rows');
    expect(book.asks).toHaveLength(1);
  });

  test('updates and deletes of rows the book does not have are refused', () => {
    const book = new DepthBook(10);
    expect(book.apply(row(0, OP.update, SIDE.bid), 1)).toMatch(/update at position 0 but the side has 0 rows/);
    expect(book.apply(row(0, OP.delete, SIDE.ask), 1)).toMatch(/delete at position 0/);
    expect(book.apply(row(-1, OP.insert, SIDE.ask), 1)).toMatch(/not a row index/);
  });

  test('unknown sides, operations and impossible prices or sizes are named', () => {
    const book = new DepthBook(10);
    expect(book.apply(row(0, OP.insert, 7), 1)).toMatch(/side 7/);
    expect(book.apply(row(0, 9, SIDE.bid), 1)).toMatch(/operation 9/);
    expect(book.apply(row(0, OP.insert, SIDE.bid, 0), 1)).toMatch(/price 0 is not positive/);
    expect(book.apply(row(0, OP.insert, SIDE.bid, 10, -5), 1)).toMatch(/size -5 is negative/);
    expect(book.size).toBe(0);
  });

  test('a side never grows beyond the rows requested', () => {
    const book = new DepthBook(2);
    for (let i = 0; i < 4; i++) book.apply(row(0, OP.insert, SIDE.bid, 10 + i / 100), 1);
    expect(book.bids.map((r) => r.price)).toEqual([10.03, 10.02]);
  });

  test('a copy of the book does not change when the book does', () => {
    const book = new DepthBook(5);
    book.apply(row(0, OP.insert, SIDE.bid, 10), 1);
    const before = book.snapshot();
    book.apply(row(0, OP.update, SIDE.bid, 10, 999), 2);
    expect(before.bids[0]!.size).toBe(100);
  });

  test('crossed and locked books are flagged', () => {
    const level = (price: number) => ({ price, size: 1, exchange: 'X', marketMaker: 'X' });
    expect(crossedOrLocked({ bids: [level(10.02)], asks: [level(10.01)] })).toEqual({ crossed: true, locked: false });
    expect(crossedOrLocked({ bids: [level(10.01)], asks: [level(10.01)] })).toEqual({ crossed: false, locked: true });
    expect(crossedOrLocked({ bids: [level(10)], asks: [] })).toEqual({ crossed: false, locked: false });
  });
});
