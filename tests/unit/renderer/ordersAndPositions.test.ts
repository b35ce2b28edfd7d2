import { describe, expect, it } from 'vitest';
import type { OrderRecord, Position } from '../../../core/contract/contract';
import { editOf, orderModification } from '../../../renderer/src/trading/orderEdit';
import { canCancel, canModify, countByGroup, groupOf } from '../../../renderer/src/trading/orderGroups';
import { closingDescription, closingNotional, positionTotals } from '../../../renderer/src/trading/positionFigures';

const order = (change: Partial<OrderRecord> = {}): OrderRecord => ({
  orderId: 7,
  clientOrderKey: 'key-0007',
  role: 'single',
  parentId: null,
  instrument: { kind: 'stock', symbol: 'SPY' },
  side: 'buy',
  quantity: 100,
  type: 'LMT',
  limitPrice: 590,
  stopPrice: null,
  tif: 'DAY',
  outsideRth: false,
  ocaGroup: null,
  status: 'Submitted',
  filled: 0,
  avgFillPrice: null,
  commission: 0,
  message: null,
  permId: null,
  source: 'ticket',
  requestedBy: 'trader via websocket',
  external: false,
  createdAt: 1,
  updatedAt: 1,
  ...change,
});

describe('the Orders panel', () => {
  it('groups statuses into working, filled, cancelled and rejected', () => {
    const statuses = ['PendingSubmit', 'PartiallyFilled', 'Filled', 'ApiCancelled', 'Inactive', 'Rejected', 'Unknown'] as const;
    expect(statuses.map(groupOf)).toEqual(['working', 'working', 'filled', 'cancelled', 'rejected', 'rejected', 'working']);
    expect(countByGroup(statuses.map((status) => order({ status })))).toEqual({ working: 3, filled: 1, cancelled: 1, rejected: 2 });
  });

  it("offers cancel and modify on this engine's working orders only, never on TWS's own", () => {
    expect(canCancel(order())).toBe(true);
    expect(canModify(order())).toBe(true);
    expect(canCancel(order({ external: true }))).toBe(false);
    expect(canModify(order({ external: true }))).toBe(false);
    expect(canCancel(order({ status: 'Filled', filled: 100 }))).toBe(false);
    expect(canCancel(order({ status: 'PendingCancel' }))).toBe(false);
  });

  it('sends only what the trader changed in place', () => {
    const working = order({ filled: 40, status: 'PartiallyFilled' });
    expect(orderModification(working, { ...editOf(working), limitPrice: '589.5' })).toEqual({ ok: true, change: { orderId: 7, limitPrice: 589.5 } });
    expect(orderModification(working, { ...editOf(working), quantity: '150' })).toEqual({ ok: true, change: { orderId: 7, quantity: 150 } });
  });

  it('refuses a size at or below what already filled, and a price that is not above zero', () => {
    const working = order({ filled: 40, status: 'PartiallyFilled' });
    expect(orderModification(working, { ...editOf(working), quantity: '40' })).toEqual({ ok: false, error: 'quantity: more than the 40 already filled' });
    expect(orderModification(working, { ...editOf(working), limitPrice: '0' })).toEqual({ ok: false, error: 'limit price: a number above 0' });
  });
});

const position = (change: Partial<Position> = {}): Position => ({
  instrument: { kind: 'stock', symbol: 'SPY' },
  quantity: 100,
  avgCost: 590,
  multiplier: 1,
  marketPrice: 591,
  marketValue: 59_100,
  unrealizedPnl: 100,
  realizedPnl: -1,
  dayRealizedPnl: -1,
  greeks: null,
  updatedAt: 1,
  ...change,
});

describe('the Positions panel', () => {
  it('closes the opposite side for the whole quantity, with the notional at the market price times the multiplier', () => {
    const shortPuts = position({ instrument: { kind: 'option', symbol: 'SPY', expiry: '2026-01-16', strike: 580, right: 'put' }, quantity: -3, multiplier: 100, marketPrice: 2.5 });
    expect(closingDescription(shortPuts)).toBe('Close SPY 2026-01-16 580 P: BUY 3 at market');
    expect(closingNotional(shortPuts)).toBe(750);
    expect(closingNotional(position({ marketPrice: null }))).toBeNull();
  });

  it('totals P&L and dollar greeks and counts positions without a mark instead of guessing them', () => {
    const greeks = { delta: 0.5, gamma: 0.01, theta: -0.2, vega: 0.3, deltaDollars: 29_000, gammaDollars: 600, thetaDollars: -60, vegaDollars: 90 };
    const totals = positionTotals([position(), position({ marketValue: null, unrealizedPnl: null, realizedPnl: 10, greeks })]);
    expect(totals).toEqual({ marketValue: 59_100, unrealizedPnl: 100, realizedPnl: 9, deltaDollars: 29_000, gammaDollars: 600, thetaDollars: -60, vegaDollars: 90, unpriced: 1 });
  });
});
