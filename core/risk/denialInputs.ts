/**
 * What the checks saw when they refused an order, for the audit and the Risk panel: the trading state, each order
 * with its quote (or option mark), the position held and what works on its side, the flow of orders, the day's P&L,
 * the account, the venue, and the limits the refusal's code is about. Built only on a denial.
 */
import type { RiskLimits } from '../config/riskSchema';
import { instrumentKey, type DenialCode } from '../market/order';
import type { CheckedRequest } from './checkHelpers';
import { enteringOrder, ordersOf } from './checkHelpers';
import type { GateContext, GateOrder } from './orderGate';

/** The limits each code is judged against (the trading state and venue codes have none). */
const LIMITS_OF: Partial<Record<DenialCode, ReadonlyArray<keyof RiskLimits>>> = {
  STALE_DATA: ['maxStaleDataSeconds'],
  MARKET_CLOSED: ['marketCalendar'],
  AUCTION_CUTOFF: ['marketCalendar'],
  SAME_DAY_EXPIRY: ['sameDayExpiryCutoffMinutes'],
  TICK_SIZE: ['stockTick', 'optionTick'],
  MAX_QUANTITY: ['maxOrderShares', 'maxOrderContracts'],
  MAX_NOTIONAL: ['maxOrderNotional'],
  PRICE_BAND: ['priceBandPercent'],
  VOLUME_LIMIT: ['maxPercentOfDayVolume'],
  POSITION_LIMIT: ['maxPositionPerSymbol'],
  OPEN_ORDERS: ['maxOpenOrders'],
  CONCENTRATION: ['maxConcentrationPercent'],
  GREEKS_LIMIT: ['maxDeltaDollars', 'maxGammaDollars', 'maxVegaDollars'],
  ORDER_RATE: ['maxOrdersPerSecond', 'maxOrdersPerMinute'],
  DUPLICATE_ORDER: ['duplicateWindowSeconds'],
  DAILY_LOSS: ['maxDailyLoss'],
  DRAWDOWN: ['maxDrawdown'],
};

export function denialInputs(request: CheckedRequest, context: GateContext, code: DenialCode): Record<string, unknown> {
  const { tradingState, limits, now } = context;
  const limitNames = LIMITS_OF[code] ?? [];
  return {
    tradingState: { state: tradingState.state, reason: tradingState.reason },
    venue: { ready: context.venueReady, reconciled: context.reconciled },
    orders: ordersOf(request).map((order) => orderSeen(order, request, context)),
    openOrders: context.openOrders,
    ...recentOrderCounts(context.recentOrders, now),
    dayPnl: context.dayPnl,
    dayPnlHigh: context.dayPnlHigh,
    netLiquidation: context.netLiquidation,
    greeks: { deltaDollars: context.greeks.deltaDollars, gammaDollars: context.greeks.gammaDollars, vegaDollars: context.greeks.vegaDollars },
    limits: Object.fromEntries(limitNames.map((name) => [name, limits[name]])),
    ...(code === 'BREAKER_TRIPPED' ? { breakers: latchesSeen(request, context) } : {}),
    checkedAt: now,
  };
}

/** The latched breakers that concern the order: the connection's and its symbol's stale-data trip. */
function latchesSeen(request: CheckedRequest, context: GateContext): Record<string, unknown> {
  const symbol = enteringOrder(request).instrument.symbol;
  return { connection: context.latched?.connection ?? null, staleData: { symbol, trip: context.latched?.stale(symbol) ?? null } };
}

function orderSeen(order: GateOrder, request: CheckedRequest, context: GateContext): Record<string, unknown> {
  const { instrument, side } = order;
  const replacing = request.action === 'modify' ? { orderId: request.orderId, quantity: 0 } : undefined;
  const seen: Record<string, unknown> = {
    instrument: instrumentKey(instrument),
    side,
    quantity: order.quantity,
    type: order.type,
    limitPrice: order.limitPrice,
    stopPrice: order.stopPrice,
    position: context.exposure.position(instrument),
    // A modification: what works on that side besides the order being changed.
    working: context.exposure.working(instrument, side, replacing),
  };
  const quote = context.market.quote(instrument.symbol);
  seen.quote = quote
    ? { symbol: quote.symbol, bid: quote.bid, ask: quote.ask, last: quote.last, volume: quote.volume, ageSeconds: quote.ts > 0 ? round((context.now - quote.ts) / 1000) : null }
    : null;
  if (instrument.kind === 'option') seen.option = context.market.option(instrument);
  return seen;
}

/** This engine's placements in the last second and the last minute. */
export function recentOrderCounts(recentOrders: GateContext['recentOrders'], now: number): { ordersLastSecond: number; ordersLastMinute: number } {
  let ordersLastSecond = 0;
  let ordersLastMinute = 0;
  for (const order of recentOrders) {
    const age = now - order.at;
    if (age >= 60_000) continue;
    ordersLastMinute++;
    if (age < 1_000) ordersLastSecond++;
  }
  return { ordersLastSecond, ordersLastMinute };
}

const round = (n: number): number => Math.round(n * 10) / 10;
