import type { CommandInput, OrderRecord } from '../../../core/contract/contract';
import { orderModificationInput } from '../../../core/contract/orderInputs';

/** An inline edit of a working order, as typed in its row. */
export interface OrderEdit {
  quantity: string;
  limitPrice: string;
  stopPrice: string;
}

export type OrderEditCheck = { ok: true; change: CommandInput<'modifyOrder'> } | { ok: false; error: string };

export function editOf(order: OrderRecord): OrderEdit {
  return { quantity: String(order.quantity), limitPrice: order.limitPrice === null ? '' : String(order.limitPrice), stopPrice: order.stopPrice === null ? '' : String(order.stopPrice) };
}

/** Only what changed goes to modifyOrder; a quantity below what already filled cannot be. */
export function orderModification(order: OrderRecord, edit: OrderEdit): OrderEditCheck {
  const change: CommandInput<'modifyOrder'> = { orderId: order.orderId };
  const quantity = Number(edit.quantity.trim());
  if (quantity !== order.quantity) {
    if (!Number.isInteger(quantity) || quantity < 1) return { ok: false, error: 'quantity: a whole number, 1 or more' };
    if (quantity <= order.filled) return { ok: false, error: `quantity: more than the ${order.filled} already filled` };
    change.quantity = quantity;
  }
  for (const field of ['limitPrice', 'stopPrice'] as const) {
    if (order[field] === null) continue;
    const price = Number(edit[field].trim());
    if (price === order[field]) continue;
    if (!edit[field].trim() || !Number.isFinite(price) || price <= 0) return { ok: false, error: `${field === 'limitPrice' ? 'limit' : 'stop'} price: a number above 0` };
    change[field] = price;
  }
  const parsed = orderModificationInput.safeParse(change);
  if (!parsed.success) return { ok: false, error: parsed.error.issues.map((issue) => issue.message).join('; ') };
  return { ok: true, change };
}
