/** Per-order checks: notional, quantity, price band off the market, minimum tick, size against the day's volume. */
import { multiplierOf } from '../market/order';
import { deny, enteringOrder, marketPrice, money, nameOf, ordersOf, orderPrice, shares } from './checkHelpers';
import type { OrderCheck } from './orderGate';

/** risk.maxOrderNotional: price × quantity × multiplier of each order, valued at its limit/stop or the market. */
export const notionalCheck: OrderCheck = (request, context) => {
  for (const order of ordersOf(request)) {
    const price = orderPrice(order, context);
    if (price === null) continue; // a market order without any price is refused by the data check
    const notional = price * order.quantity * multiplierOf(order.instrument);
    if (notional > context.limits.maxOrderNotional) {
      return deny('MAX_NOTIONAL', `This order is worth ${money(notional)} (${order.quantity} ${nameOf(order)} at ${price}), more than the ${money(context.limits.maxOrderNotional)} allowed per order (risk.maxOrderNotional).`);
    }
  }
  return null;
};

/** risk.maxOrderShares for stocks, risk.maxOrderContracts for options. */
export const quantityCheck: OrderCheck = (request, { limits }) => {
  const order = ordersOf(request)[0]!;
  const [max, unit, key] = order.instrument.kind === 'option' ? [limits.maxOrderContracts, 'contracts', 'maxOrderContracts'] : [limits.maxOrderShares, 'shares', 'maxOrderShares'];
  if (order.quantity <= max) return null;
  return deny('MAX_QUANTITY', `${order.quantity} ${unit} of ${nameOf(order)} is more than the ${max} ${unit} allowed per order (risk.${key}).`);
};

/**
 * risk.priceBandPercent, like TWS's precautionary settings: a buy limit more than N% above the market's ask (a sell
 * limit N% below its bid) is refused; a limit on the passive side of the market is never refused.
 */
export const priceBandCheck: OrderCheck = (request, context) => {
  const band = context.limits.priceBandPercent / 100;
  for (const order of ordersOf(request)) {
    if (order.limitPrice === null) continue;
    const market = marketPrice(order, context);
    if (market === null || market <= 0) continue;
    const through = order.side === 'buy' ? order.limitPrice / market - 1 : 1 - order.limitPrice / market;
    if (through > band + 1e-9) { // a limit exactly at the band passes, whatever the floating point
      const where = order.side === 'buy' ? 'above' : 'below';
      return deny('PRICE_BAND', `The limit ${order.limitPrice} is ${(through * 100).toFixed(1)}% ${where} the market (${market}) for ${nameOf(order)}: more than the ${context.limits.priceBandPercent}% allowed (risk.priceBandPercent). Check the price.`);
    }
  }
  return null;
};

/** Stocks trade in risk.stockTick (a tenth of a cent below $1), options in risk.optionTick. */
export const tickCheck: OrderCheck = (request, { limits }) => {
  for (const order of ordersOf(request)) {
    for (const price of [order.limitPrice, order.stopPrice]) {
      if (price === null) continue;
      const tick = order.instrument.kind === 'option' ? limits.optionTick : price < 1 ? 0.0001 : limits.stockTick;
      const steps = price / tick;
      if (Math.abs(steps - Math.round(steps)) > 1e-6) {
        return deny('TICK_SIZE', `The price ${price} for ${nameOf(order)} is not a multiple of its minimum tick ${tick}.`);
      }
    }
  }
  return null;
};

/**
 * risk.maxPercentOfDayVolume (optional): the order's shares (an option: contracts × 100, against its underlying's
 * volume) as a share of the symbol's volume so far today; not checked while the quote has no volume.
 */
export const dayVolumeCheck: OrderCheck = (request, { market, limits }) => {
  if (limits.maxPercentOfDayVolume === null) return null;
  const order = enteringOrder(request);
  const volume = market.quote(order.instrument.symbol)?.volume ?? null;
  if (volume === null || volume <= 0) return null;
  const percent = (shares(order, order.quantity) / volume) * 100;
  if (percent <= limits.maxPercentOfDayVolume) return null;
  return deny('VOLUME_LIMIT', `This order is ${percent.toFixed(1)}% of the ${volume.toLocaleString('en-US')} ${order.instrument.symbol} shares traded today, more than the ${limits.maxPercentOfDayVolume}% allowed (risk.maxPercentOfDayVolume).`);
};
