import { EventName, type CommissionReport, type Contract, type Execution, type IBApi, type Order, type OrderState } from '@stoqey/ib';
import type { EngineBus, VenueOrderReadiness } from '../../../bus/catalogue';
import type { ExecutionVenue, VenueOrder, VenueSnapshot } from '../../../execution/executionVenue';
import type { OrderPreview } from '../../../market/order';
import type { IbConnection, IbSession } from '../connection/ibConnection';
import { describeIbOrder, fillOf, ibContract, ibOrder, instrumentOf } from './ibOrderMapping';
import { whatIfPreview } from './whatIfPreview';
import { perShare, takeSnapshot } from './venueSnapshot';

/** Request ids of execution's own requests (reqExecutions): above order ids and the data side's request ids. */
const FIRST_REQUEST_ID = 2_000_000_000;
/** Order ids live below the data side's request ids (SubscriptionRegistry): an error with such an id is an order's. */
const ORDER_ID_CEILING = 1_000_000_000;
const PREVIEW_TIMEOUT_MS = 5_000;
/** TWS: "Duplicate order id". The venue then asks for a fresh nextValidId so the next order gets a higher id. */
const DUPLICATE_ORDER_ID = 103;

export interface IbkrExecutionOptions {
  connection: IbConnection;
  bus: EngineBus;
  /** A listener threw on input nobody foresaw: counted as bad input (source "ibkr"). */
  reportBadInput: (problem: string) => void;
}

/**
 * IBKR order execution on the shared IB connection: places, modifies and cancels what the order manager asks
 * (after risk), answers what-if previews and reconciliation snapshots, and publishes what the gateway reports
 * (order status, fills, commissions, positions, readiness) as bus events. It decides nothing.
 *
 * Every message goes through the session's SendBudget in its 'orders' lane, ahead of the data side's paced
 * subscriptions: an order or cancel leaves at once while the socket is under TWS's 50 messages a second, and never
 * waits behind a hundred market-data requests.
 */
export class IbkrExecution implements ExecutionVenue {
  private removeListener: (() => void) | undefined;
  private nextRequestId = FIRST_REQUEST_ID;
  private current: VenueOrderReadiness = { venue: 'ibkr', ready: false, nextValidId: null, session: 0 };

  constructor(private readonly options: IbkrExecutionOptions) {}

  start(): void {
    this.removeListener = this.options.connection.addListener({
      onApi: (api) => this.attach(api),
      onSession: (session) => this.setReadiness({ venue: 'ibkr', ready: true, nextValidId: session.nextValidId, session: session.id }),
      onSessionEnd: (session) => this.setReadiness({ venue: 'ibkr', ready: false, nextValidId: null, session: session.id }),
      onNotice: () => undefined,
    });
  }

  stop(): void {
    this.removeListener?.();
    this.removeListener = undefined;
  }

  place(orders: readonly VenueOrder[]): void {
    const { api, budget } = this.session();
    for (const o of orders) budget.send('orders', () => api.placeOrder(o.orderId, ibContract(o.record.instrument), ibOrder(o.record, o.transmit)));
  }

  modify(order: VenueOrder): void {
    this.place([order]);
  }

  cancel(orderId: number): void {
    const { api, budget } = this.session();
    budget.send('orders', () => api.cancelOrder(orderId));
  }

  globalCancel(): void {
    const { api, budget } = this.session();
    budget.send('orders', () => api.reqGlobalCancel());
  }

  preview(order: VenueOrder): Promise<OrderPreview> {
    const { api, budget } = this.session();
    return whatIfPreview(api, order.orderId, PREVIEW_TIMEOUT_MS, () =>
      budget.send('orders', () => api.placeOrder(order.orderId, ibContract(order.record.instrument), { ...ibOrder(order.record, true), whatIf: true })));
  }

  snapshot(since: number): Promise<VenueSnapshot> {
    const { api, budget, clientId } = this.session();
    return takeSnapshot(api, (send) => budget.send('orders', send), clientId, this.nextRequestId++, since);
  }

  private session(): IbSession {
    const session = this.options.connection.current;
    if (!session) throw new Error('not connected to TWS');
    return session;
  }

  readiness(): VenueOrderReadiness {
    return this.current;
  }

  private setReadiness(readiness: VenueOrderReadiness): void {
    this.current = readiness;
    this.options.bus.publish('venueOrderReadinessChanged', readiness);
  }

  /** A later nextValidId of the same session (answering reqIds): ids move up, the session stays reconciled. */
  private onNextValidId(api: IBApi, orderId: number): void {
    const session = this.options.connection.current;
    if (!session || session.api !== api || !this.current.ready) return;
    if (this.current.nextValidId !== null && orderId <= this.current.nextValidId) return;
    this.setReadiness({ ...this.current, nextValidId: orderId });
  }

  private attach(api: IBApi): void {
    const { bus } = this.options;
    const clientId = () => this.options.connection.clientId;
    const guard = <A extends unknown[]>(event: string, fn: (...args: A) => void) => (...args: A): void => {
      try {
        fn(...args);
      } catch (error) {
        this.options.reportBadInput(`${event} handler failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    api.on(EventName.openOrder, guard('openOrder', (orderId: number, contract: Contract, order: Order, state: OrderState) => {
      if (order.whatIf) return;
      bus.publish('venueOrderReported', {
        venue: 'ibkr', orderId, status: state.status ?? null, filled: null, remaining: null, avgFillPrice: null, permId: order.permId ?? null,
        order: describeIbOrder(contract, order), error: null, external: order.clientId !== undefined && order.clientId !== clientId(), at: Date.now(),
      });
    }));
    api.on(EventName.orderStatus, guard('orderStatus', (orderId: number, status: string, filled: number, remaining: number, avgFillPrice: number, permId?: number, _parentId?: number, _lastFillPrice?: number, ownerClientId?: number) => {
      bus.publish('venueOrderReported', {
        venue: 'ibkr', orderId, status, filled, remaining, avgFillPrice: avgFillPrice > 0 ? avgFillPrice : null, permId: permId ?? null,
        order: null, error: null, external: ownerClientId !== undefined && ownerClientId !== clientId(), at: Date.now(),
      });
    }));
    api.on(EventName.execDetails, guard('execDetails', (_reqId: number, contract: Contract, execution: Execution) => {
      const fill = fillOf(contract, execution);
      if (!fill) return this.options.reportBadInput(`execDetails: an execution this engine cannot read (${JSON.stringify({ contract, execution })})`);
      bus.publish('venueFillReported', { venue: 'ibkr', fill, external: execution.clientId !== undefined && execution.clientId !== clientId() });
    }));
    api.on(EventName.commissionReport, guard('commissionReport', (report: CommissionReport) => {
      if (!report.execId || !Number.isFinite(report.commission)) return;
      const realized = report.realizedPNL;
      bus.publish('venueCommissionReported', {
        venue: 'ibkr', execId: report.execId, commission: report.commission!,
        realizedPnl: realized !== undefined && Number.isFinite(realized) && Math.abs(realized) < 1e300 ? realized : null,
      });
    }));
    api.on(EventName.position, guard('position', (account: string, contract: Contract, quantity: number, avgCost?: number) => {
      const instrument = instrumentOf(contract);
      if (instrument) bus.publish('venuePositionReported', { venue: 'ibkr', account, instrument, quantity, avgCost: perShare(avgCost ?? 0, instrument.kind), marketPrice: null, at: Date.now() });
    }));
    api.on(EventName.nextValidId, guard('nextValidId', (orderId: number) => this.onNextValidId(api, orderId)));
    api.on(EventName.error, guard('error', (error: Error, code: number, reqId: number) => {
      if (!(reqId > 0 && reqId < ORDER_ID_CEILING)) return;
      if (code === DUPLICATE_ORDER_ID) this.options.connection.current?.budget.send('orders', () => api.reqIds(-1));
      bus.publish('venueOrderReported', {
        venue: 'ibkr', orderId: reqId, status: null, filled: null, remaining: null, avgFillPrice: null, permId: null, order: null,
        error: { code, message: error?.message ?? String(error) }, external: false, at: Date.now(),
      });
    }));
  }
}
