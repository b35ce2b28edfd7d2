import type { EngineBus, EngineCommands, VenueOrderReadiness } from '../bus/catalogue';
import type { PreCheck } from '../market/proposal';
import type { OrderDenial, OrderModification, OrderPreview, OrderReceipt, OrderRecord, OrderRequest } from '../market/order';
import type { DayHighWater } from '../risk/dayHighWater';
import { recentOrderCounts } from '../risk/denialInputs';
import type { GateFacts, GateRequest, OrderGate } from '../risk/orderGate';
import type { OrderFlowUse } from '../risk/riskMonitor';
import { moduleLogger } from '../runtime/logger';
import type { ExecutionStore } from './executionStore';
import type { ExecutionVenue } from './executionVenue';
import type { FlattenBook } from './flattenAll';
import { FillJoiner } from './fillJoiner';
import { FillRecorder } from './fillRecorder';
import { OrderDeniedError } from './orderDenied';
import { OrderIdAllocator } from './orderIds';
import { OrderLedger } from './orderLedger';
import { changedOrder, describeChange, modificationDenial } from './orderModification';
import { isFinal } from './orderStateMachine';
import { closingRequest, gateOrders, orderRecords, requestOf, validateOrder, venueOrders } from './orderTickets';
import { Portfolio } from './portfolio';
import type { OptionMarks } from './positionValuation';
import { Reconciler } from './reconciler';
import { RiskFacts } from './riskFacts';

const log = moduleLogger('orderManager');
/** A reconciliation that failed (the venue did not answer) is tried again after this long, same session. */
const RECONCILE_RETRY_MS = 5_000;

export interface OrderManagerDeps {
  bus: EngineBus;
  venue: ExecutionVenue;
  store: ExecutionStore;
  gate: OrderGate;
  optionMarks: OptionMarks;
  /** The day's P&L high, shared with the circuit breakers. */
  high?: DayHighWater;
  clock?: () => number;
}

/** A refusal with what the checks saw. */
type Refusal = OrderDenial & { inputs?: Record<string, unknown> };

const denied = (code: OrderDenial['code'], message: string) => new OrderDeniedError({ code, message });

/**
 * The one place an order is born: serves the bus's order commands (submitOrder, previewOrder, modifyOrder,
 * cancelOrder, cancelAll, closePosition), passes each through the OrderGate, gives it never-reused ids, records and
 * audits it, and hands it to the venue; follows what the venue reports (orders, fills, commissions, readiness) and
 * keeps positions, P&L and the account.
 *
 * - `new OrderManager(deps)` does nothing yet.
 * - `start()` loads orders, client order keys, the id floor, fills and positions from the store (rejects when it
 *   cannot read them: the engine does not trade without them), listens to the venue's events, serves the commands
 *   and reconciles if the venue is already ready. Until a reconciliation completes for the venue's session, new
 *   orders are denied NOT_RECONCILED.
 * - `stop()` withdraws the commands and listeners and writes what still waits for the store (within its deadline).
 */
export class OrderManager {
  private readonly clock: () => number;
  private readonly ledger: OrderLedger;
  private readonly joiner = new FillJoiner();
  private readonly portfolio: Portfolio;
  private readonly fills: FillRecorder;
  private readonly reconciler: Reconciler;
  private readonly riskFacts: RiskFacts;
  private ids: OrderIdAllocator | null = null;
  private readiness: VenueOrderReadiness = { venue: 'ibkr', ready: false, nextValidId: null, session: -1 };
  private reconciledSession: number | null = null;
  private reconcilingSession: number | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Submits in progress by client order key: a second one with the same key waits for the first's answer. */
  private readonly submitting = new Map<string, Promise<OrderReceipt>>();
  private readonly offs: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly deps: OrderManagerDeps) {
    this.clock = deps.clock ?? Date.now;
    const { bus, store, optionMarks } = deps;
    this.ledger = new OrderLedger(bus, store, this.clock);
    this.portfolio = new Portfolio({ bus, store, optionMarks, clock: this.clock });
    this.fills = new FillRecorder({ bus, store, joiner: this.joiner, ledger: this.ledger, portfolio: this.portfolio });
    this.riskFacts = new RiskFacts(bus, optionMarks, this.clock, deps.high);
    this.reconciler = new Reconciler({ bus, venue: deps.venue, ledger: this.ledger, joiner: this.joiner, fills: this.fills, portfolio: this.portfolio, clock: this.clock });
  }

  async start(): Promise<void> {
    const { bus, store, venue } = this.deps;
    this.stopped = false;
    const stored = await store.load();
    this.ledger.load(stored.orders, stored.receipts);
    this.joiner.load(stored.fills);
    this.portfolio.load(stored.positions);
    this.ids = new OrderIdAllocator(store, stored.idFloor);
    for (const order of stored.orders) bus.publish('orderChanged', order);
    this.offs.push(
      bus.subscribe('venueOrderReported', (report) => this.ledger.applyReport(report)),
      bus.subscribe('venueFillReported', (fill) => this.fills.fill(fill)),
      bus.subscribe('venueCommissionReported', (commission) => this.fills.commission(commission)),
      bus.subscribe('venueOrderReadinessChanged', (readiness) => this.onReadiness(readiness)),
      ...this.serveCommands(),
    );
    this.riskFacts.start();
    this.portfolio.start();
    this.ids.reserveAhead().catch((error: unknown) => log.warn({ err: error }, 'order ids not reserved yet; the first order will try again'));
    this.onReadiness(venue.readiness());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const off of this.offs.splice(0)) off();
    this.portfolio.stop();
    this.riskFacts.stop();
    clearTimeout(this.retryTimer);
    await this.deps.store.close();
  }

  /** Whether new orders may pass the reconciliation check: the venue ready and reconciled for its session. */
  get reconciled(): boolean {
    return this.readiness.ready && this.reconciledSession === this.readiness.session;
  }

  /** What flatten all reads of the book and how it audits (core/execution/flattenAll.ts). */
  flattenBook(): FlattenBook {
    const { portfolio, ledger } = this;
    return {
      openPositions: () => portfolio.open(),
      quantity: (key) => portfolio.booked(key)?.quantity ?? 0,
      workingOrders: () => ledger.working(),
      order: (orderId) => ledger.get(orderId),
      quote: (symbol) => this.riskFacts.quote(symbol),
      audit: (entry) => ledger.audit(entry),
    };
  }

  /** Figures for the Health panel. */
  detail(): Record<string, number | boolean | null> {
    return { venueReady: this.readiness.ready, reconciled: this.reconciled, workingOrders: this.ledger.working().length, openPositions: this.portfolio.open().length, nextOrderId: this.ids?.peek ?? null };
  }

  /** The venue's state and the order flow, for the Risk panel. */
  flowUse(): OrderFlowUse {
    const facts = this.facts();
    return { venueReady: facts.venueReady, reconciled: facts.reconciled, workingOrders: facts.openOrders, ...recentOrderCounts(facts.recentOrders, this.clock()) };
  }

  private serveCommands(): Array<() => void> {
    const { bus } = this.deps;
    return [
      bus.serve('submitOrder', (request) => this.submit(request)),
      bus.serve('checkOrder', async (request) => this.check(request)),
      bus.serve('previewOrder', (request) => this.preview(request)),
      bus.serve('modifyOrder', (change) => this.modify(change)),
      bus.serve('cancelOrder', ({ orderId, requestedBy, reason }) => this.cancel(orderId, requestedBy, reason)),
      bus.serve('cancelAll', ({ requestedBy, reason }) => this.cancelAll(requestedBy, reason)),
      bus.serve('globalCancel', (input) => this.globalCancel(input)),
      bus.serve('closePosition', (input) => this.close(input)),
    ];
  }

  private facts(): GateFacts {
    const { portfolio, ledger } = this;
    return {
      venueReady: this.readiness.ready && this.readiness.nextValidId !== null,
      reconciled: this.reconciled,
      exposure: { position: (i) => portfolio.quantity(i), working: (i, side, replacing) => ledger.workingQuantity(i, side, replacing) },
      openOrders: ledger.working().length,
      ...this.riskFacts.facts(),
    };
  }

  private gate(request: Exclude<GateRequest, { action: 'cancel' }>): Refusal | null {
    const facts = this.facts();
    const now = this.clock();
    const denial = this.deps.gate.check(request, facts, now);
    return denial && { ...denial, inputs: this.deps.gate.inputs(request, facts, now, denial) };
  }

  private async submit(request: OrderRequest): Promise<OrderReceipt> {
    const invalid = validateOrder(request);
    if (invalid) throw this.deny(request, invalid);
    const known = this.ledger.receipt(request.clientOrderKey);
    if (known) return { ...known, duplicate: true };
    const inFlight = this.submitting.get(request.clientOrderKey);
    if (inFlight) return { ...(await inFlight), duplicate: true };
    const placing = this.place(request);
    this.submitting.set(request.clientOrderKey, placing);
    try {
      return await placing;
    } finally {
      this.submitting.delete(request.clientOrderKey);
    }
  }

  /** The gate's answer now (a proposal's pre-check): nothing recorded, audited or sent. */
  private check(request: OrderRequest): PreCheck {
    const denial = validateOrder(request) ?? this.deps.gate.check({ action: 'place', orders: gateOrders(request), source: request.source }, this.facts(), this.clock());
    return denial ? { passed: false, code: denial.code, message: denial.message } : { passed: true };
  }

  /** Gate → ids (recorded first) → gate again (the state may have moved meanwhile) → record → venue. */
  private async place(request: OrderRequest): Promise<OrderReceipt> {
    const gateRequest = { action: 'place' as const, orders: gateOrders(request), source: request.source };
    const before = this.gate(gateRequest);
    if (before) throw this.deny(request, before);
    const ids = await this.takeIds(request, gateRequest.orders.length);
    const after = this.gate(gateRequest);
    if (after) throw this.deny(request, after);
    const records = orderRecords(request, ids, this.clock());
    const receipt: OrderReceipt = { clientOrderKey: request.clientOrderKey, orderIds: ids, duplicate: false };
    this.ledger.saveReceipt(receipt);
    this.riskFacts.placed(gateRequest.orders);
    for (const record of records) this.ledger.commit(record, { who: request.requestedBy, what: `order submitted (${record.role})`, why: request.reason, inputs: request });
    try {
      this.deps.venue.place(venueOrders(records));
    } catch (error) {
      const message = `not sent to the broker: ${(error as Error).message}`;
      for (const record of records) this.ledger.commit({ ...record, status: 'Rejected', message, updatedAt: this.clock() }, { who: 'engine', what: 'order PendingSubmit → Rejected', why: message, inputs: null });
    }
    return receipt;
  }

  private async takeIds(request: OrderRequest, count: number): Promise<number[]> {
    try {
      return await this.ids!.take(count);
    } catch (error) {
      const message = `The order was not sent: its order id could not be recorded in Redis first (${(error as Error).message}), and ids are never used unrecorded.`;
      throw this.deny(request, { code: 'STORE_UNAVAILABLE', message });
    }
  }

  /** The gateway's what-if; a preview places nothing, so the trading state does not stop it (the venue must be ready). */
  private async preview(request: OrderRequest): Promise<OrderPreview> {
    const invalid = validateOrder(request);
    if (invalid) throw new OrderDeniedError(invalid);
    if (!this.facts().venueReady) throw denied('VENUE_NOT_READY', 'The broker connection is not ready: no preview until it is connected.');
    const [orderId] = await this.ids!.take(1).catch((error: unknown) => {
      throw denied('STORE_UNAVAILABLE', `No preview: an order id could not be recorded in Redis first (${(error as Error).message}).`);
    });
    const [record] = orderRecords({ ...request, bracket: undefined }, [orderId!], this.clock());
    return this.deps.venue.preview({ orderId: orderId!, record: record!, transmit: true });
  }

  private async modify(change: OrderModification): Promise<OrderRecord> {
    const order = this.ownOrder(change.orderId, change.requestedBy, 'change');
    const invalid = modificationDenial(order, change);
    const next = changedOrder(order, change, this.clock());
    const gateOrder = { instrument: order.instrument, side: order.side, quantity: next.quantity - next.filled, role: order.role, type: next.type, limitPrice: next.limitPrice, stopPrice: next.stopPrice };
    const denial = invalid ?? this.gate({ action: 'modify', orderId: order.orderId, order: gateOrder });
    if (denial) throw this.deny(requestOf(next, change.requestedBy, 'modify'), denial);
    this.ledger.commit(next, { who: change.requestedBy, what: 'modify requested', why: describeChange(order, next), inputs: change });
    this.sendToVenue(() => this.deps.venue.modify({ orderId: next.orderId, record: next, transmit: true }), 'The change');
    return next;
  }

  /** Cancels pass no gate: they only ever reduce what is working. */
  private async cancel(orderId: number, requestedBy: string, reason: string): Promise<OrderRecord> {
    const order = this.ownOrder(orderId, requestedBy, 'cancel');
    this.ledger.audit({ who: requestedBy, what: 'cancel requested', why: reason, orderId, inputs: { orderId } });
    this.sendToVenue(() => this.deps.venue.cancel(orderId), 'The cancel');
    return order;
  }

  private async cancelAll(requestedBy: string, reason: string): Promise<{ cancelled: number[] }> {
    const cancelled: number[] = [];
    let failure: OrderDeniedError | null = null;
    for (const order of this.ledger.working()) {
      if (order.status === 'PendingCancel') continue;
      this.ledger.audit({ who: requestedBy, what: 'cancel requested (cancel all)', why: reason, orderId: order.orderId, inputs: { orderId: order.orderId } });
      try {
        this.sendToVenue(() => this.deps.venue.cancel(order.orderId), 'The cancel');
        cancelled.push(order.orderId);
      } catch (error) {
        failure = error as OrderDeniedError;
      }
    }
    if (failure && cancelled.length === 0) throw failure;
    return { cancelled };
  }

  private async globalCancel({ requestedBy, reason, confirmed }: EngineCommands['globalCancel']['input']): Promise<{ cancelled: number[] }> {
    const inputs = { scope: 'global', confirmed };
    if (!confirmed) {
      const message = 'A global cancel also cancels the orders placed in TWS and by other programs: resend with confirmed: true after the trader confirms.';
      this.ledger.audit({ who: requestedBy, what: 'global cancel denied', why: `NOT_CONFIRMED: ${message}`, inputs });
      throw denied('NOT_CONFIRMED', message);
    }
    this.ledger.audit({ who: requestedBy, what: 'global cancel requested (reqGlobalCancel)', why: reason, inputs });
    this.sendToVenue(() => this.deps.venue.globalCancel(), 'The global cancel');
    return { cancelled: this.ledger.working().map((o) => o.orderId) };
  }

  private async close(input: EngineCommands['closePosition']['input']): Promise<OrderReceipt> {
    const position = this.portfolio.booked(input.instrumentKey);
    if (!position || position.quantity === 0) {
      const message = `There is no open position in ${input.instrumentKey} to close.`;
      this.ledger.audit({ who: input.requestedBy, what: 'order denied', why: `NO_POSITION: ${message}`, inputs: input });
      throw denied('NO_POSITION', message);
    }
    return this.submit(closingRequest(position, input));
  }

  /** This engine's order, not final and not another client's: what modify and cancel may touch. */
  private ownOrder(orderId: number, requestedBy: string, action: 'change' | 'cancel'): OrderRecord {
    const order = this.ledger.get(orderId);
    const refuse = (code: OrderDenial['code'], message: string) => {
      const inputs = { orderId, status: order?.status ?? null };
      this.ledger.audit({ who: requestedBy, what: `${action} denied`, why: `${code}: ${message}`, orderId, inputs });
      if (order) this.deps.bus.publish('orderDenied', { request: requestOf(order, requestedBy, action), denial: { code, message }, at: this.clock(), inputs });
      return denied(code, message);
    };
    if (!order) {
      if (this.ledger.externalWithId(orderId)) throw refuse('NOT_MODIFIABLE', `Order ${orderId} was placed in TWS or by another program: ${action} it there.`);
      throw refuse('UNKNOWN_ORDER', `The engine knows no order ${orderId}.`);
    }
    if (isFinal(order.status)) throw refuse('NOT_MODIFIABLE', `Order ${orderId} is ${order.status}: it can no longer be ${action === 'change' ? 'changed' : 'cancelled'}.`);
    return order;
  }

  private sendToVenue(send: () => void, what: string): void {
    try {
      send();
    } catch (error) {
      throw denied('VENUE_NOT_READY', `${what} could not be sent to the broker: ${(error as Error).message}.`);
    }
  }

  /** Publishes, audits (with what the checks saw) and returns the denial (to be thrown). */
  private deny(request: OrderRequest, { inputs = {}, ...denial }: Refusal): OrderDeniedError {
    const at = this.clock();
    this.deps.bus.publish('orderDenied', { request, denial, at, inputs });
    this.ledger.audit({ who: request.requestedBy, what: 'order denied', why: `${denial.code}: ${denial.message}`, inputs: { request, seen: inputs } });
    return new OrderDeniedError(denial);
  }

  private onReadiness(readiness: VenueOrderReadiness): void {
    this.readiness = readiness;
    if (readiness.nextValidId !== null) this.ids?.venueNextValidId(readiness.nextValidId);
    if (!readiness.ready || this.stopped) return;
    // One run at a time: a run for an older session is followed by one for the session of now (see reconcile).
    if (this.reconciledSession !== readiness.session && this.reconcilingSession === null) void this.reconcile(readiness.session);
  }

  private async reconcile(session: number): Promise<void> {
    this.reconcilingSession = session;
    clearTimeout(this.retryTimer);
    try {
      const findings = await this.reconciler.run(session);
      this.reconciledSession = session;
      log.info({ session, findings: findings.length }, 'reconciled with the venue');
    } catch (error) {
      log.error({ err: error, session }, 'reconciliation failed; new orders are refused (NOT_RECONCILED) until it succeeds');
      this.ledger.audit({ who: 'engine', what: 'reconciliation failed', why: (error as Error).message, inputs: { session } });
      this.retryTimer = setTimeout(() => this.onReadiness(this.readiness), RECONCILE_RETRY_MS);
      this.retryTimer.unref();
    } finally {
      this.reconcilingSession = null;
    }
    const now = this.readiness;
    if (!this.stopped && now.ready && now.session !== session && this.reconciledSession !== now.session) void this.reconcile(now.session);
  }
}
