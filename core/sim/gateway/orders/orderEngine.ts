import type { MarketFeed, TradePrint } from '../../market/marketFeed';
import { type Instrument, symbolOf } from '../contracts/catalog';
import { ERR, messageFor } from '../protocol/errorCodes';
import type { CommissionView, ExecutionView, OpenOrderView, OrderStatusView } from '../protocol/wireTypes';
import type { OrderTicket } from '../requests/requestTypes';
import { chargeExecution, noFees } from './commissions';
import { ExecutionLog } from './executionLog';
import { stopTriggered, takeLiquidity, type FillPiece } from './fills';
import { ocaEffects } from './ocaGroups';
import { rejectionOf } from './orderAdmission';
import type { OrderIdStore } from './orderIdStore';
import type { Portfolio } from './portfolio';
import { SessionBoundaries } from './sessionBoundaries';
import type { TradingHoursMode } from './tradingHours';
import { dayOrderExpiry, heldWarning, ignoresOutsideRth, mayTradeNow } from './tradingSession';
import { whatIfFigures } from './whatIf';
import { isAuctionOrder, isDone, isLive, openOrderView, orderStatusView, remainingOf, type WorkingOrder } from './workingOrder';

/** Where order events go: the gateway routes them to the sessions of the owning clientId. */
export interface OrderListener {
  openOrder(clientId: number, view: OpenOrderView): void;
  orderStatus(clientId: number, view: OrderStatusView): void;
  execution(clientId: number, exec: ExecutionView, commission: CommissionView): void;
  error(clientId: number, id: number, code: number, message: string): void;
  portfolioChanged(conId: number): void;
}

/** Accepts, modifies, cancels and fills orders against the simulated market, through the trading day. */
export class OrderEngine {
  readonly executions = new ExecutionLog();
  private readonly orders = new Map<string, WorkingOrder>();
  private readonly session: SessionBoundaries;
  private nextPermId = 1_000_001;
  /** The market emits trades and quotes synchronously from fill(); re-entering work() then would fill twice. */
  private working = false;

  constructor(
    private readonly feed: MarketFeed,
    private readonly ids: OrderIdStore,
    private readonly portfolio: Portfolio,
    private readonly listener: OrderListener,
    private readonly mode: TradingHoursMode = 'enforced',
  ) {
    this.session = new SessionBoundaries(feed, mode, {
      orders: () => this.orders.values(),
      expire: (o) => this.cancelOrder(o),
      hold: (o) => this.hold(o, false),
      release: (o) => this.activate(o),
      fill: (o, piece) => this.applyFill(o, piece),
    });
  }

  place(clientId: number, ticket: OrderTicket, instrument: Instrument): void {
    this.session.catchUp();
    const existing = this.orders.get(key(clientId, ticket.orderId));
    if (existing && ticket.whatIf) return this.answerWhatIf(existing, ticket);
    if (existing) return this.modify(existing, ticket);
    if (this.ids.isUsed(clientId, ticket.orderId)) {
      return this.listener.error(clientId, ticket.orderId, ERR.DUPLICATE_ORDER_ID, messageFor(ERR.DUPLICATE_ORDER_ID));
    }
    this.ids.markUsed(clientId, ticket.orderId);
    const rejection = rejectionOf(ticket, instrument, this.feed.now(), this.mode);
    if (rejection) return this.listener.error(clientId, ticket.orderId, rejection.code, rejection.message);
    const o: WorkingOrder = {
      clientId, ticket, instrument, permId: 0, state: 'parked', filled: 0, avgFillPrice: 0, lastFillPrice: 0, fees: noFees(), expiresAt: undefined,
    };
    if (ticket.whatIf) return this.answerWhatIf(o, ticket);
    o.permId = this.nextPermId++;
    o.expiresAt = dayOrderExpiry(o, this.feed.now(), this.mode);
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

  view(o: WorkingOrder): OpenOrderView {
    return openOrderView(o, this.portfolio.account);
  }

  /** Called on each quote and trade: passes session boundaries, then re-evaluates the live orders on the symbol. */
  onMarket(symbol: string, trade?: TradePrint): void {
    this.session.catchUp();
    if (trade) this.session.recordTrade(trade);
    if (this.working) return;
    for (const o of this.orders.values()) if (isLive(o) && symbolOf(o.instrument) === symbol) this.work(o);
  }

  /** A what-if order is not placed (nor, for a live order's id, modified): TWS answers with its margin and commission. */
  private answerWhatIf(o: WorkingOrder, ticket: OrderTicket): void {
    const view = openOrderView({ ...o, ticket }, this.portfolio.account);
    this.listener.openOrder(o.clientId, { ...view, status: 'PreSubmitted', whatIf: whatIfFigures(this.portfolio, this.feed, o.instrument, ticket) });
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
    // A member filled early may already have cancelled a sibling through their OCA group.
    for (const member of family) if (member.state === 'parked') this.activate(member);
  }

  /** Sends a transmitted order on its way: to its parent's fill, the close auction, the open, or the market now. */
  private activate(o: WorkingOrder): void {
    const parent = o.ticket.parentId ? this.orders.get(key(o.clientId, o.ticket.parentId)) : undefined;
    if (parent && parent.state !== 'filled') {
      o.state = 'waitingParent';
      return this.announce(o);
    }
    if (isAuctionOrder(o.ticket.orderType)) {
      o.state = 'auction';
      return this.announce(o);
    }
    if (!mayTradeNow(o, this.feed.now(), this.mode)) return o.ticket.tif === 'IOC' ? this.cancelOrder(o) : this.hold(o, true);
    o.state = o.ticket.orderType.startsWith('STP') ? 'untriggered' : 'working';
    this.announce(o);
    this.work(o);
    if (o.ticket.tif === 'IOC' && !isDone(o)) this.cancelOrder(o);
  }

  /** Waits for trading hours: PreSubmitted, with TWS's warnings when the order has just been placed. */
  private hold(o: WorkingOrder, warn: boolean): void {
    o.state = 'held';
    this.announce(o);
    if (!warn) return;
    if (ignoresOutsideRth(o)) this.listener.error(o.clientId, o.ticket.orderId, ERR.ORDER_EVENT_WARNING, messageFor(ERR.ORDER_EVENT_WARNING));
    const w = heldWarning(o, this.feed.now());
    this.listener.error(o.clientId, o.ticket.orderId, w.code, w.message);
  }

  private modify(o: WorkingOrder, ticket: OrderTicket): void {
    if (o.state === 'filled') return this.listener.error(o.clientId, ticket.orderId, ERR.MODIFY_FILLED, messageFor(ERR.MODIFY_FILLED));
    if (o.state === 'cancelled') return this.listener.error(o.clientId, ticket.orderId, ERR.DUPLICATE_ORDER_ID, messageFor(ERR.DUPLICATE_ORDER_ID));
    const rejection = rejectionOf(ticket, o.instrument, this.feed.now(), this.mode);
    if (rejection) return this.listener.error(o.clientId, ticket.orderId, rejection.code, rejection.message);
    o.ticket = { ...ticket, totalQuantity: Math.max(ticket.totalQuantity, o.filled) };
    o.expiresAt = dayOrderExpiry(o, this.feed.now(), this.mode);
    if (o.state === 'parked') return ticket.transmit ? this.transmitFamily(o) : this.announce(o);
    if (o.state === 'waitingParent') return this.announce(o);
    this.activate(o);
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
    const commission = chargeExecution(o.instrument, o.fees, size, p.price);
    const side = o.ticket.action === 'BUY' ? 'BUY' : 'SELL';
    const realized = this.portfolio.applyFill(o.instrument, side, size, p.price, commission);
    const account = o.ticket.account || this.portfolio.account;
    const stored = this.executions.record(o, { piece: p, size, commission, realized, ts: this.feed.now(), account });
    this.listener.execution(o.clientId, stored.exec, stored.commission);
    this.listener.orderStatus(o.clientId, orderStatusView(o));
    if (o.state === 'filled') this.afterFilled(o);
    this.applyOca(o, size);
    this.listener.portfolioChanged(o.instrument.spec.conId);
  }

  private afterFilled(o: WorkingOrder): void {
    this.listener.openOrder(o.clientId, this.view(o));
    for (const child of this.orders.values()) {
      if (child.clientId === o.clientId && child.ticket.parentId === o.ticket.orderId && child.state === 'waitingParent') this.activate(child);
    }
  }

  private applyOca(o: WorkingOrder, size: number): void {
    for (const effect of ocaEffects(o, size, [...this.orders.values()])) {
      if (effect.kind === 'cancel') this.cancelOrder(effect.order);
      else {
        const other = effect.order;
        other.ticket = { ...other.ticket, totalQuantity: other.ticket.totalQuantity - effect.by };
        this.announce(other);
      }
    }
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

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
