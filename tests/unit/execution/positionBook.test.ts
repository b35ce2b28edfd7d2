import { describe, expect, test } from 'vitest';
import { PositionBook, afterCommission, afterFill, emptyPosition, unrealizedAt, type BookedPosition } from '../../../core/execution/positionBook';
import { etToUtc } from '../../../core/market/newYorkTime';
import type { OrderSide } from '../../../core/market/order';
import { SPY, SPY_CALL } from '../../support/executionDoubles';

const MONDAY_10AM = etToUtc('2025-03-03', 10);

/** Fills in turn (side, quantity, price, commission) from flat. */
function trade(instrument = SPY, ...fills: Array<[OrderSide, number, number, number]>): BookedPosition {
  let p = emptyPosition(instrument, '2025-03-03', MONDAY_10AM);
  for (const [side, quantity, price, commission] of fills) p = afterCommission(afterFill(p, side, quantity, price, MONDAY_10AM), commission, MONDAY_10AM);
  return p;
}

describe('position arithmetic (P&L net of commissions)', () => {
  test('long: buys average their cost; a sell realizes the difference less both commissions', () => {
    const opened = trade(SPY, ['buy', 100, 10, 1], ['buy', 100, 12, 1]);
    expect(opened).toMatchObject({ quantity: 200, avgCost: 11 });
    expect(opened.realizedPnl).toBeCloseTo(-2); // commissions count when they are paid
    const closed = trade(SPY, ['buy', 100, 10, 1], ['buy', 100, 12, 1], ['sell', 200, 13, 2]);
    expect(closed).toMatchObject({ quantity: 0, avgCost: 0 });
    expect(closed.realizedPnl).toBeCloseTo(200 * (13 - 11) - 4);
    expect(closed.dayRealizedPnl).toBeCloseTo(396);
  });

  test('short: a sell opens short, a buy back below the entry realizes a gain', () => {
    const p = trade(SPY, ['sell', 100, 50, 1], ['buy', 100, 48, 1]);
    expect(p.quantity).toBe(0);
    expect(p.realizedPnl).toBeCloseTo(100 * 2 - 2);
    const losing = trade(SPY, ['sell', 100, 50, 1], ['buy', 100, 51, 1]);
    expect(losing.realizedPnl).toBeCloseTo(-100 - 2);
  });

  test('partial closes realize only the closed part, at the average cost, which stays', () => {
    const p = trade(SPY, ['buy', 300, 20, 1.5], ['sell', 100, 22, 1]);
    expect(p).toMatchObject({ quantity: 200, avgCost: 20 });
    expect(p.realizedPnl).toBeCloseTo(200 - 2.5);
    const again = afterFill(p, 'sell', 50, 19, MONDAY_10AM);
    expect(again).toMatchObject({ quantity: 150, avgCost: 20 });
    expect(again.realizedPnl).toBeCloseTo(197.5 - 50);
  });

  test('a fill through zero closes the position and opens the other side at the fill price', () => {
    const p = trade(SPY, ['buy', 100, 10, 1], ['sell', 150, 12, 1.5]);
    expect(p).toMatchObject({ quantity: -50, avgCost: 12 });
    expect(p.realizedPnl).toBeCloseTo(100 * 2 - 2.5);
    expect(unrealizedAt(p, 11)).toBeCloseTo(50); // short 50 from 12, marked at 11
  });

  test('options count 100 shares a contract: premium P&L and unrealized × 100', () => {
    const p = trade(SPY_CALL, ['buy', 2, 3.5, 1.3], ['sell', 1, 4.25, 0.65]);
    expect(p).toMatchObject({ quantity: 1, avgCost: 3.5 });
    expect(p.realizedPnl).toBeCloseTo(1 * 0.75 * 100 - 1.95);
    expect(unrealizedAt(p, 4)).toBeCloseTo(50);
    const shortPut = trade({ ...SPY_CALL, right: 'put' }, ['sell', 3, 2, 1], ['buy', 3, 1.2, 1]);
    expect(shortPut.realizedPnl).toBeCloseTo(3 * 0.8 * 100 - 2);
  });
});

describe('position book', () => {
  test('keeps positions by instrument, the stock and its option apart', () => {
    const book = new PositionBook(MONDAY_10AM);
    book.applyFill({ instrument: SPY, side: 'buy', quantity: 100, price: 450 }, MONDAY_10AM);
    book.applyFill({ instrument: SPY_CALL, side: 'sell', quantity: 2, price: 5 }, MONDAY_10AM);
    book.applyCommission(SPY_CALL, 1.3, MONDAY_10AM);
    expect(book.get('SPY')).toMatchObject({ quantity: 100, avgCost: 450, realizedPnl: 0 });
    expect(book.get('SPY 2025-06-20 450 C')).toMatchObject({ quantity: -2, avgCost: 5, realizedPnl: -1.3 });
  });

  test('at the New York day change the day’s realized P&L starts at 0, flat positions go and held ones take their unrealized as the day’s base', () => {
    const book = new PositionBook(MONDAY_10AM);
    book.applyFill({ instrument: SPY, side: 'buy', quantity: 100, price: 10 }, MONDAY_10AM);
    book.applyFill({ instrument: SPY, side: 'sell', quantity: 50, price: 12 }, MONDAY_10AM);
    book.applyFill({ instrument: SPY_CALL, side: 'buy', quantity: 1, price: 3 }, MONDAY_10AM);
    book.applyFill({ instrument: SPY_CALL, side: 'sell', quantity: 1, price: 4 }, MONDAY_10AM);
    expect(book.rollDay(etToUtc('2025-03-03', 23, 59), () => 0)).toBe(false);
    expect(book.rollDay(etToUtc('2025-03-04', 0, 0, 1), (p) => unrealizedAt(p, 11))).toBe(true);
    expect(book.get('SPY')).toMatchObject({ quantity: 50, realizedPnl: 100, dayRealizedPnl: 0, dayStartUnrealized: 50, day: '2025-03-04' });
    expect(book.get('SPY 2025-06-20 450 C')).toBeUndefined();
  });

  test('positions stored on an earlier day roll over when loaded, without a mark the day’s base waits for one', () => {
    const book = new PositionBook(etToUtc('2025-03-05', 9));
    book.load([{ ...emptyPosition(SPY, '2025-03-03', MONDAY_10AM), quantity: 10, avgCost: 5, dayRealizedPnl: 7 }]);
    expect(book.rollDay(etToUtc('2025-03-05', 9), () => null)).toBe(true);
    expect(book.get('SPY')).toMatchObject({ dayRealizedPnl: 0, dayStartUnrealized: null, day: '2025-03-05' });
    book.setDayStart('SPY', 42);
    expect(book.get('SPY')?.dayStartUnrealized).toBe(42);
  });
});
