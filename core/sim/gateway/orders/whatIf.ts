import type { MarketFeed } from '../../market/marketFeed';
import type { Instrument } from '../contracts/catalog';
import type { WhatIfFigures } from '../protocol/wireTypes';
import type { OrderTicket } from '../requests/requestTypes';
import { orderCommission } from './commissions';
import type { Portfolio } from './portfolio';

/**
 * A what-if order's effect on the account (orderState of the openOrder TWS answers instead of placing it): margin
 * before, change and after with the order's quantity added to the position (orders/margin.ts), equity with loan
 * reduced by the commission, and the tiered commission at the price the order would trade at (its limit, its stop,
 * else the touch). The commission is known exactly here, so min and max equal it.
 */
export function whatIfFigures(portfolio: Portfolio, feed: MarketFeed, i: Instrument, t: OrderTicket): WhatIfFigures {
  const signed = t.action === 'BUY' ? t.totalQuantity : -t.totalQuantity;
  const before = portfolio.margin();
  const after = portfolio.margin({ instrument: i, quantity: signed });
  const equity = portfolio.netLiquidation();
  const commission = orderCommission(i, t.totalQuantity, expectedPrice(portfolio, feed, i, t));
  return {
    initMarginBefore: cents(before.initial),
    maintMarginBefore: cents(before.maintenance),
    equityWithLoanBefore: cents(equity),
    initMarginChange: cents(after.initial - before.initial),
    maintMarginChange: cents(after.maintenance - before.maintenance),
    equityWithLoanChange: cents(-commission),
    initMarginAfter: cents(after.initial),
    maintMarginAfter: cents(after.maintenance),
    equityWithLoanAfter: cents(equity - commission),
    commission,
    minCommission: commission,
    maxCommission: commission,
    commissionCurrency: 'USD',
  };
}

function expectedPrice(portfolio: Portfolio, feed: MarketFeed, i: Instrument, t: OrderTicket): number {
  if (t.lmtPrice !== undefined) return t.lmtPrice;
  if (t.auxPrice !== undefined) return t.auxPrice;
  const buy = t.action === 'BUY';
  const touch = i.kind === 'option' ? feed.option(i.spec.conId) : feed.quote(i.spec.symbol);
  const price = touch ? (buy ? touch.ask : touch.bid) : 0;
  return price > 0 ? price : portfolio.markOf(i);
}

function cents(n: number): number {
  return Math.round(n * 100) / 100;
}
