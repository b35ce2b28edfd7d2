import { describe, expect, test } from 'vitest';
import { emptyPosition, type BookedPosition } from '../../../core/execution/positionBook';
import { accountSnapshot, optionMark, stockMark, valuePosition } from '../../../core/execution/positionValuation';
import { emptyQuote } from '../../../core/market/quote';
import { SPY, SPY_CALL } from '../../support/executionDoubles';

const AT = 1_700_000_000_000;
const booked = (fields: Partial<BookedPosition>, instrument = SPY): BookedPosition => ({ ...emptyPosition(instrument, '2025-03-03', AT), ...fields });

describe('position valuation', () => {
  test('a stock is marked at its last price, else at the middle of bid and ask, else not at all', () => {
    expect(stockMark({ ...emptyQuote('SPY'), last: 451, bid: 450, ask: 450.1 })?.price).toBe(451);
    expect(stockMark({ ...emptyQuote('SPY'), bid: 450, ask: 450.1 })?.price).toBeCloseTo(450.05);
    expect(stockMark({ ...emptyQuote('SPY'), bid: 450 })).toBeNull();
    expect(stockMark(undefined)).toBeNull();
  });

  test('a stock position’s market value, unrealized P&L and delta dollars', () => {
    const p = valuePosition(booked({ quantity: -200, avgCost: 452 }), stockMark({ ...emptyQuote('SPY'), last: 450 }));
    expect(p).toMatchObject({ marketPrice: 450, marketValue: -90_000, unrealizedPnl: 400, multiplier: 1 });
    expect(p.greeks).toMatchObject({ delta: 1, deltaDollars: -90_000, gammaDollars: 0, thetaDollars: 0, vegaDollars: 0 });
  });

  test('an option position’s greeks in dollars: q·Δ·100·S, q·Γ·100·S²/100, q·Θ·100, q·V·100', () => {
    const mark = optionMark({ mark: 5, delta: 0.5, gamma: 0.02, theta: -0.1, vega: 0.3, underlyingPrice: 400 }, null);
    const p = valuePosition(booked({ quantity: 3, avgCost: 4 }, SPY_CALL), mark);
    expect(p).toMatchObject({ multiplier: 100, marketValue: 1500, unrealizedPnl: 300 });
    expect(p.greeks!.delta).toBe(0.5);
    expect(p.greeks!.deltaDollars).toBeCloseTo(3 * 0.5 * 100 * 400); // 60,000
    expect(p.greeks!.gammaDollars).toBeCloseTo((3 * 0.02 * 100 * 400 * 400) / 100); // 9,600
    expect(p.greeks!.thetaDollars).toBeCloseTo(-30);
    expect(p.greeks!.vegaDollars).toBeCloseTo(90);
  });

  test('an option without its underlying’s price takes the stock’s mark; without a chain mark it has no value', () => {
    const underlying = stockMark({ ...emptyQuote('SPY'), last: 410 });
    expect(optionMark({ mark: 5, delta: 0.5, gamma: 0, theta: 0, vega: 0, underlyingPrice: null }, underlying)?.underlyingPrice).toBe(410);
    const unmarked = valuePosition(booked({ quantity: 1, avgCost: 4 }, SPY_CALL), optionMark(null, underlying));
    expect(unmarked).toMatchObject({ marketPrice: null, unrealizedPnl: null, greeks: null });
  });

  test('the account sums P&L and greeks, reads the venue’s values, and counts day P&L from the day’s base', () => {
    const stock = booked({ quantity: 100, avgCost: 10, realizedPnl: 50, dayRealizedPnl: 20, dayStartUnrealized: 200 });
    const call = booked({ quantity: -2, avgCost: 5, realizedPnl: -1.3, dayRealizedPnl: -1.3, dayStartUnrealized: 0 }, SPY_CALL);
    const closedToday = booked({ quantity: 0, realizedPnl: 300, dayRealizedPnl: 300, dayStartUnrealized: 250 }, { kind: 'stock', symbol: 'QQQ' });
    const stockMarked = stockMark({ ...emptyQuote('SPY'), last: 13 });
    const callMarked = optionMark({ mark: 4, delta: 0.4, gamma: 0.01, theta: -0.05, vega: 0.2, underlyingPrice: 13 }, stockMarked);
    const positions = [
      { booked: stock, position: valuePosition(stock, stockMarked) },
      { booked: call, position: valuePosition(call, callMarked) },
      { booked: closedToday, position: valuePosition(closedToday, null) },
    ];
    const account = accountSnapshot({ account: 'DU123', NetLiquidation: '100500.25', BuyingPower: '400000', ExcessLiquidity: 'n/a' }, positions, AT);
    expect(account).toMatchObject({ account: 'DU123', currency: 'USD', netLiquidation: 100500.25, buyingPower: 400000, excessLiquidity: null, availableFunds: null });
    expect(account.realizedPnl).toBeCloseTo(50 - 1.3 + 300);
    expect(account.unrealizedPnl).toBeCloseTo(300 + 200);
    // day: realized today 318.7; SPY unrealized 300 from a base of 200; the call 200 from 0; QQQ closed: 0 from 250.
    expect(account.dayPnl).toBeCloseTo(318.7 + 100 + 200 - 250);
    expect(account.greeks.delta).toBeCloseTo(100 + -2 * 0.4 * 100);
    expect(account.greeks.deltaDollars).toBeCloseTo(100 * 13 + -2 * 0.4 * 100 * 13);
    expect(account.greeks.theta).toBeCloseTo(-2 * -0.05 * 100);
    expect(account.greeks.vegaDollars).toBeCloseTo(-2 * 0.2 * 100);
  });

  test("reads TWS's summary values as the IB data module keeps them, with their currency", () => {
    const fields = { account: 'DU123', NetLiquidation: '1000000.00 USD', BuyingPower: '3998000.50 USD', ExcessLiquidity: '999400.00 USD', AvailableFunds: '-12.5 USD' };
    expect(accountSnapshot(fields, [], AT)).toMatchObject({ currency: 'USD', netLiquidation: 1_000_000, buyingPower: 3_998_000.5, excessLiquidity: 999_400, availableFunds: -12.5 });
    expect(accountSnapshot({ NetLiquidation: '12 apples' }, [], AT).netLiquidation).toBeNull();
  });
});
