import type { Instrument } from '../contracts/catalog';
import { wireContract } from '../contracts/catalog';
import type { OrderTicket } from '../requests/requestTypes';
import type { OpenOrderView, OrderStatusView, WireOrder } from '../protocol/wireTypes';
import type { OrderFees } from './commissions';

/**
 * parked: transmit=0, not sent yet; waitingParent: a child until its parent fills; held: waiting for trading hours
 * (PreSubmitted, warning 399); auction: a MOC/LOC order waiting for the close; untriggered: a stop not yet elected.
 */
export type OrderState = 'parked' | 'waitingParent' | 'held' | 'auction' | 'untriggered' | 'working' | 'filled' | 'cancelled';

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
  fees: OrderFees;
  /** When a DAY order expires (its session's close); undefined for GTC, or when the venue never closes. */
  expiresAt: number | undefined;
}

export const SUPPORTED_ORDER_TYPES = new Set(['MKT', 'LMT', 'STP', 'STP LMT', 'MOC', 'LOC']);
export const SUPPORTED_TIFS = new Set(['DAY', 'GTC', 'IOC']);

export function isAuctionOrder(orderType: string): boolean {
  return orderType === 'MOC' || orderType === 'LOC';
}

/** Orders that can trade now (or on a trigger), as opposed to parked, held or done ones. */
export function isLive(o: WorkingOrder): boolean {
  return o.state === 'working' || o.state === 'untriggered';
}

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
    case 'held':
    case 'untriggered':
      return 'PreSubmitted';
    case 'auction':
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
    ocaType: effectiveOcaType(t),
    account: t.account || account,
    orderRef: t.orderRef,
    outsideRth: t.outsideRth,
    transmit: t.transmit,
    whatIf: t.whatIf,
  };
}

/** An OCA group sent without a type acts as type 1 (cancel the others on a fill). */
export function effectiveOcaType(t: OrderTicket): number {
  if (!t.ocaGroup) return 0;
  return t.ocaType >= 1 && t.ocaType <= 3 ? t.ocaType : 1;
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
