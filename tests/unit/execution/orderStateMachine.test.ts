import { describe, expect, test } from 'vitest';
import { applyVenueReport, settleMissingOrder } from '../../../core/execution/orderStateMachine';
import { orderRecords } from '../../../core/execution/orderTickets';
import type { OrderRecord, OrderStatus } from '../../../core/market/order';
import { orderRequest, report } from '../../support/executionDoubles';

const T0 = 1_700_000_000_000;

function order(status: OrderStatus = 'PendingSubmit', fields: Partial<OrderRecord> = {}): OrderRecord {
  return { ...orderRecords(orderRequest({ quantity: 100 }), [7], T0)[0]!, status, ...fields };
}

/** Applies reports in turn, as the ledger does; returns the statuses it went through. */
function walk(start: OrderRecord, ...reports: Parameters<typeof report>[1][]): { order: OrderRecord; statuses: OrderStatus[] } {
  let current = start;
  const statuses: OrderStatus[] = [];
  for (const fields of reports) {
    const t = applyVenueReport(current, report(7, fields), T0 + 1);
    if (t) {
      current = t.order;
      statuses.push(current.status);
    }
  }
  return { order: current, statuses };
}

describe('order state machine', () => {
  test('goes PendingSubmit → PreSubmitted → Submitted → Filled on the gateway’s status words, with fill figures', () => {
    const { order: done, statuses } = walk(
      order(),
      { status: 'PreSubmitted', permId: 5001 },
      { status: 'Submitted', filled: 0, remaining: 100 },
      { status: 'Filled', filled: 100, remaining: 0, avgFillPrice: 450.02 },
    );
    expect(statuses).toEqual(['PreSubmitted', 'Submitted', 'Filled']);
    expect(done).toMatchObject({ filled: 100, avgFillPrice: 450.02, permId: 5001, updatedAt: T0 + 1 });
  });

  test('a Submitted with some filled and some remaining is PartiallyFilled, then Filled', () => {
    const { order: done, statuses } = walk(order('Submitted'), { status: 'Submitted', filled: 40, remaining: 60, avgFillPrice: 450 }, { status: 'Submitted', filled: 70, remaining: 30, avgFillPrice: 450.1 }, { status: 'Filled', filled: 100, remaining: 0, avgFillPrice: 450.2 });
    expect(statuses).toEqual(['PartiallyFilled', 'PartiallyFilled', 'Filled']);
    expect(done.filled).toBe(100);
  });

  test('a final status never changes again: a late Submitted after Filled is ignored', () => {
    const filled = order('Filled', { filled: 100 });
    expect(applyVenueReport(filled, report(7, { status: 'Submitted', filled: 0, remaining: 100 }), T0)).toBeNull();
    for (const status of ['Cancelled', 'ApiCancelled', 'Inactive', 'Rejected'] as const) {
      expect(applyVenueReport(order(status), report(7, { status: 'Filled', filled: 100 }), T0), status).toBeNull();
    }
  });

  test('a late PendingSubmit after the order was acknowledged is an old message and changes nothing', () => {
    expect(applyVenueReport(order('Submitted'), report(7, { status: 'PendingSubmit' }), T0)).toBeNull();
  });

  test('Cancelled, ApiCancelled, Inactive and PendingCancel come through as the gateway says', () => {
    for (const status of ['Cancelled', 'ApiCancelled', 'Inactive', 'PendingCancel'] as const) {
      expect(applyVenueReport(order('Submitted'), report(7, { status }), T0)?.order.status).toBe(status);
    }
  });

  test('error 201 rejects the order with the gateway’s reason', () => {
    const t = applyVenueReport(order(), report(7, { error: { code: 201, message: 'Order rejected - reason:outside trading hours' } }), T0);
    expect(t?.order).toMatchObject({ status: 'Rejected', message: 'Order rejected - reason:outside trading hours' });
    expect(t?.what).toBe('PendingSubmit → Rejected');
    expect(t?.why).toContain('code 201');
  });

  test('error 202 is the cancel’s acknowledgement: Cancelled', () => {
    expect(applyVenueReport(order('Submitted'), report(7, { error: { code: 202, message: 'Order Canceled - reason:' } }), T0)?.order.status).toBe('Cancelled');
  });

  test('a duplicate id (103) or a price off the tick (110) rejects a new order but only notes a refused change of a working one', () => {
    for (const code of [103, 110]) {
      const message = code === 103 ? 'Duplicate order id' : 'The price does not conform to the minimum price variation for this contract.';
      expect(applyVenueReport(order('PendingSubmit'), report(7, { error: { code, message } }), T0)?.order.status, `new, ${code}`).toBe('Rejected');
      const working = applyVenueReport(order('Submitted'), report(7, { error: { code, message } }), T0)?.order;
      expect(working, `working, ${code}`).toMatchObject({ status: 'Submitted', message });
    }
  });

  test('a refused cancel (135, 161, 10147, 10148) keeps the status and the gateway’s message', () => {
    for (const code of [135, 161, 10147, 10148]) {
      const t = applyVenueReport(order('PartiallyFilled', { filled: 10 }), report(7, { error: { code, message: `refused ${code}` } }), T0);
      expect(t?.order).toMatchObject({ status: 'PartiallyFilled', message: `refused ${code}` });
      expect(t?.what).toBe('venue message');
    }
  });

  test('the same report twice changes nothing the second time', () => {
    const first = applyVenueReport(order(), report(7, { status: 'Submitted', permId: 9 }), T0)!;
    expect(applyVenueReport(first.order, report(7, { status: 'Submitted', permId: 9 }), T0 + 5)).toBeNull();
  });

  test('the gateway’s description of the order (after a modify) replaces its quantity and prices', () => {
    const described = report(7, {
      status: 'Submitted',
      order: { instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 150, type: 'LMT', limitPrice: 449.5, stopPrice: null, tif: 'DAY', outsideRth: false, ocaGroup: null, parentId: null },
    });
    expect(applyVenueReport(order('Submitted'), described, T0)?.order).toMatchObject({ quantity: 150, limitPrice: 449.5, status: 'Submitted' });
  });

  test('an Unknown order the gateway reports again takes the gateway’s status', () => {
    expect(applyVenueReport(order('Unknown'), report(7, { status: 'Submitted' }), T0)?.order.status).toBe('Submitted');
  });

  test('at reconciliation an order the gateway no longer lists is Filled when its fills account for it, else Unknown', () => {
    const working = order('Submitted');
    const filled = settleMissingOrder(working, [{ quantity: 60, price: 450 }, { quantity: 40, price: 451 }], T0);
    expect(filled.order).toMatchObject({ status: 'Filled', filled: 100, avgFillPrice: 450.4 });
    const unknown = settleMissingOrder(working, [{ quantity: 60, price: 450 }], T0);
    expect(unknown.order).toMatchObject({ status: 'Unknown', filled: 60 });
    expect(unknown.order.message).toMatch(/60 of 100.*check it in TWS/);
  });
});
