/** Per symbol and portfolio: position limit, open orders, concentration, and the portfolio's greeks after the order. */
import { multiplierOf } from '../market/order';
import { deny, enteringOrder, money, nameOf, orderPrice, positionAfter, signedQuantity } from './checkHelpers';
import type { GateContext, GateOrder, OrderCheck } from './orderGate';

/** risk.maxPositionPerSymbol, in shares (an option contract counts 100): the position once the working orders on the order's side have filled. */
export const positionLimitCheck: OrderCheck = (request, context) => {
  const order = enteringOrder(request);
  const { held, after } = positionAfter(request, context);
  const multiplier = multiplierOf(order.instrument);
  const afterShares = Math.abs(after) * multiplier;
  if (Math.abs(after) <= Math.abs(held) || afterShares <= context.limits.maxPositionPerSymbol) return null;
  return deny('POSITION_LIMIT', `With this order your ${nameOf(order)} position could reach ${Math.abs(after)}${multiplier > 1 ? ` (${afterShares} shares)` : ''}, past the ${context.limits.maxPositionPerSymbol} shares allowed per symbol (risk.maxPositionPerSymbol).`);
};

/** risk.maxOpenOrders: this engine's working orders, a new bracket counting its three legs. */
export const openOrdersCheck: OrderCheck = (request, { openOrders, limits }) => {
  if (request.action !== 'place' || openOrders + request.orders.length <= limits.maxOpenOrders) return null;
  return deny('OPEN_ORDERS', `${openOrders} orders are already working; ${request.orders.length > 1 ? 'this bracket' : 'this order'} would pass the ${limits.maxOpenOrders} allowed (risk.maxOpenOrders). Cancel some first.`);
};

/** risk.maxConcentrationPercent: one position's value after the order against the account's net liquidation (unknown: not checked). */
export const concentrationCheck: OrderCheck = (request, context) => {
  const { netLiquidation, limits } = context;
  if (netLiquidation === null || netLiquidation <= 0) return null;
  const order = enteringOrder(request);
  const { held, after } = positionAfter(request, context);
  const price = orderPrice(order, context);
  if (price === null || Math.abs(after) <= Math.abs(held)) return null;
  const value = Math.abs(after) * price * multiplierOf(order.instrument);
  const percent = (value / netLiquidation) * 100;
  if (percent <= limits.maxConcentrationPercent) return null;
  return deny('CONCENTRATION', `With this order ${nameOf(order)} could be worth ${money(value)}, ${percent.toFixed(0)}% of the account (${money(netLiquidation)}): more than the ${limits.maxConcentrationPercent}% allowed in one position (risk.maxConcentrationPercent).`);
};

interface DollarGreeks {
  delta: number;
  gamma: number;
  vega: number;
}

/** What the order adds to the portfolio's dollar greeks (see positionValuation for the formulas); null when unknown. */
function orderGreeks(order: GateOrder, context: GateContext): DollarGreeks | null {
  const q = signedQuantity(order);
  if (order.instrument.kind === 'stock') {
    const price = orderPrice(order, context);
    return price === null ? null : { delta: q * price, gamma: 0, vega: 0 };
  }
  const option = context.market.option(order.instrument);
  if (!option || option.underlyingPrice === null) return null;
  const m = multiplierOf(order.instrument);
  const s = option.underlyingPrice;
  return { delta: q * option.delta * m * s, gamma: (q * option.gamma * m * s * s) / 100, vega: q * option.vega * m };
}

/** risk.maxDeltaDollars / maxGammaDollars / maxVegaDollars (each optional): the portfolio's figure after the order, unless the order shrinks it. */
export const greeksCheck: OrderCheck = (request, context) => {
  const { limits, greeks } = context;
  if (request.action !== 'place') return null; // a working order was judged when placed; its change is not counted twice
  if (limits.maxDeltaDollars === null && limits.maxGammaDollars === null && limits.maxVegaDollars === null) return null;
  const order = enteringOrder(request);
  const added = orderGreeks(order, context);
  if (!added) return null;
  const figures = [
    ['delta', greeks.deltaDollars, added.delta, limits.maxDeltaDollars, 'maxDeltaDollars'],
    ['gamma', greeks.gammaDollars, added.gamma, limits.maxGammaDollars, 'maxGammaDollars'],
    ['vega', greeks.vegaDollars, added.vega, limits.maxVegaDollars, 'maxVegaDollars'],
  ] as const;
  for (const [name, before, change, max, key] of figures) {
    const after = before + change;
    if (max === null || Math.abs(after) <= max || Math.abs(after) <= Math.abs(before)) continue;
    return deny('GREEKS_LIMIT', `After this order the portfolio's ${name} would be ${money(after)}, past the ${money(max)} allowed (risk.${key}).`);
  }
  return null;
};
