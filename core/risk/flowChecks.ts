/** The flow of new orders: rate per second and per minute, and the same order twice within a few seconds. */
import { deny, enteringOrder, nameOf } from './checkHelpers';
import type { OrderCheck } from './orderGate';

/** risk.maxOrdersPerSecond and risk.maxOrdersPerMinute, counting this engine's placements (a bracket: its legs). */
export const orderRateCheck: OrderCheck = (request, { recentOrders, limits, now }) => {
  if (request.action !== 'place') return null;
  let lastSecond = 0;
  let lastMinute = 0;
  for (let i = recentOrders.length - 1; i >= 0; i--) {
    const age = now - recentOrders[i]!.at;
    if (age >= 60_000) break;
    lastMinute++;
    if (age < 1_000) lastSecond++;
  }
  const adding = request.orders.length;
  if (lastSecond + adding > limits.maxOrdersPerSecond) {
    return deny('ORDER_RATE', `${lastSecond} orders were sent in the last second: more would pass the ${limits.maxOrdersPerSecond} per second allowed (risk.maxOrdersPerSecond). Wait a moment.`);
  }
  if (lastMinute + adding > limits.maxOrdersPerMinute) {
    return deny('ORDER_RATE', `${lastMinute} orders were sent in the last minute: more would pass the ${limits.maxOrdersPerMinute} per minute allowed (risk.maxOrdersPerMinute). Wait a moment.`);
  }
  return null;
};

/** risk.duplicateWindowSeconds: the same side, instrument and limit price (or none) as an order placed that recently. */
export const duplicateOrderCheck: OrderCheck = (request, { recentOrders, limits, now }) => {
  if (request.action !== 'place' || limits.duplicateWindowSeconds === 0) return null;
  const order = enteringOrder(request);
  const key = nameOf(order);
  const windowMs = limits.duplicateWindowSeconds * 1000;
  for (let i = recentOrders.length - 1; i >= 0; i--) {
    const recent = recentOrders[i]!;
    const age = now - recent.at;
    if (age >= windowMs) break;
    if (recent.instrumentKey === key && recent.side === order.side && recent.limitPrice === order.limitPrice) {
      const price = order.limitPrice === null ? 'at market' : `at ${order.limitPrice}`;
      return deny('DUPLICATE_ORDER', `The same order (${order.side} ${key} ${price}) was sent ${(age / 1000).toFixed(1)} s ago: refused as a likely duplicate. Send it again after ${limits.duplicateWindowSeconds} s if you mean it (risk.duplicateWindowSeconds).`);
    }
  }
  return null;
};
