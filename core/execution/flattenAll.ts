import type { EngineBus, EngineCommands } from '../bus/catalogue';
import { ContractError } from '../contract/contract';
import type { FlattenLeg, FlattenProgress } from '../contract/riskView';
import type { OrderDenial, OrderRecord } from '../market/order';
import type { Quote } from '../market/quote';
import type { TradingStateService } from '../risk/tradingState';
import { moduleLogger } from '../runtime/logger';
import type { AuditEntry } from './executionStore';
import { flattenOrder, isFinalLeg, newLeg, updatedLeg, type ClosingRun } from './flattenLegs';
import { OrderDeniedError } from './orderDenied';
import type { BookedPosition } from './positionBook';
import type { OptionMarks } from './positionValuation';

const log = moduleLogger('flattenAll');
/** How long flatten waits for the cancelled orders to end before it sends the closing orders anyway. */
const CANCEL_WAIT_MS = 10_000;

/** What flatten reads of the order manager's book, and its audit trail. */
export interface FlattenBook {
  openPositions(): BookedPosition[];
  /** Signed quantity held of an instrument (by instrumentKey); 0 when flat. */
  quantity(instrumentKey: string): number;
  /** This engine's orders that are not final. */
  workingOrders(): OrderRecord[];
  order(orderId: number): OrderRecord | undefined;
  /** The venue's live quote, as the order gate sees it. */
  quote(symbol: string): Quote | undefined;
  audit(entry: Omit<AuditEntry, 'at' | 'orderId'> & { orderId?: number | null }): void;
}

export interface FlattenDeps {
  bus: EngineBus;
  book: FlattenBook;
  tradingState: Pick<TradingStateService, 'current' | 'change'>;
  optionMarks: OptionMarks;
  marketCalendar: 'nyse' | 'always-open';
  clock?: () => number;
  cancelWaitMs?: number;
}

export type FlattenInput = EngineCommands['flattenAll']['input'];

export const IDLE_FLATTEN: FlattenProgress = { state: 'idle', startedAt: null, finishedAt: null, requestedBy: null, reason: null, legs: [] };

/**
 * Flatten all, one run at a time: trading to REDUCING, this engine's working orders cancelled (and awaited, since the
 * REDUCING check counts them), then one closing order per open position through submitOrder's risk-checked path.
 * Follows the orders and positions until every leg is flat (the run is `flat`) or final (`incomplete`), publishing
 * each change as flattenProgressed.
 */
export class FlattenAll {
  private progress: FlattenProgress = IDLE_FLATTEN;
  private readonly clock: () => number;
  private readonly offs: Array<() => void> = [];
  private runOffs: Array<() => void> = [];

  constructor(private readonly deps: FlattenDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  get current(): FlattenProgress {
    return this.progress;
  }

  start(): void {
    this.offs.push(this.deps.bus.serve('flattenAll', (input) => this.flatten(input)));
  }

  stop(): void {
    for (const off of [...this.offs.splice(0), ...this.runOffs.splice(0)]) off();
  }

  private async flatten(input: FlattenInput): Promise<FlattenProgress> {
    if (!input.confirmed) throw this.refuse(input, 'NOT_CONFIRMED', 'Flatten all closes every position: resend with confirmed: true after the trader confirms.');
    if (this.progress.state === 'running') return this.progress;
    const before = this.progress;
    const startedAt = this.clock();
    this.progress = { state: 'running', startedAt, finishedAt: null, requestedBy: input.requestedBy, reason: input.reason, legs: [] };
    try {
      await this.enterReducing(input);
    } catch (error) {
      this.progress = before;
      throw error;
    }
    this.deps.book.audit({ who: input.requestedBy, what: 'flatten all started', why: input.reason, inputs: { positions: this.deps.book.openPositions().length } });
    this.publish(); // running while the cancels are awaited
    await this.cancelWorking(input);
    await this.sendLegs({ runId: startedAt.toString(36), requestedBy: input.requestedBy, reason: input.reason });
    return this.progress;
  }

  /** ACTIVE → REDUCING tightens at once; HALTED → REDUCING is a confirmed loosening, recorded as the requester's. */
  private async enterReducing(input: FlattenInput): Promise<void> {
    const { tradingState } = this.deps;
    if (tradingState.current.state === 'REDUCING') return;
    try {
      await tradingState.change({ state: 'REDUCING', confirmed: true, by: input.requestedBy, reason: `flatten all: ${input.reason}` });
    } catch (error) {
      if (!(error instanceof ContractError)) throw error;
      throw this.refuse(input, error.code === 'UNAVAILABLE' ? 'STORE_UNAVAILABLE' : tradingState.current.state === 'HALTED' ? 'HALTED' : 'NOT_CONFIRMED', error.message);
    }
  }

  /** Cancels this engine's working orders and waits (bounded) until they are final. */
  private async cancelWorking(input: FlattenInput): Promise<void> {
    const { bus, book } = this.deps;
    if (book.workingOrders().length === 0) return;
    await bus.send('cancelAll', { requestedBy: input.requestedBy, reason: `flatten all: ${input.reason}` }).catch((error: unknown) => {
      log.warn({ err: error }, 'flatten all: the working orders could not be cancelled; the closing orders are sent anyway');
    });
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        off();
        resolve();
      };
      const timer = setTimeout(done, this.deps.cancelWaitMs ?? CANCEL_WAIT_MS);
      const off = bus.subscribe('orderChanged', () => {
        if (book.workingOrders().length === 0) done();
      });
      if (book.workingOrders().length === 0) done();
    });
  }

  private async sendLegs(run: ClosingRun): Promise<void> {
    const { bus, book } = this.deps;
    const positions = book.openPositions();
    this.progress = { ...this.progress, legs: positions.map(newLeg) };
    this.runOffs.push(
      bus.subscribe('orderChanged', () => this.follow()),
      bus.subscribe('positionsChanged', () => this.follow()),
    );
    this.publish();
    for (const position of positions) await this.sendLeg(position, run);
    this.follow(true); // ends a run with nothing to close
  }

  private async sendLeg(position: BookedPosition, run: ClosingRun): Promise<void> {
    const leg = newLeg(position);
    const request = flattenOrder(position, { quote: (s) => this.deps.book.quote(s), optionMarks: this.deps.optionMarks, marketCalendar: this.deps.marketCalendar, now: this.clock() }, run);
    if (typeof request === 'string') return this.setLeg(leg.instrumentKey, { status: 'refused', message: request });
    try {
      const receipt = await this.deps.bus.send('submitOrder', request);
      this.setLeg(leg.instrumentKey, { orderId: receipt.orderIds[0] ?? null, status: 'working' });
    } catch (error) {
      this.setLeg(leg.instrumentKey, { status: 'refused', message: (error as Error).message });
    }
  }

  private setLeg(key: string, change: Partial<FlattenLeg>): void {
    this.progress = { ...this.progress, legs: this.progress.legs.map((l) => (l.instrumentKey === key ? { ...l, ...change } : l)) };
    this.follow(true);
  }

  /** Re-reads each leg's order and position; publishes when something changed and ends the run when all are final. */
  private follow(changed = false): void {
    if (this.progress.state !== 'running') return;
    const { book } = this.deps;
    const legs = this.progress.legs.map((leg) => (leg.status === 'sending' ? leg : updatedLeg(leg, book.quantity(leg.instrumentKey), leg.orderId === null ? undefined : book.order(leg.orderId))));
    const moved = changed || legs.some((leg, i) => JSON.stringify(leg) !== JSON.stringify(this.progress.legs[i]));
    if (!moved) return;
    this.progress = { ...this.progress, legs };
    if (legs.every(isFinalLeg)) this.finish();
    this.publish();
  }

  private finish(): void {
    for (const off of this.runOffs.splice(0)) off();
    const flat = this.progress.legs.every((l) => l.status === 'flat');
    this.progress = { ...this.progress, state: flat ? 'flat' : 'incomplete', finishedAt: this.clock() };
    const open = this.progress.legs.filter((l) => l.status !== 'flat').map((l) => `${l.instrumentKey}: ${l.status}${l.message ? ` (${l.message})` : ''}`);
    this.deps.book.audit({ who: 'engine', what: `flatten all ${this.progress.state}`, why: flat ? 'every position is flat' : open.join('; '), inputs: this.progress });
  }

  private publish(): void {
    this.deps.bus.publish('flattenProgressed', this.progress);
  }

  private refuse(input: FlattenInput, code: OrderDenial['code'], message: string): OrderDeniedError {
    this.deps.book.audit({ who: input.requestedBy, what: 'flatten all denied', why: `${code}: ${message}`, inputs: input });
    return new OrderDeniedError({ code, message });
  }
}
