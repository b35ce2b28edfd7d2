import { describe, expect, test } from 'vitest';
import type { RiskLimits } from '../../../core/config/riskSchema';
import { instrumentKey, type Instrument } from '../../../core/market/order';
import { etToUtc } from '../../../core/market/newYorkTime';
import { staleDataCheck } from '../../../core/risk/dataChecks';
import { concentrationCheck, greeksCheck, openOrdersCheck, positionLimitCheck } from '../../../core/risk/exposureChecks';
import { duplicateOrderCheck, orderRateCheck } from '../../../core/risk/flowChecks';
import { dailyLossCheck, drawdownCheck } from '../../../core/risk/lossChecks';
import type { GateContext, GateOrder, GateRequest, OrderCheck } from '../../../core/risk/orderGate';
import { dayVolumeCheck, notionalCheck, priceBandCheck, quantityCheck, tickCheck } from '../../../core/risk/orderSizeChecks';
import { closingAuctionCheck, optionMarketOrderCheck, regularHoursCheck, sameDayExpiryCheck } from '../../../core/risk/sessionChecks';
import { SPY, SPY_CALL } from '../../support/executionDoubles';
import { gateFacts, gateOrder, quoteOf, riskLimits, type FactsInput } from '../../support/riskFixtures';

/** Monday 2025-03-03, 10:00 New York: a regular session. */
const NOW = etToUtc('2025-03-03', 10, 0);
const SPY_QUOTE = quoteOf('SPY', { bid: 99.9, ask: 100, last: 99.95, ts: NOW - 1_000 });
const SPY_CALL_KEY = instrumentKey(SPY_CALL);
const CALL_MARKET = { mark: 2, delta: 0.5, gamma: 0.02, vega: 0.1, underlyingPrice: 100 };

type Checked = Exclude<GateRequest, { action: 'cancel' }>;

function context(facts: FactsInput = {}, limits: Partial<RiskLimits> = {}, now = NOW): GateContext {
  return { ...gateFacts({ quotes: [SPY_QUOTE], options: { [SPY_CALL_KEY]: CALL_MARKET }, ...facts }), tradingState: { state: 'ACTIVE', changedAt: 0, changedBy: 't', reason: '', persisted: true }, limits: riskLimits(limits), now };
}

const place = (...orders: GateOrder[]): Checked => ({ action: 'place', orders, source: 'ticket' });
const buy = (quantity: number, limit: number | null = 100, instrument: Instrument = SPY) => place(gateOrder('buy', quantity, instrument, limit));
const sell = (quantity: number, limit: number | null = 100, instrument: Instrument = SPY) => place(gateOrder('sell', quantity, instrument, limit));
const codeOf = (check: OrderCheck, request: Checked, ctx: GateContext) => check(request, ctx)?.code ?? null;

describe('per-order risk checks', () => {
  test('notional: an order worth exactly maxOrderNotional passes, a cent more is refused with MAX_NOTIONAL', () => {
    const ctx = context({}, { maxOrderNotional: 10_000 });
    expect(codeOf(notionalCheck, buy(100, 100), ctx)).toBeNull();
    expect(notionalCheck(buy(100, 100.01), ctx)).toEqual({ code: 'MAX_NOTIONAL', message: expect.stringMatching(/worth \$10,001 .* more than the \$10,000 allowed per order \(risk\.maxOrderNotional\)/) });
    expect(codeOf(notionalCheck, buy(51, 2, SPY_CALL), ctx)).toBe('MAX_NOTIONAL'); // 51 × 2 × 100
    expect(codeOf(notionalCheck, buy(101, null), ctx)).toBe('MAX_NOTIONAL'); // a market order at the ask (100)
  });

  test('quantity: maxOrderShares for stocks and maxOrderContracts for options, each at its edge (MAX_QUANTITY)', () => {
    const ctx = context({}, { maxOrderShares: 500, maxOrderContracts: 10, maxOrderNotional: 1e9 });
    expect(codeOf(quantityCheck, buy(500), ctx)).toBeNull();
    expect(codeOf(quantityCheck, buy(501), ctx)).toBe('MAX_QUANTITY');
    expect(codeOf(quantityCheck, buy(10, 2, SPY_CALL), ctx)).toBeNull();
    expect(quantityCheck(buy(11, 2, SPY_CALL), ctx)?.message).toMatch(/11 contracts .* more than the 10 contracts allowed per order \(risk\.maxOrderContracts\)/);
  });

  test('price band: a buy limit up to N% above the ask passes, past it PRICE_BAND; a sell is measured from the bid', () => {
    const ctx = context({}, { priceBandPercent: 5 });
    expect(codeOf(priceBandCheck, buy(1, 105), ctx)).toBeNull();
    expect(priceBandCheck(buy(1, 105.01), ctx)).toEqual({ code: 'PRICE_BAND', message: expect.stringMatching(/5\.0% above the market \(100\)/) });
    expect(codeOf(priceBandCheck, sell(1, 94.91), ctx)).toBeNull(); // 99.9 × 0.95 = 94.905
    expect(codeOf(priceBandCheck, sell(1, 94.9), ctx)).toBe('PRICE_BAND');
    expect(codeOf(priceBandCheck, buy(1, 50), ctx)).toBeNull(); // far below the market: resting, not through it
    expect(codeOf(priceBandCheck, buy(1, 2.1, SPY_CALL), ctx)).toBeNull(); // an option without a touch: its chain mark (2)
    expect(codeOf(priceBandCheck, buy(1, 2.11, SPY_CALL), ctx)).toBe('PRICE_BAND');
    const quoted = context({ options: { [SPY_CALL_KEY]: { ...CALL_MARKET, bid: 1.8, ask: 2.2 } } }, { priceBandPercent: 5 });
    expect(codeOf(priceBandCheck, buy(1, 2.31, SPY_CALL), quoted)).toBeNull(); // the chain's ask 2.2 × 1.05
    expect(codeOf(priceBandCheck, buy(1, 2.32, SPY_CALL), quoted)).toBe('PRICE_BAND');
  });

  test('minimum tick: stocks in cents (tenths of a cent below $1), options in optionTick (TICK_SIZE)', () => {
    const ctx = context({}, { optionTick: 0.05 });
    expect(codeOf(tickCheck, buy(1, 100.01), ctx)).toBeNull();
    expect(tickCheck(buy(1, 100.005), ctx)?.message).toBe('The price 100.005 for SPY is not a multiple of its minimum tick 0.01.');
    expect(codeOf(tickCheck, buy(1, 0.5012), ctx)).toBeNull();
    expect(codeOf(tickCheck, buy(1, 2.05, SPY_CALL), ctx)).toBeNull();
    expect(codeOf(tickCheck, buy(1, 2.03, SPY_CALL), ctx)).toBe('TICK_SIZE');
    expect(codeOf(tickCheck, place(gateOrder('sell', 1, SPY, null, { type: 'STP', stopPrice: 99.999 })), ctx)).toBe('TICK_SIZE');
  });

  test('day volume: an order up to N% of the shares traded today passes, past it VOLUME_LIMIT; off by default or without volume', () => {
    const traded = { quotes: [{ ...SPY_QUOTE, volume: 100_000 }] };
    expect(codeOf(dayVolumeCheck, buy(1_000), context(traded, { maxPercentOfDayVolume: 1 }))).toBeNull();
    expect(dayVolumeCheck(buy(1_001), context(traded, { maxPercentOfDayVolume: 1 }))?.message).toMatch(/1\.0% of the 100,000 SPY shares traded today/);
    expect(codeOf(dayVolumeCheck, buy(11, 2, SPY_CALL), context(traded, { maxPercentOfDayVolume: 1 }))).toBe('VOLUME_LIMIT'); // 1,100 shares
    expect(codeOf(dayVolumeCheck, buy(1_001), context(traded))).toBeNull();
    expect(codeOf(dayVolumeCheck, buy(1_001), context({}, { maxPercentOfDayVolume: 1 }))).toBeNull(); // the quote has no volume
  });
});

describe('symbol and portfolio risk checks', () => {
  test('position limit counts the position and the working orders on its side, options ×100 (POSITION_LIMIT)', () => {
    const ctx = context({ positions: { SPY: 600 }, working: { 'SPY buy': 300 } }, { maxPositionPerSymbol: 1_000 });
    expect(codeOf(positionLimitCheck, buy(100), ctx)).toBeNull();
    expect(positionLimitCheck(buy(101), ctx)?.message).toMatch(/could reach 1001, past the 1000 shares allowed per symbol/);
    expect(codeOf(positionLimitCheck, sell(2_000), ctx)).toBe('POSITION_LIMIT'); // through flat to short 1400
    expect(codeOf(positionLimitCheck, sell(600), ctx)).toBeNull(); // reduces
    expect(codeOf(positionLimitCheck, buy(10, 2, SPY_CALL), ctx)).toBeNull();
    expect(codeOf(positionLimitCheck, buy(11, 2, SPY_CALL), ctx)).toBe('POSITION_LIMIT');
  });

  test('open orders: up to maxOpenOrders, a bracket counting its three legs (OPEN_ORDERS)', () => {
    const ctx = context({ openOrders: 19 }, { maxOpenOrders: 20 });
    expect(codeOf(openOrdersCheck, buy(1), ctx)).toBeNull();
    const bracket = place(gateOrder('buy', 1, SPY, 100, { role: 'parent' }), gateOrder('sell', 1, SPY, 101, { role: 'takeProfit' }), gateOrder('sell', 1, SPY, null, { role: 'stopLoss', type: 'STP', stopPrice: 99 }));
    expect(codeOf(openOrdersCheck, bracket, ctx)).toBe('OPEN_ORDERS');
    expect(codeOf(openOrdersCheck, buy(1), context({ openOrders: 20 }, { maxOpenOrders: 20 }))).toBe('OPEN_ORDERS');
  });

  test('concentration: one position up to N% of net liquidation; unknown net liquidation is not checked (CONCENTRATION)', () => {
    const ctx = context({ netLiquidation: 100_000 }, { maxConcentrationPercent: 20 });
    expect(codeOf(concentrationCheck, buy(200, 100), ctx)).toBeNull();
    expect(concentrationCheck(buy(201, 100), ctx)?.message).toMatch(/worth \$20,100, 20% of the account/);
    expect(codeOf(concentrationCheck, buy(201, 100), context({ netLiquidation: null }, { maxConcentrationPercent: 20 }))).toBeNull();
  });

  test('greeks: the portfolio’s delta, gamma and vega dollars after the order, each limit optional (GREEKS_LIMIT)', () => {
    // One call: delta$ 0.5 × 100 × 100 = 5,000; gamma$ 0.02 × 100 × 100² / 100 = 200; vega$ 0.1 × 100 = 10.
    const ctx = context({ greeks: { deltaDollars: 5_000, gammaDollars: 0, vegaDollars: 0 } }, { maxDeltaDollars: 10_000 });
    expect(codeOf(greeksCheck, buy(1, 2, SPY_CALL), ctx)).toBeNull();
    expect(greeksCheck(buy(2, 2, SPY_CALL), ctx)?.message).toMatch(/portfolio's delta would be \$15,000, past the \$10,000 allowed \(risk\.maxDeltaDollars\)/);
    expect(codeOf(greeksCheck, sell(2, 2, SPY_CALL), ctx)).toBeNull(); // shrinks the delta
    expect(codeOf(greeksCheck, buy(2, 2, SPY_CALL), context({}, { maxGammaDollars: 399 }))).toBe('GREEKS_LIMIT');
    expect(codeOf(greeksCheck, buy(2, 2, SPY_CALL), context({}, { maxVegaDollars: 20 }))).toBeNull();
    expect(codeOf(greeksCheck, buy(1_000, 100), context({}, { maxDeltaDollars: 99_999 }))).toBe('GREEKS_LIMIT'); // stock: 1,000 × 100
    expect(codeOf(greeksCheck, buy(1_000_000, 100), context())).toBeNull(); // no greeks limit set
  });

  test('order rate: maxOrdersPerSecond and maxOrdersPerMinute over this engine’s recent placements (ORDER_RATE)', () => {
    const at = (ago: number) => ({ instrumentKey: 'QQQ', side: 'buy' as const, limitPrice: 1, at: NOW - ago });
    const limits = { maxOrdersPerSecond: 2, maxOrdersPerMinute: 3 };
    expect(codeOf(orderRateCheck, buy(1), context({ recentOrders: [at(1_000), at(999)] }, limits))).toBeNull();
    expect(orderRateCheck(buy(1), context({ recentOrders: [at(500), at(10)] }, limits))?.message).toMatch(/2 orders were sent in the last second/);
    expect(codeOf(orderRateCheck, buy(1), context({ recentOrders: [at(59_999), at(30_000), at(20_000)] }, limits))).toBe('ORDER_RATE');
    expect(codeOf(orderRateCheck, buy(1), context({ recentOrders: [at(60_000), at(30_000)] }, limits))).toBeNull();
  });

  test('duplicate: the same side, instrument and price within duplicateWindowSeconds is refused (DUPLICATE_ORDER)', () => {
    const recent = (ago: number, limitPrice: number | null = 100, side: 'buy' | 'sell' = 'buy') => ({ instrumentKey: 'SPY', side, limitPrice, at: NOW - ago });
    const limits = { duplicateWindowSeconds: 5 };
    expect(codeOf(duplicateOrderCheck, buy(1), context({ recentOrders: [recent(4_999)] }, limits))).toBe('DUPLICATE_ORDER');
    expect(codeOf(duplicateOrderCheck, buy(1), context({ recentOrders: [recent(5_000)] }, limits))).toBeNull();
    expect(codeOf(duplicateOrderCheck, buy(1), context({ recentOrders: [recent(10, 100.01), recent(10, 100, 'sell')] }, limits))).toBeNull();
    expect(codeOf(duplicateOrderCheck, buy(1), context({ recentOrders: [recent(10)] }, { duplicateWindowSeconds: 0 }))).toBeNull();
  });
});

describe('options and session risk checks', () => {
  test('no market orders on options (OPTION_MARKET_ORDER); a limit passes', () => {
    expect(optionMarketOrderCheck(buy(1, null, SPY_CALL), context())?.code).toBe('OPTION_MARKET_ORDER');
    expect(codeOf(optionMarketOrderCheck, buy(1, 2, SPY_CALL), context())).toBeNull();
    expect(codeOf(optionMarketOrderCheck, buy(1, null), context())).toBeNull();
  });

  test('same-day expiry: no new position in the last N minutes before the close, 13:00 on a half day; closing passes', () => {
    const zeroDte = { ...SPY_CALL, expiry: '2025-03-03' };
    const limits = { sameDayExpiryCutoffMinutes: 15 };
    expect(codeOf(sameDayExpiryCheck, buy(1, 2, zeroDte), context({}, limits, etToUtc('2025-03-03', 15, 44, 59)))).toBeNull();
    expect(sameDayExpiryCheck(buy(1, 2, zeroDte), context({}, limits, etToUtc('2025-03-03', 15, 45)))?.code).toBe('SAME_DAY_EXPIRY');
    expect(codeOf(sameDayExpiryCheck, sell(1, 2, zeroDte), context({ positions: { [instrumentKey(zeroDte)]: 1 } }, limits, etToUtc('2025-03-03', 15, 50)))).toBeNull();
    expect(codeOf(sameDayExpiryCheck, buy(1, 2, SPY_CALL), context({}, limits, etToUtc('2025-03-03', 15, 50)))).toBeNull(); // expires later
    const halfDay = { ...SPY_CALL, expiry: '2025-11-28' };
    expect(codeOf(sameDayExpiryCheck, buy(1, 2, halfDay), context({}, limits, etToUtc('2025-11-28', 12, 50)))).toBe('SAME_DAY_EXPIRY');
  });

  test('market orders only in regular hours: 09:30–16:00 New York, not on holidays, to 13:00 on half days (MARKET_CLOSED)', () => {
    const mkt = buy(1, null);
    expect(codeOf(regularHoursCheck, mkt, context({}, {}, etToUtc('2025-03-03', 9, 30)))).toBeNull();
    expect(codeOf(regularHoursCheck, mkt, context({}, {}, etToUtc('2025-03-03', 9, 29, 59)))).toBe('MARKET_CLOSED');
    expect(codeOf(regularHoursCheck, mkt, context({}, {}, etToUtc('2025-03-03', 16, 0)))).toBe('MARKET_CLOSED');
    expect(regularHoursCheck(mkt, context({}, {}, etToUtc('2025-12-25', 11, 0)))?.message).toMatch(/2025-12-25 is not a trading day/);
    expect(codeOf(regularHoursCheck, mkt, context({}, {}, etToUtc('2026-04-03', 11, 0)))).toBe('MARKET_CLOSED'); // Good Friday
    expect(codeOf(regularHoursCheck, mkt, context({}, {}, etToUtc('2025-03-08', 11, 0)))).toBe('MARKET_CLOSED'); // a Saturday
    expect(regularHoursCheck(mkt, context({}, {}, etToUtc('2027-11-26', 13, 0)))?.message).toMatch(/09:30–13:00 \(half day\)/);
    expect(codeOf(regularHoursCheck, buy(1, 100), context({}, {}, etToUtc('2025-03-03', 20, 0)))).toBeNull(); // a limit may rest
    expect(codeOf(regularHoursCheck, mkt, context({}, { marketCalendar: 'always-open' }, etToUtc('2025-03-03', 20, 0)))).toBeNull();
  });

  test('MOC and LOC orders, a bracket’s MOC exit too, only before the closing auction’s cut-off: 15:50, 12:50 on a half day (AUCTION_CUTOFF)', () => {
    const mocExit = place(gateOrder('buy', 10, SPY, 100, { role: 'parent' }), gateOrder('sell', 10, SPY, null, { role: 'exitAtClose', type: 'MOC' }), gateOrder('sell', 10, SPY, null, { role: 'stopLoss', type: 'STP', stopPrice: 98 }));
    expect(codeOf(closingAuctionCheck, mocExit, context({}, {}, etToUtc('2025-03-03', 15, 49, 59)))).toBeNull();
    expect(closingAuctionCheck(mocExit, context({}, {}, etToUtc('2025-03-03', 15, 50)))?.message).toMatch(/no more MOC orders after 15:50 New York time, and it is 15:50/);
    expect(codeOf(closingAuctionCheck, place(gateOrder('sell', 10, SPY, 100, { type: 'LOC' })), context({}, {}, etToUtc('2025-03-03', 15, 59)))).toBe('AUCTION_CUTOFF');
    expect(codeOf(closingAuctionCheck, mocExit, context({}, {}, etToUtc('2025-11-28', 12, 55)))).toBe('AUCTION_CUTOFF');
    expect(codeOf(closingAuctionCheck, buy(1, 100), context({}, {}, etToUtc('2025-03-03', 15, 55)))).toBeNull(); // no auction order
    expect(codeOf(closingAuctionCheck, mocExit, context({}, { marketCalendar: 'always-open' }, etToUtc('2025-03-03', 15, 55)))).toBeNull();
  });
});

describe('loss and data risk checks', () => {
  test('daily loss: refused once the day’s loss reaches maxDailyLoss, except an order that shrinks a position (DAILY_LOSS)', () => {
    const limits = { maxDailyLoss: 1_000, maxDrawdown: 1_000 };
    expect(codeOf(dailyLossCheck, buy(1), context({ dayPnl: -999.99 }, limits))).toBeNull();
    expect(dailyLossCheck(buy(1), context({ dayPnl: -1_000 }, limits))?.message).toMatch(/Today's loss is \$1,000, at or past the \$1,000 limit/);
    expect(codeOf(dailyLossCheck, sell(100), context({ dayPnl: -1_500, positions: { SPY: 100 } }, limits))).toBeNull();
    expect(codeOf(dailyLossCheck, sell(101), context({ dayPnl: -1_500, positions: { SPY: 100 } }, limits))).toBe('DAILY_LOSS');
  });

  test('drawdown: refused once P&L falls maxDrawdown below the day’s high (DRAWDOWN)', () => {
    const limits = { maxDrawdown: 500 };
    expect(codeOf(drawdownCheck, buy(1), context({ dayPnl: 300.01, dayPnlHigh: 800 }, limits))).toBeNull();
    expect(drawdownCheck(buy(1), context({ dayPnl: 300, dayPnlHigh: 800 }, limits))?.code).toBe('DRAWDOWN');
    expect(codeOf(drawdownCheck, buy(1), context({ dayPnl: -500, dayPnlHigh: 0 }, limits))).toBe('DRAWDOWN');
  });

  test('stale data: the symbol’s quote must be at most maxStaleDataSeconds old; an option goes by its underlying (STALE_DATA)', () => {
    const aged = (ms: number) => ({ quotes: [{ ...SPY_QUOTE, ts: NOW - ms }] });
    expect(codeOf(staleDataCheck, buy(1), context(aged(5_000), { maxStaleDataSeconds: 5 }))).toBeNull();
    expect(staleDataCheck(buy(1), context(aged(5_001), { maxStaleDataSeconds: 5 }))?.message).toMatch(/last quote for SPY is 5 s old, .* SPY is blocked until its data is fresh again/);
    expect(codeOf(staleDataCheck, buy(1, 2, SPY_CALL), context(aged(9_000), { maxStaleDataSeconds: 5 }))).toBe('STALE_DATA');
    expect(codeOf(staleDataCheck, sell(100), context({ ...aged(60_000), positions: { SPY: 100 } }))).toBeNull(); // closing still works
  });

  test('a market order with no quote at all is refused (NO_MARKET_DATA); a limit order without one is not', () => {
    expect(codeOf(staleDataCheck, buy(1, null), context({ quotes: [] }))).toBe('NO_MARKET_DATA');
    expect(codeOf(staleDataCheck, buy(1, 100), context({ quotes: [] }))).toBeNull();
  });
});
