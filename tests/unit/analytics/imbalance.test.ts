import { describe, expect, test } from 'vitest';
import { bookImbalance, sizeImbalance, sizeWithinLevels } from '../../../core/analytics/imbalance';

describe('order-book imbalance', () => {
  test('is +1 with only bids, -1 with only asks and 0 when balanced', () => {
    expect(sizeImbalance(500, 0)).toBe(1);
    expect(sizeImbalance(0, 500)).toBe(-1);
    expect(sizeImbalance(300, 300)).toBe(0);
  });

  test('has no opinion about an empty book', () => {
    expect(sizeImbalance(0, 0)).toBeNull();
    expect(bookImbalance([], [])).toBeNull();
  });

  test('counts rows from several exchanges at one price as one level', () => {
    const bids = [{ price: 10, size: 100 }, { price: 10, size: 200 }, { price: 9.99, size: 50 }, { price: 9.98, size: 1000 }];
    expect(sizeWithinLevels(bids, 2)).toBe(350);
  });

  test('weighs the best levels of both sides', () => {
    const bids = [{ price: 10, size: 300 }, { price: 9.99, size: 100 }];
    const asks = [{ price: 10.01, size: 100 }, { price: 10.02, size: 100 }];
    expect(bookImbalance(bids, asks, 5)).toBeCloseTo((400 - 200) / 600, 10);
    expect(bookImbalance(bids, asks, 1)).toBeCloseTo((300 - 100) / 400, 10);
  });
});
