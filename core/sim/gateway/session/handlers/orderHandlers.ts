import { encodeCompletedOrdersEnd, encodeNextValidId } from '../../encoders/systemEncoders';
import {
  encodeCommissionReport,
  encodeExecution,
  encodeExecutionEnd,
  encodeOpenOrder,
  encodeOpenOrderEnd,
  encodeOrderStatus,
} from '../../encoders/orderEncoders';
import { matchesFilter, parseFilterTime } from '../../orders/executionFilter';
import { orderStatusView } from '../../orders/workingOrder';
import { ERR } from '../../protocol/errorCodes';
import type { Request } from '../../requests/requestTypes';
import type { Session } from '../session';
import { reject, resolveOrReject } from './resolve';

type Req<K extends Request['type']> = Extract<Request, { type: K }>;

function clientIdOf(s: Session): number {
  return s.clientId ?? 0;
}

export function reqIds(s: Session): void {
  s.send(encodeNextValidId, s.ctx.ids.issue(clientIdOf(s)));
}

export function placeOrder(s: Session, r: Req<'placeOrder'>): void {
  const i = resolveOrReject(s, r.ticket.orderId, r.ticket.contract);
  if (!i) return;
  s.ctx.orders.place(clientIdOf(s), r.ticket, i);
}

export function cancelOrder(s: Session, r: Req<'cancelOrder'>): void {
  s.ctx.orders.cancel(clientIdOf(s), r.orderId);
}

export function reqGlobalCancel(s: Session): void {
  s.ctx.orders.globalCancel();
}

export function reqOpenOrders(s: Session, r: Req<'reqOpenOrders'>): void {
  const { orders } = s.ctx;
  for (const o of orders.openOrders(r.scope === 'all' ? 'all' : clientIdOf(s))) {
    s.send(encodeOpenOrder, orders.view(o));
    s.send(encodeOrderStatus, orderStatusView(o));
  }
  s.send(encodeOpenOrderEnd, undefined);
}

/** Binding TWS-entered orders to clientId 0: the simulator has no manual orders, so there is nothing to bind. */
export function reqAutoOpenOrders(_s: Session): void {}

/** Executions passing the filter, each followed by its commission report, then EXECUTION_DATA_END. */
export function reqExecutions(s: Session, r: Req<'reqExecutions'>): void {
  const since = parseFilterTime(r.time);
  if (since instanceof Error) return reject(s, r.reqId, ERR.VALIDATION, `Error validating request: ${since.message}`);
  for (const e of s.ctx.orders.executions.all()) {
    if (!matchesFilter(e, r, since)) continue;
    s.send(encodeExecution, { ...e.exec, reqId: r.reqId });
    s.send(encodeCommissionReport, e.commission);
  }
  s.send(encodeExecutionEnd, r.reqId);
}

export function reqCompletedOrders(s: Session): void {
  s.send(encodeCompletedOrdersEnd, undefined);
}
