import type { OrderDenial, OrderModification, OrderRecord } from '../market/order';
import { LIMIT_TYPES, STOP_TYPES } from './orderTickets';

const invalid = (message: string): OrderDenial => ({ code: 'INVALID_ORDER', message });
const isPrice = (n: number) => Number.isFinite(n) && n > 0 && n <= 1_000_000;

/** Why a change cannot apply to this order (null: it can); the gate is asked separately. */
export function modificationDenial(order: OrderRecord, change: OrderModification): OrderDenial | null {
  const { quantity, limitPrice, stopPrice } = change;
  if (order.status === 'Unknown') return { code: 'NOT_MODIFIABLE', message: `Order ${order.orderId} is unknown at the broker: check it in TWS.` };
  if (order.status === 'PendingCancel') return { code: 'NOT_MODIFIABLE', message: `Order ${order.orderId} is being cancelled.` };
  if (quantity === undefined && limitPrice === undefined && stopPrice === undefined) return invalid('Nothing to change: give a quantity, a limit price or a stop price.');
  if (quantity !== undefined && (!Number.isInteger(quantity) || quantity <= 0)) return invalid(`The quantity must be a whole number above 0, not ${quantity}.`);
  if (quantity !== undefined && quantity <= order.filled) return invalid(`Order ${order.orderId} has filled ${order.filled}: its quantity must stay above that.`);
  if (limitPrice !== undefined && !LIMIT_TYPES.has(order.type)) return invalid(`Order ${order.orderId} is ${order.type}: it has no limit price to change.`);
  if (stopPrice !== undefined && !STOP_TYPES.has(order.type)) return invalid(`Order ${order.orderId} is ${order.type}: it has no stop price to change.`);
  if ((limitPrice !== undefined && !isPrice(limitPrice)) || (stopPrice !== undefined && !isPrice(stopPrice))) return invalid('A price must be above 0 and at most 1,000,000.');
  return null;
}

/** The order as the change asks for it (the venue's next report has the last word on its fields). */
export function changedOrder(order: OrderRecord, change: OrderModification, now: number): OrderRecord {
  return {
    ...order,
    quantity: change.quantity ?? order.quantity,
    limitPrice: change.limitPrice ?? order.limitPrice,
    stopPrice: change.stopPrice ?? order.stopPrice,
    updatedAt: now,
  };
}

/** "quantity 100 → 150, limit 450 → 449.5", for the audit. */
export function describeChange(before: OrderRecord, after: OrderRecord): string {
  const parts: string[] = [];
  if (before.quantity !== after.quantity) parts.push(`quantity ${before.quantity} → ${after.quantity}`);
  if (before.limitPrice !== after.limitPrice) parts.push(`limit ${before.limitPrice} → ${after.limitPrice}`);
  if (before.stopPrice !== after.stopPrice) parts.push(`stop ${before.stopPrice} → ${after.stopPrice}`);
  return parts.join(', ') || 'no change';
}
