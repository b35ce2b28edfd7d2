import type { Instrument } from '../contracts/catalog';
import { wireContract } from '../contracts/catalog';
import type { OrderTicket } from '../requests/requestTypes';
import type { OpenOrderView, OrderStatusView, WireOrder } from '../protocol/wireTypes';

export type OrderState = 'parked' | 'waitingParent' | 'untriggered' | 'working' | 'filled' | 'cancelled';

/** One order as the simulated exchange holds it. */
export interface WorkingOrder {
  clientId: number;
  ticket: OrderTicket;
  instrument: Instrument;
  permId: number;
  state: OrderState;
  filled: number;
  avgFillPrice: number;
  lastFillPrice: number;
}

export const SUPPORTED_ORDER_TYPES = new Set(['MKT', 'LMT', 'STP', 'STP LMT']);

export function remainingOf(o: WorkingOrder): number {
  return Math.max(0, o.ticket.totalQuantity - o.filled);
}

export function isDone(o: WorkingOrder): boolean {
  return o.state === 'filled' || o.state === 'cancelled';
}

/** The TWS status name for the order's state. */
export function statusOf(o: WorkingOrder): string {
  switch (o.state) {
    case 'parked':
    case 'waitingParent':
    case 'untriggered':
      return 'PreSubmitted';
    case 'working':
      return 'Submitted';
    case 'filled':
      return 'Filled';
    case 'cancelled':
      return 'Cancelled';
  }
}

export function wireOrderOf(o: WorkingOrder, account: string): WireOrder {
  const t = o.ticket;
  return {
    orderId: t.orderId,
    clientId: o.clientId,
    permId: o.permId,
    parentId: t.parentId,
    action: t.action,
    totalQuantity: t.totalQuantity,
    orderType: t.orderType,
    lmtPrice: t.lmtPrice,
    auxPrice: t.auxPrice,
    tif: t.tif,
    ocaGroup: t.ocaGroup,
    account: t.account || account,
    orderRef: t.orderRef,
    outsideRth: t.outsideRth,
    transmit: t.transmit,
  };
}

export function openOrderView(o: WorkingOrder, account: string): OpenOrderView {
  return { contract: wireContract(o.instrument), order: wireOrderOf(o, account), status: statusOf(o) };
}

export function orderStatusView(o: WorkingOrder): OrderStatusView {
  return {
    orderId: o.ticket.orderId,
    status: statusOf(o),
    filled: o.filled,
    remaining: o.state === 'cancelled' ? 0 : remainingOf(o),
    avgFillPrice: o.avgFillPrice,
    permId: o.permId,
    parentId: o.ticket.parentId,
    lastFillPrice: o.lastFillPrice,
    clientId: o.clientId,
    whyHeld: o.state === 'parked' ? 'transmit=0' : '',
    mktCapPrice: 0,
  };
}
