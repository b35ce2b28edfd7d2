/** Data: an order is judged against a quote fresher than risk.maxStaleDataSeconds. */
import { deny, enteringOrder, reducesPosition } from './checkHelpers';
import type { OrderCheck } from './orderGate';

/** Order types that execute at whatever the market is. */
const AT_MARKET: ReadonlySet<string> = new Set(['MKT', 'MOC', 'STP']);

/**
 * The quote of the order's symbol (an option's underlying) must be fresher than risk.maxStaleDataSeconds: a symbol
 * whose data went stale is blocked until quotes flow again. An order at market needs a quote at all. An order that
 * only shrinks a position passes: closing out must work when the data does not.
 */
export const staleDataCheck: OrderCheck = (request, context) => {
  const { market, limits, now } = context;
  if (reducesPosition(request, context)) return null;
  const order = enteringOrder(request);
  const symbol = order.instrument.symbol;
  const quote = market.quote(symbol);
  if (!quote || quote.ts === 0) {
    if (!AT_MARKET.has(order.type)) return null;
    return deny('NO_MARKET_DATA', `No quote has arrived for ${symbol}: an order at market is not sent without a price to check it against. Use a limit order or wait for data.`);
  }
  const age = (now - quote.ts) / 1000;
  if (age <= limits.maxStaleDataSeconds) return null;
  return deny('STALE_DATA', `The last quote for ${symbol} is ${age.toFixed(0)} s old, older than the ${limits.maxStaleDataSeconds} s allowed (risk.maxStaleDataSeconds): ${symbol} is blocked until its data is fresh again.`);
};
