/**
 * A small in-memory ExecutionVenue and ExecutionStore for the order manager's unit tests: the venue records what it
 * is asked and lets a test publish the venue's reports on the bus, as the IBKR venue does; the store keeps what it
 * is given (a new manager on the same store is an engine restart). The real-socket and real-Redis tests are in
 * tests/integration.
 */
import { createEngineBus, type EngineBus, type EngineEvents, type VenueOrderReadiness, type VenueOrderReport } from '../../core/bus/catalogue';
import type { TradingState, TradingStateName } from '../../core/contract/contract';
import { OrderManager } from '../../core/execution/orderManager';
import type { OptionMark } from '../../core/execution/positionValuation';
import { OrderGate } from '../../core/risk/orderGate';
import type { AuditEntry, ExecutionStore, StoredExecution } from '../../core/execution/executionStore';
import type { ExecutionVenue, VenueOrder, VenueSnapshot } from '../../core/execution/executionVenue';
import type { RecordedFill } from '../../core/execution/fillJoiner';
import type { BookedPosition } from '../../core/execution/positionBook';
import { instrumentKey, type AccountSnapshot, type Fill, type Instrument, type OrderPreview, type OrderReceipt, type OrderRecord, type OrderRequest, type OrderSide } from '../../core/market/order';
import { relaxedRiskLimits } from './riskFixtures';
import type { RiskLimits } from '../../core/config/riskSchema';

const copy = <T>(value: T): T => structuredClone(value);

export class MemoryExecutionStore implements ExecutionStore {
  orders = new Map<number, OrderRecord>();
  receipts = new Map<string, OrderReceipt>();
  idFloor = 0;
  fills = new Map<string, RecordedFill>();
  positions: BookedPosition[] = [];
  account: AccountSnapshot | null = null;
  auditRows: AuditEntry[] = [];
  /** While true, raiseIdFloor rejects (Redis unreachable). */
  floorUnwritable = false;
  floorWrites: number[] = [];

  async load(): Promise<StoredExecution> {
    return copy({ orders: [...this.orders.values()], receipts: [...this.receipts.values()], idFloor: this.idFloor, positions: this.positions, fills: [...this.fills.values()] });
  }

  async raiseIdFloor(floor: number): Promise<void> {
    if (this.floorUnwritable) throw new Error('Connection is closed.');
    this.floorWrites.push(floor);
    this.idFloor = Math.max(this.idFloor, floor);
  }

  saveOrder(order: OrderRecord): void {
    this.orders.set(order.orderId, copy(order));
  }

  saveReceipt(receipt: OrderReceipt): void {
    this.receipts.set(receipt.clientOrderKey, copy(receipt));
  }

  saveFill(fill: RecordedFill): void {
    this.fills.set(fill.fill.execId, copy(fill));
  }

  savePositions(positions: readonly BookedPosition[]): void {
    this.positions = copy([...positions]);
  }

  saveAccount(account: AccountSnapshot): void {
    this.account = copy(account);
  }

  audit(entry: AuditEntry): void {
    this.auditRows.push(copy(entry));
  }

  async close(): Promise<void> {}

  rows(what: string | RegExp): AuditEntry[] {
    return this.auditRows.filter((r) => (typeof what === 'string' ? r.what === what : what.test(r.what)));
  }
}

let execSeq = 0;

export class RecordingVenue implements ExecutionVenue {
  placed: VenueOrder[][] = [];
  modified: VenueOrder[] = [];
  cancelled: number[] = [];
  globalCancels = 0;
  previewed: VenueOrder[] = [];
  snapshotsAsked: number[] = [];
  state: VenueOrderReadiness = { venue: 'ibkr', ready: false, nextValidId: null, session: 0 };
  /** What the next snapshot answers; a function to decide when it is asked. */
  snapshotAnswer: VenueSnapshot | (() => Promise<VenueSnapshot>) = { openOrders: [], fills: [], positions: [] };
  /** Set to make place/cancel throw (the socket is gone). */
  broken: Error | null = null;

  constructor(private readonly bus: EngineBus) {}

  readiness(): VenueOrderReadiness {
    return this.state;
  }

  place(orders: readonly VenueOrder[]): void {
    if (this.broken) throw this.broken;
    this.placed.push(copy([...orders]));
  }

  modify(order: VenueOrder): void {
    if (this.broken) throw this.broken;
    this.modified.push(copy(order));
  }

  cancel(orderId: number): void {
    if (this.broken) throw this.broken;
    this.cancelled.push(orderId);
  }

  globalCancel(): void {
    if (this.broken) throw this.broken;
    this.globalCancels++;
  }

  async preview(order: VenueOrder): Promise<OrderPreview> {
    this.previewed.push(copy(order));
    return { initMarginChange: 1000, maintMarginChange: 800, equityWithLoanChange: -1, commission: 1, minCommission: null, maxCommission: null, notional: 10_000, warning: null };
  }

  async snapshot(since: number): Promise<VenueSnapshot> {
    this.snapshotsAsked.push(since);
    return typeof this.snapshotAnswer === 'function' ? this.snapshotAnswer() : copy(this.snapshotAnswer);
  }

  /** A new session: ready with this nextValidId (published as the IBKR venue does). */
  connect(nextValidId: number): void {
    this.state = { venue: 'ibkr', ready: true, nextValidId, session: this.state.session + 1 };
    this.bus.publish('venueOrderReadinessChanged', this.state);
  }

  disconnect(): void {
    this.state = { ...this.state, ready: false };
    this.bus.publish('venueOrderReadinessChanged', this.state);
  }

  status(orderId: number, status: string, filled = 0, remaining: number | null = null, avgFillPrice: number | null = null): void {
    this.bus.publish('venueOrderReported', report(orderId, { status, filled, remaining, avgFillPrice }));
  }

  error(orderId: number, code: number, message: string): void {
    this.bus.publish('venueOrderReported', report(orderId, { error: { code, message } }));
  }

  fill(orderId: number, instrument: Instrument, side: OrderSide, quantity: number, price: number, options: { execId?: string; commission?: number; external?: boolean; time?: number } = {}): Fill {
    const fill: Fill = { execId: options.execId ?? `exec-${++execSeq}`, orderId, instrument, side, quantity, price, exchange: 'SMART', time: options.time ?? Date.now(), commission: null };
    this.bus.publish('venueFillReported', { venue: 'ibkr', fill, external: options.external ?? false });
    if (options.commission !== undefined) this.bus.publish('venueCommissionReported', { venue: 'ibkr', execId: fill.execId, commission: options.commission, realizedPnl: null });
    return fill;
  }
}

export function report(orderId: number, fields: Partial<VenueOrderReport>): VenueOrderReport {
  return { venue: 'ibkr', orderId, status: null, filled: null, remaining: null, avgFillPrice: null, permId: null, order: null, error: null, external: false, at: 0, ...fields };
}

export const SPY: Instrument = { kind: 'stock', symbol: 'SPY' };
export const SPY_CALL: Extract<Instrument, { kind: 'option' }> = { kind: 'option', symbol: 'SPY', expiry: '2025-06-20', strike: 450, right: 'call' };

let keySeq = 0;

/** A valid ticket's request; `clientOrderKey` fresh unless given. */
export function orderRequest(fields: Partial<OrderRequest> = {}): OrderRequest {
  return {
    clientOrderKey: `ticket-${++keySeq}-abcdefgh`,
    instrument: SPY,
    side: 'buy',
    quantity: 100,
    type: 'LMT',
    limitPrice: 450,
    tif: 'DAY',
    outsideRth: false,
    source: 'ticket',
    requestedBy: 'trader via test',
    reason: 'test order',
    ...fields,
  };
}

export interface ManagerHarness {
  bus: EngineBus;
  venue: RecordingVenue;
  store: MemoryExecutionStore;
  manager: OrderManager;
  tradingState: { current: TradingState };
  marks: Map<string, OptionMark>;
  events: { [K in keyof EngineEvents]?: EngineEvents[K][] };
  clock: { now: number };
  /** Connects the venue (a new session) and waits until its reconciliation is reported. */
  connect(nextValidId: number): Promise<void>;
  setTradingState(state: TradingStateName): void;
}

const WATCHED = ['orderChanged', 'fillRecorded', 'positionsChanged', 'accountChanged', 'orderDenied', 'reconciliationReported'] as const;

/** A started OrderManager on a recording venue and (given or new) memory store; `now` is a Monday 10:00 New York. */
export async function startManager(store = new MemoryExecutionStore(), limits: RiskLimits = relaxedRiskLimits()): Promise<ManagerHarness> {
  const bus = createEngineBus((topic, error) => {
    throw new Error(`subscriber of ${topic} threw: ${String(error)}`);
  });
  const venue = new RecordingVenue(bus);
  const tradingState = { current: { state: 'ACTIVE', changedAt: 0, changedBy: 'test', reason: '', persisted: true } as TradingState };
  const marks = new Map<string, OptionMark>();
  const clock = { now: Date.parse('2025-03-03T15:00:00Z') };
  const events: ManagerHarness['events'] = {};
  for (const topic of WATCHED) {
    bus.subscribe(topic, (event: unknown) => {
      ((events[topic] ??= []) as unknown[]).push(structuredClone(event));
    });
  }
  const manager = new OrderManager({ bus, venue, store, gate: new OrderGate(tradingState, limits), optionMarks: (i) => marks.get(instrumentKey(i)) ?? null, clock: () => clock.now });
  await manager.start();
  return {
    bus,
    venue,
    store,
    manager,
    tradingState,
    marks,
    events,
    clock,
    async connect(nextValidId) {
      const reported = new Promise<void>((resolve) => {
        const off = bus.subscribe('reconciliationReported', () => {
          off();
          resolve();
        });
      });
      venue.connect(nextValidId);
      await reported;
    },
    setTradingState(state) {
      tradingState.current = { ...tradingState.current, state, reason: `set to ${state} by the test` };
    },
  };
}
