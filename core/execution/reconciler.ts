/**
 * Reconciliation: after every connect and reconnect (and at start-up), the engine's orders, fills and positions
 * are checked against what the venue knows. What is certain is repaired; what is not is reported to the trader
 * (an audit row and a reconciliationReported event per run, with every finding).
 *
 * - fills the engine missed are applied (once per execId);
 * - orders the engine believes working that the venue no longer lists: Filled when their fills account for them,
 *   else Unknown (reported: the trader checks them in TWS);
 * - orders listed by the venue that this engine has no record of, and every order of other clients (TWS): shown
 *   read-only;
 * - positions that differ from the venue's after that: the venue's quantity and average cost are adopted.
 * Anything that changed live while the venue's snapshot was being taken is left to the live reports.
 */
import type { EngineBus, ReconciliationFinding, VenuePosition } from '../bus/catalogue';
import { instrumentKey, type Instrument } from '../market/order';
import type { ExecutionVenue, VenueSnapshot } from './executionVenue';
import type { FillJoiner } from './fillJoiner';
import type { FillRecorder } from './fillRecorder';
import type { OrderLedger } from './orderLedger';
import { isFinal, settleMissingOrder } from './orderStateMachine';
import type { BookedPosition } from './positionBook';
import type { Portfolio } from './portfolio';

/** Executions are asked for from a little before the last one known (the venue's filter is to the second). */
const SINCE_MARGIN_MS = 60_000;
const SAME = 1e-9;

export interface PositionDifference {
  instrument: Instrument;
  engine: number;
  venue: number;
  venueAvgCost: number;
}

/** Positions the engine and the venue disagree on (a position missing on one side counts as 0), some left out. */
export function positionDifferences(book: readonly BookedPosition[], venue: readonly VenuePosition[], leaveOut: ReadonlySet<string>): PositionDifference[] {
  const venueByKey = new Map<string, VenuePosition>();
  for (const v of venue) venueByKey.set(instrumentKey(v.instrument), v);
  const differences: PositionDifference[] = [];
  for (const [key, v] of venueByKey) {
    const engine = book.find((p) => instrumentKey(p.instrument) === key)?.quantity ?? 0;
    if (!leaveOut.has(key) && Math.abs(engine - v.quantity) > SAME) differences.push({ instrument: v.instrument, engine, venue: v.quantity, venueAvgCost: v.avgCost });
  }
  for (const p of book) {
    const key = instrumentKey(p.instrument);
    if (p.quantity !== 0 && !venueByKey.has(key) && !leaveOut.has(key)) differences.push({ instrument: p.instrument, engine: p.quantity, venue: 0, venueAvgCost: 0 });
  }
  return differences;
}

export interface ReconcilerDeps {
  bus: EngineBus;
  venue: ExecutionVenue;
  ledger: OrderLedger;
  joiner: FillJoiner;
  fills: FillRecorder;
  portfolio: Portfolio;
  clock: () => number;
}

export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  /** One run for a venue session; rejects when the venue's snapshot could not be had (nothing is changed then). */
  async run(session: number): Promise<ReconciliationFinding[]> {
    const { ledger, joiner, portfolio, clock } = this.deps;
    const startedAt = clock();
    const believedWorking = ledger.working();
    const lastFill = joiner.lastFillTime();
    const hasHistory = lastFill !== null || believedWorking.length > 0 || portfolio.open().length > 0;
    const movedLive = new Set<string>();
    const off = this.deps.bus.subscribe('fillRecorded', (fill) => movedLive.add(instrumentKey(fill.instrument)));
    let snapshot: VenueSnapshot;
    try {
      snapshot = await this.deps.venue.snapshot(lastFill === null ? 0 : lastFill - SINCE_MARGIN_MS);
    } finally {
      off();
    }
    const findings = [
      ...this.applyFills(snapshot, hasHistory),
      ...this.applyOpenOrders(snapshot),
      ...this.settleMissing(believedWorking, snapshot, startedAt),
      ...this.adoptPositions(snapshot, movedLive),
    ];
    this.report(session, findings);
    return findings;
  }

  private applyFills(snapshot: VenueSnapshot, hasHistory: boolean): ReconciliationFinding[] {
    const findings: ReconciliationFinding[] = [];
    let beforeHistory = 0;
    for (const venueFill of snapshot.fills) {
      if (!this.deps.fills.fill(venueFill, hasHistory)) continue;
      const { fill } = venueFill;
      if (!hasHistory) {
        beforeHistory++;
        continue;
      }
      const text = `Fill ${fill.execId} (${fill.side} ${fill.quantity} ${instrumentKey(fill.instrument)} at ${fill.price}) happened while the engine was not connected: applied.`;
      findings.push({ kind: 'fillMissed', text, repaired: true, orderId: fill.orderId, instrumentKey: instrumentKey(fill.instrument) });
    }
    if (beforeHistory > 0) {
      const text = `${beforeHistory} fills from before the engine kept a history were recorded; positions are taken from the broker.`;
      findings.push({ kind: 'fillsBeforeHistory', text, repaired: true, orderId: null, instrumentKey: null });
    }
    return findings;
  }

  private applyOpenOrders(snapshot: VenueSnapshot): ReconciliationFinding[] {
    const findings: ReconciliationFinding[] = [];
    for (const report of snapshot.openOrders) {
      const outcome = this.deps.ledger.applyReport(report);
      if (!outcome?.firstSeen || report.external) continue;
      const text = `Order ${report.orderId} is working at the broker but the engine has no record of it: shown read-only; manage it in TWS.`;
      findings.push({ kind: 'orderUnrecorded', text, repaired: false, orderId: report.orderId, instrumentKey: instrumentKey(outcome.order.instrument) });
    }
    return findings;
  }

  private settleMissing(believedWorking: readonly { orderId: number }[], snapshot: VenueSnapshot, startedAt: number): ReconciliationFinding[] {
    const { ledger, joiner, clock } = this.deps;
    const listed = new Set(snapshot.openOrders.filter((r) => !r.external).map((r) => r.orderId));
    const findings: ReconciliationFinding[] = [];
    for (const { orderId } of believedWorking) {
      const order = ledger.get(orderId);
      if (!order || isFinal(order.status) || listed.has(orderId) || order.updatedAt > startedAt) continue;
      const transition = settleMissingOrder(order, joiner.fillsOf(orderId), clock());
      if (transition.order.status === order.status && transition.order.message === order.message) continue;
      ledger.commit(transition.order, { who: 'engine', what: `reconciliation: order ${transition.what}`, why: transition.why, inputs: { listedAtVenue: [...listed] } });
      const filled = transition.order.status === 'Filled';
      const text = `Order ${orderId} (${order.side} ${order.quantity} ${instrumentKey(order.instrument)}): ${transition.why}.`;
      findings.push({ kind: filled ? 'orderFilledMeanwhile' : 'orderUnknownAtVenue', text, repaired: filled, orderId, instrumentKey: instrumentKey(order.instrument) });
    }
    return findings;
  }

  private adoptPositions(snapshot: VenueSnapshot, movedLive: ReadonlySet<string>): ReconciliationFinding[] {
    const { portfolio } = this.deps;
    return positionDifferences(portfolio.open().concat(), snapshot.positions, movedLive).map((d) => {
      portfolio.adopt(d.instrument, d.venue, d.venueAvgCost);
      const key = instrumentKey(d.instrument);
      const text = `Position ${key}: the engine counted ${d.engine}, the broker holds ${d.venue}; the broker's quantity${d.venue === 0 ? '' : ` and average cost ${d.venueAvgCost}`} adopted.`;
      return { kind: 'positionDiffered' as const, text, repaired: true, orderId: null, instrumentKey: key };
    });
  }

  private report(session: number, findings: ReconciliationFinding[]): void {
    const { ledger, bus, clock } = this.deps;
    for (const f of findings) ledger.audit({ who: 'engine', what: `reconciliation: ${f.kind}`, why: f.text, orderId: f.orderId, inputs: f });
    const summary = findings.length === 0 ? 'orders, fills and positions agree with the broker' : `${findings.length} findings, ${findings.filter((f) => !f.repaired).length} for the trader to check`;
    ledger.audit({ who: 'engine', what: 'reconciled', why: summary, inputs: { session } });
    bus.publish('reconciliationReported', { venue: 'ibkr', session, findings, at: clock() });
  }
}
