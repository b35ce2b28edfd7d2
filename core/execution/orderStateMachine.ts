/**
 * The order state machine, as pure functions: a record and what the venue said give the next record (or null when
 * nothing changed). Statuses after which an order never changes (FINAL_ORDER_STATUSES) are never left: a late
 * "Submitted" after "Filled" is ignored.
 */
import type { VenueOrderReport } from '../bus/catalogue';
import { FINAL_ORDER_STATUSES, type OrderRecord, type OrderStatus } from '../market/order';
import { classifyOrderError } from './venueOrderErrors';

export interface OrderTransition {
  order: OrderRecord;
  from: OrderStatus;
  /** For the audit: "Submitted → Filled", or what changed when the status stayed. */
  what: string;
  /** The gateway's words, when it gave any. */
  why: string;
}

/** TWS's status words; ApiPending is TWS's PendingSubmit for an API order. */
const STATUS_WORDS: Record<string, OrderStatus> = {
  PendingSubmit: 'PendingSubmit',
  ApiPending: 'PendingSubmit',
  PreSubmitted: 'PreSubmitted',
  Submitted: 'Submitted',
  PendingCancel: 'PendingCancel',
  Filled: 'Filled',
  Cancelled: 'Cancelled',
  ApiCancelled: 'ApiCancelled',
  Inactive: 'Inactive',
};

/** Statuses in which the order is live at the gateway and can still be changed or filled. */
const WORKING: ReadonlySet<OrderStatus> = new Set(['PreSubmitted', 'Submitted', 'PartiallyFilled', 'PendingCancel']);

export function isFinal(status: OrderStatus): boolean {
  return FINAL_ORDER_STATUSES.has(status);
}

/** Applies one venue report to the order; null when the order is final or nothing changed. */
export function applyVenueReport(order: OrderRecord, report: VenueOrderReport, now: number): OrderTransition | null {
  if (isFinal(order.status)) return null;
  const next: OrderRecord = { ...order };
  if (report.permId !== null && report.permId > 0) next.permId = report.permId;
  if (report.order) {
    next.quantity = report.order.quantity;
    next.limitPrice = report.order.limitPrice;
    next.stopPrice = report.order.stopPrice;
  }
  if (report.filled !== null && report.filled >= order.filled) next.filled = report.filled;
  if (report.avgFillPrice !== null && report.avgFillPrice > 0 && next.filled > 0) next.avgFillPrice = report.avgFillPrice;
  next.status = statusAfter(order.status, report, next);
  let why = report.status ?? '';
  if (report.error) {
    const { effect } = classifyOrderError(report.error.code);
    why = `${report.error.message} (code ${report.error.code})`;
    next.message = report.error.message;
    if (effect === 'rejected') next.status = 'Rejected';
    else if (effect === 'cancelled' && next.status !== 'Filled') next.status = 'Cancelled';
    else if (effect === 'refusedIfNew' && !WORKING.has(order.status) && !WORKING.has(next.status)) next.status = 'Rejected';
  }
  if (!changed(order, next)) return null;
  next.updatedAt = now;
  return { order: next, from: order.status, what: describe(order, next), why };
}

/** The status a report moves the order to, from its status word and its fill counts. */
function statusAfter(current: OrderStatus, report: VenueOrderReport, next: OrderRecord): OrderStatus {
  const word = report.status === null ? undefined : STATUS_WORDS[report.status];
  if (word === undefined) return current;
  // A late PendingSubmit after the gateway acknowledged the order is an old message.
  if (word === 'PendingSubmit' && current !== 'PendingSubmit' && current !== 'Unknown') return current;
  if ((word === 'Submitted' || word === 'PreSubmitted') && partlyFilled(next, report)) return 'PartiallyFilled';
  return word;
}

function partlyFilled(next: OrderRecord, report: VenueOrderReport): boolean {
  const remaining = report.remaining ?? next.quantity - next.filled;
  return next.filled > 0 && remaining > 0;
}

function changed(a: OrderRecord, b: OrderRecord): boolean {
  return (
    a.status !== b.status ||
    a.filled !== b.filled ||
    a.avgFillPrice !== b.avgFillPrice ||
    a.permId !== b.permId ||
    a.message !== b.message ||
    a.quantity !== b.quantity ||
    a.limitPrice !== b.limitPrice ||
    a.stopPrice !== b.stopPrice
  );
}

function describe(before: OrderRecord, after: OrderRecord): string {
  if (before.status !== after.status) return `${before.status} → ${after.status}`;
  if (before.filled !== after.filled) return `filled ${after.filled} of ${after.quantity}`;
  if (before.quantity !== after.quantity || before.limitPrice !== after.limitPrice || before.stopPrice !== after.stopPrice) return 'changed at the venue';
  if (before.message !== after.message) return 'venue message';
  return 'updated';
}

/**
 * What reconciliation decides for an order the engine believes working and the gateway no longer lists: its fills
 * account for it (Filled) or they do not (Unknown, with what did fill).
 */
export function settleMissingOrder(order: OrderRecord, fills: { quantity: number; price: number }[], now: number): OrderTransition {
  const filled = fills.reduce((sum, f) => sum + f.quantity, 0);
  const avgFillPrice = filled > 0 ? fills.reduce((sum, f) => sum + f.quantity * f.price, 0) / filled : order.avgFillPrice;
  const status: OrderStatus = filled >= order.quantity ? 'Filled' : 'Unknown';
  const message =
    status === 'Filled'
      ? 'filled while the engine was not connected (found at reconciliation)'
      : `the gateway no longer lists this order and its fills (${filled} of ${order.quantity}) do not account for it: check it in TWS`;
  const next: OrderRecord = { ...order, status, filled: Math.max(filled, order.filled), avgFillPrice, message, updatedAt: now };
  return { order: next, from: order.status, what: `${order.status} → ${status}`, why: message };
}
