import { EventName, SecType, type CommissionReport, type Contract, type Execution, type Order, type OrderState } from '@stoqey/ib';
import { etToUtc } from '../../../core/market/newYorkTime';
import type { OptionQuote } from '../../../core/sim/market/marketFeed';
import { onAny, waitFor, type ConnectedClient } from './gatewayHarness';

export const AAPL: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
export const SPY: Contract = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

export function optionContract(q: OptionQuote): Contract {
  return { conId: q.spec.conId, secType: SecType.OPT, exchange: 'SMART', currency: 'USD' };
}

/** Epoch ms of a New York wall-clock time: tests start the market clock there, never at the wall clock. */
export const ny = (date: string, hour: number, minute = 0, second = 0): number => etToUtc(date, hour, minute, second);

export const cents = (n: number): number => Math.round(n * 100) / 100;

/** Everything the client heard about its orders, by order id. */
export class OrderLog {
  readonly statuses = new Map<number, string[]>();
  readonly open = new Map<number, { order: Order; state: OrderState }>();
  readonly execs: Array<{ contract: Contract; exec: Execution }> = [];
  readonly commissions: CommissionReport[] = [];

  constructor(readonly c: ConnectedClient) {
    onAny(c.ib, EventName.orderStatus, (...a) => {
      const [id, status] = a as [number, string];
      this.statuses.set(id, [...(this.statuses.get(id) ?? []), status]);
    });
    onAny(c.ib, EventName.openOrder, (...a) => {
      const [id, , order, state] = a as [number, Contract, Order, OrderState];
      this.open.set(id, { order, state });
    });
    onAny(c.ib, EventName.execDetails, (...a) => {
      const [, contract, exec] = a as [number, Contract, Execution];
      this.execs.push({ contract, exec });
    });
    onAny(c.ib, EventName.commissionReport, (...a) => this.commissions.push(a[0] as CommissionReport));
  }

  last(id: number): string | undefined {
    return this.statuses.get(id)?.at(-1);
  }

  execsOf(id: number): Execution[] {
    return this.execs.filter((e) => e.exec.orderId === id).map((e) => e.exec);
  }

  filledOf(id: number): number {
    return this.execsOf(id).reduce((n, e) => n + (e.shares ?? 0), 0);
  }

  /** Commission reported for the executions of one order. */
  commissionOf(id: number): number {
    const ids = new Set(this.execsOf(id).map((e) => e.execId));
    return this.commissions.filter((r) => ids.has(r.execId)).reduce((n, r) => n + (r.commission ?? 0), 0);
  }

  errorsOf(id: number): Array<{ code: number; message: string }> {
    return this.c.errors.filter((e) => e.reqId === id);
  }
}

/** Resolves when the order reaches the status (or rejects after the wait). */
export function statusReached(c: ConnectedClient, orderId: number, status: string, ms = 5000): Promise<unknown[]> {
  return waitFor(c.ib, EventName.orderStatus, (id: number, s: string) => id === orderId && s === status, ms);
}

/** Resolves with the first error for the order id with that code. */
export function errorFor(c: ConnectedClient, orderId: number, code: number, ms = 5000): Promise<[Error, number, number]> {
  return waitFor<[Error, number, number]>(c.ib, EventName.error, (_e, errorCode, id) => id === orderId && errorCode === code, ms);
}
