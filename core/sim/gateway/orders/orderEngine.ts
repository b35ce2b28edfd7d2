import type { MarketFeed } from '../../market/marketFeed';
import type { Instrument } from '../contracts/catalog';
import { wireContract } from '../contracts/catalog';
import { ERR, messageFor } from '../protocol/errorCodes';
import type { CommissionView, ExecutionView, OpenOrderView, OrderStatusView } from '../protocol/wireTypes';
import type { OrderTicket } from '../requests/requestTypes';
import { twsDateTime } from '../wire/twsTime';
import { commissionFor, stopTriggered, takeLiquidity, type FillPiece } from './fills';
import type { OrderIdStore } from './orderIdStore';
import type { Portfolio } from './portfolio';
import { isDone, openOrderView, orderStatusView, remainingOf, SUPPORTED_ORDER_TYPES, type WorkingOrder } from './workingOrder';

/** Where order events go: the gateway routes them to the sessions of the owning clientId. */
export interface OrderListener {
  openOrder(clientId: number, view: OpenOrderView): void;
  orderStatus(clientId: number, view: OrderStatusView): void;
  execution(clientId: number, exec: ExecutionView, commission: CommissionView): void;
  error(clientId: number, id: number, code: number, message: string): void;
  portfolioChanged(conId: number): void;
}

export interface StoredExecution {
  exec: ExecutionView;
  commission: CommissionView;
  symbol: string;
  secType: string;
}

/** Accepts, modifies, cancels and fills orders against the simulated market. */
export class OrderEngine {
  private readonly orders = new Map<string, WorkingOrder>();
  private readonly executions: StoredExecution[] = [];
  private nextPermId = 1_000_001;
  private execSeq = 1;
  /** The market emits trades and quotes synchronously from fill(); re-entering work() then would fill twice. */
  private working = false;

  constructor(
    private readonly feed: MarketFeed,
    private readonly ids: OrderIdStore,
    private readonly portfolio: Portfolio,
    private readonly listener: OrderListener,
  ) {}

  place(clientId: number, ticket: OrderTicket, instrument: Instrument): void {
    const existing = this.orders.get(key(clientId, ticket.orderId));
    if (existing) return this.modify(existing, ticket);
    if (this.ids.isUsed(clientId, ticket.orderId)) {
      return this.listener.error(clientId, ticket.orderId, ERR.DUPLICATE_ORDER_ID, messageFor(ERR.DUPLICATE_ORDER_ID));
    }
    this.ids.markUsed(clientId, ticket.orderId);
    const invalid = validate(ticket);
    if (invalid) return this.listener.error(clientId, ticket.orderId, ERR.ORDER_REJECTED, `Order rejected - reason:${invalid}`);
    const o: WorkingOrder = { clientId, ticket, instrument, permId: this.nextPermId++, state: 'parked', filled: 0, avgFillPrice: 0, lastFillPrice: 0 };
    this.orders.set(key(clientId, ticket.orderId), o);
    if (!ticket.transmit) return this.park(o);
    this.transmitFamily(o);
  }

  cancel(clientId: number, orderId: number): void {
    const o = this.orders.get(key(clientId, orderId));
    if (!o) return this.listener.error(clientId, orderId, ERR.CANCEL_NOT_FOUND, messageFor(ERR.CANCEL_NOT_FOUND, orderId));
    if (isDone(o)) {
      const state = o.state === 'filled' ? 'Filled' : 'Cancelled';
      return this.listener.error(clientId, orderId, ERR.CANCEL_NOT_CANCELLABLE, messageFor(ERR.CANCEL_NOT_CANCELLABLE, orderId, state));
    }
    this.cancelOrder(o);
  }

  globalCancel(): void {
    for (const o of this.orders.values()) if (!isDone(o)) this.cancelOrder(o);
  }

  openOrders(clientId: number | 'all'): WorkingOrder[] {
    return [...this.orders.values()].filter((o) => !isDone(o) && (clientId === 'all' || o.clientId === clientId));
  }

  allExecutions(): StoredExecution[] {
    return this.executions;
  }

  view(o: WorkingOrder): OpenOrderView {
    return openOrderView(o, this.portfolio.account);
  }

  /** Re-evaluates every live order on this symbol; called on each quote and trade. */
  onMarket(symbol: string): void {
    if (this.working) return;
    for (const o of this.orders.values()) {
      if (o.state !== 'working' && o.state !== 'untriggered') continue;
      const s = o.instrument.kind === 'stock' ? o.instrument.spec.symbol : o.instrument.spec.underlying;
      if (s === symbol) this.work(o);
    }
  }

  private park(o: WorkingOrder): void {
    this.announce(o);
    this.listener.error(o.clientId, o.ticket.orderId, ERR.ORDER_WARNING, 'Order held: transmit flag is off; it is sent with the next order of its group that has transmit=1');
  }

  /** Transmitting a child also transmits its parked parent and siblings (bracket orders). */
  private transmitFamily(o: WorkingOrder): void {
    const rootId = o.ticket.parentId || o.ticket.orderId;
    const family = [...this.orders.values()].filter(
      (x) => x.clientId === o.clientId && x.state === 'parked' && (x.ticket.orderId === rootId || x.ticket.parentId === rootId),
    );
    family.sort((a, b) => a.ticket.orderId - b.ticket.orderId);
    for (const member of family) this.activate(member);
  }

  private activate(o: WorkingOrder): void {
    const parent = o.ticket.parentId ? this.orders.get(key(o.clientId, o.ticket.parentId)) : undefined;
    if (parent && parent.state !== 'filled') o.state = 'waitingParent';
    else o.state = o.ticket.orderType.startsWith('STP') ? 'untriggered' : 'working';
    this.announce(o);
    if (o.state === 'working' || o.state === 'untriggered') this.work(o);
  }

  private modify(o: WorkingOrder, ticket: OrderTicket): void {
    if (o.state === 'filled') return this.listener.error(o.clientId, ticket.orderId, ERR.MODIFY_FILLED, messageFor(ERR.MODIFY_FILLED));
    if (o.state === 'cancelled') return this.listener.error(o.clientId, ticket.orderId, ERR.DUPLICATE_ORDER_ID, messageFor(ERR.DUPLICATE_ORDER_ID));
    const invalid = validate(ticket);
    if (invalid) return this.listener.error(o.clientId, ticket.orderId, ERR.ORDER_REJECTED, `Order rejected - reason:${invalid}`);
    o.ticket = { ...ticket, totalQuantity: Math.max(ticket.totalQuantity, o.filled) };
    if (o.state === 'parked') return ticket.transmit ? this.transmitFamily(o) : this.announce(o);
    if (o.state === 'working' && o.ticket.orderType.startsWith('STP')) o.state = 'untriggered';
    this.announce(o);
    this.work(o);
  }

  private work(o: WorkingOrder): void {
    if (o.state === 'untriggered') {
      if (!stopTriggered(this.feed, o)) return;
      o.state = 'working';
    }
    if (o.state !== 'working' || this.working) return;
    this.working = true;
    try {
      for (const p of takeLiquidity(this.feed, o)) this.applyFill(o, p);
    } finally {
      this.working = false;
    }
  }

  private applyFill(o: WorkingOrder, p: FillPiece): void {
    const size = Math.min(p.size, remainingOf(o));
    if (size <= 0) return;
    o.avgFillPrice = round((o.avgFillPrice * o.filled + p.price * size) / (o.filled + size));
    o.filled += size;
    o.lastFillPrice = p.price;
    if (remainingOf(o) === 0) o.state = 'filled';
    const commission = commissionFor(o.instrument, size);
    const side = o.ticket.action === 'BUY' ? 'BUY' : 'SELL';
    const realized = this.portfolio.applyFill(o.instrument, side, size, p.price, commission);
    const stored = this.record(o, p, size, commission, realized);
    this.listener.execution(o.clientId, stored.exec, stored.commission);
    this.listener.orderStatus(o.clientId, orderStatusView(o));
    if (o.state === 'filled') this.afterFilled(o);
    this.listener.portfolioChanged(o.instrument.spec.conId);
  }

  private afterFilled(o: WorkingOrder): void {
    this.listener.openOrder(o.clientId, this.view(o));
    for (const child of this.orders.values()) {
      if (child.clientId === o.clientId && child.ticket.parentId === o.ticket.orderId && child.state === 'waitingParent') this.activate(child);
    }
    for (const other of this.orders.values()) {
      if (other === o || isDone(other) || other.clientId !== o.clientId) continue;
      const sameOca = o.ticket.ocaGroup !== '' && other.ticket.ocaGroup === o.ticket.ocaGroup;
      const sibling = o.ticket.parentId !== 0 && other.ticket.parentId === o.ticket.parentId;
      if (sameOca || sibling) this.cancelOrder(other);
    }
  }

  private record(o: WorkingOrder, p: FillPiece, size: number, commission: number, realized: number | undefined): StoredExecution {
    const execId = `0000e0d5.${(this.execSeq++).toString(16).padStart(8, '0')}.01.01`;
    const exec: ExecutionView = {
      reqId: -1,
      orderId: o.ticket.orderId,
      contract: wireContract(o.instrument, p.exchange),
      execId,
      time: twsDateTime(this.feed.now()),
      account: this.portfolio.account,
      exchange: p.exchange,
      side: o.ticket.action === 'BUY' ? 'BOT' : 'SLD',
      shares: size,
      price: p.price,
      permId: o.permId,
      clientId: o.clientId,
      cumQty: o.filled,
      avgPrice: o.avgFillPrice,
      orderRef: o.ticket.orderRef,
      lastLiquidity: 2,
    };
    const stored = {
      exec,
      commission: { execId, commission, currency: 'USD', realizedPnl: realized === undefined ? undefined : round(realized) },
      symbol: exec.contract.symbol,
      secType: exec.contract.secType,
    };
    this.executions.push(stored);
    return stored;
  }

  private cancelOrder(o: WorkingOrder): void {
    o.state = 'cancelled';
    this.listener.orderStatus(o.clientId, orderStatusView(o));
    this.listener.error(o.clientId, o.ticket.orderId, ERR.ORDER_CANCELLED, messageFor(ERR.ORDER_CANCELLED));
    for (const child of this.orders.values()) {
      if (child.clientId === o.clientId && child.ticket.parentId === o.ticket.orderId && !isDone(child)) this.cancelOrder(child);
    }
  }

  private announce(o: WorkingOrder): void {
    this.listener.openOrder(o.clientId, this.view(o));
    this.listener.orderStatus(o.clientId, orderStatusView(o));
  }
}

function key(clientId: number, orderId: number): string {
  return `${clientId}:${orderId}`;
}

function validate(t: OrderTicket): string | undefined {
  if (!SUPPORTED_ORDER_TYPES.has(t.orderType)) return `order type ${t.orderType} is not supported by the simulated exchange`;
  if (t.action !== 'BUY' && t.action !== 'SELL') return `action must be BUY or SELL, got "${t.action}"`;
  if (!(t.totalQuantity > 0)) return 'total quantity must be positive';
  if ((t.orderType === 'LMT' || t.orderType === 'STP LMT') && t.lmtPrice === undefined) return 'limit price is missing';
  if (t.orderType.startsWith('STP') && t.auxPrice === undefined) return 'stop price (auxPrice) is missing';
  return undefined;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
