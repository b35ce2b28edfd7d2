import { describe, expect, test } from 'vitest';
import { continuesBurst, detectSweep } from '../../../core/analytics/sweeps';

const asks = [
  { price: 10.0, size: 300, exchange: 'NSDQ' },
  { price: 10.0, size: 200, exchange: 'ARCA' },
  { price: 10.01, size: 400, exchange: 'BATS' },
  { price: 10.02, size: 500, exchange: 'NSDQ' },
  { price: 10.02, size: 100, exchange: 'EDGX' },
  { price: 10.03, size: 900, exchange: 'ARCA' },
];

describe('sweep detection', () => {
  test('an order that takes every level up to 10.02 on three exchanges is a sweep with its evidence', () => {
    const prints = [
      { price: 10.0, size: 300, ts: 1 }, { price: 10.0, size: 200, ts: 1 }, { price: 10.01, size: 400, ts: 1 },
      { price: 10.02, size: 500, ts: 1 }, { price: 10.02, size: 100, ts: 1 },
    ];
    expect(detectSweep('buy', prints, asks)).toEqual({
      direction: 'buy', startTs: 1, endTs: 1, prints: 5, shares: 1500, levels: 3, exchanges: ['ARCA', 'BATS', 'EDGX', 'NSDQ'],
      fromPrice: 10.0, toPrice: 10.02, clearedDisplayedSize: 1500, clearedShare: 1,
    });
  });

  test('small prints drifting across three levels while the book re-quotes are not a sweep', () => {
    const prints = [{ price: 10.0, size: 100, ts: 1 }, { price: 10.01, size: 50, ts: 20 }, { price: 10.02, size: 30, ts: 40 }];
    expect(detectSweep('buy', prints, asks)).toBeNull();
  });

  test('an order that stays on two levels is not a sweep, however large', () => {
    const prints = [{ price: 10.0, size: 500, ts: 1 }, { price: 10.01, size: 400, ts: 1 }];
    expect(detectSweep('buy', prints, asks)).toBeNull();
  });

  test('a print far past the cleared levels (the book re-priced) is left out of the evidence', () => {
    const prints = [
      { price: 10.0, size: 500, ts: 1 }, { price: 10.01, size: 400, ts: 1 }, { price: 10.02, size: 600, ts: 1 }, { price: 10.5, size: 100, ts: 1 },
    ];
    const deeperAsks = [...asks, { price: 10.04, size: 5000, exchange: 'NSDQ' }];
    const sweep = detectSweep('buy', prints, deeperAsks);
    expect(sweep).toMatchObject({ prints: 3, toPrice: 10.02, shares: 1500 });
  });

  test('a sell sweep walks down the bids', () => {
    const bids = [{ price: 9.99, size: 100, exchange: 'A' }, { price: 9.98, size: 100, exchange: 'B' }, { price: 9.97, size: 100, exchange: 'C' }];
    const prints = [{ price: 9.99, size: 100, ts: 5 }, { price: 9.98, size: 100, ts: 5 }, { price: 9.97, size: 100, ts: 5 }];
    expect(detectSweep('sell', prints, bids)).toMatchObject({ direction: 'sell', fromPrice: 9.99, toPrice: 9.97, exchanges: ['A', 'B', 'C'] });
  });

  test('prints belong to one burst only within the window', () => {
    expect(continuesBurst(1000, 1050)).toBe(true);
    expect(continuesBurst(1000, 1051)).toBe(false);
    expect(continuesBurst(1000, 999)).toBe(false);
  });
});
