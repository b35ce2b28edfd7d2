import { FINAL_ORDER_STATUSES, type OrderRecord, type OrderStatus } from '../../../core/contract/contract';

export const orderGroups = ['working', 'filled', 'cancelled', 'rejected'] as const;
export type OrderGroup = (typeof orderGroups)[number];

const groupByStatus: Partial<Record<OrderStatus, OrderGroup>> = {
  Filled: 'filled',
  Cancelled: 'cancelled',
  ApiCancelled: 'cancelled',
  Rejected: 'rejected',
  // Accepted by the gateway but not working (refused by the exchange, outside its hours): the trader must look.
  Inactive: 'rejected',
};

/** Working = not final yet (pending, submitted, partly filled, pending cancel, or unknown at the gateway). */
export function groupOf(status: OrderStatus): OrderGroup {
  return groupByStatus[status] ?? 'working';
}

/** This engine's working orders can be cancelled; TWS's own (external) are shown read-only. */
export function canCancel(order: OrderRecord): boolean {
  return !order.external && !FINAL_ORDER_STATUSES.has(order.status) && order.status !== 'PendingCancel' && order.status !== 'Unknown';
}

/** Price and size of this engine's working orders can be changed; a bracket's parent once it is filled cannot. */
export function canModify(order: OrderRecord): boolean {
  return canCancel(order) && order.filled < order.quantity;
}

export function countByGroup(orders: readonly OrderRecord[]): Record<OrderGroup, number> {
  const counts: Record<OrderGroup, number> = { working: 0, filled: 0, cancelled: 0, rejected: 0 };
  for (const order of orders) counts[groupOf(order.status)] += 1;
  return counts;
}
