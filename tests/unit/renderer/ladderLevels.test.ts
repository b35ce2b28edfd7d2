import { describe, expect, it } from 'vitest';
import type { Book, Quote } from '../../../core/contract/contract';
import { aggregateByPrice, bookLevels, imbalance, spread, topOfBookLevels } from '../../../renderer/src/panels/ladder/ladderLevels';

const row = (price: number, size: number, exchange: string) => ({ price, size, exchange, marketMaker: exchange });

describe('ladder levels', () => {
  it('sums the exchanges quoting one price into a single level and stops at the requested depth', () => {
    const rows = [row(10.02, 100, 'ARCA'), row(10.02, 300, 'NSDQ'), row(10.01, 50, 'BATS'), row(10.0, 70, 'IEX')];
    expect(aggregateByPrice(rows, 2)).toEqual([
      { price: 10.02, size: 400 },
      { price: 10.01, size: 50 },
    ]);
  });

  it('gives spread and a bid-positive imbalance over the shown levels', () => {
    const book = {
      consolidated: { bids: [row(10.0, 300, 'ARCA')], asks: [row(10.01, 100, 'NSDQ')] },
    } as unknown as Book;
    const sides = bookLevels(book, 10);
    expect(spread(sides)).toBeCloseTo(0.01, 9);
    expect(imbalance(sides)).toBeCloseTo(0.5, 9);
  });

  it('shows a standard symbol as one level a side from its quote, and nothing for a missing side', () => {
    const quote = { bid: 99.5, bidSize: 200, ask: null, askSize: null } as Quote;
    expect(topOfBookLevels(quote)).toEqual({ bids: [{ price: 99.5, size: 200 }], asks: [] });
    expect(spread(topOfBookLevels(quote))).toBeNull();
    expect(imbalance({ bids: [], asks: [] })).toBeNull();
  });
});
