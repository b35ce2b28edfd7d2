import { describe, expect, test } from 'vitest';
import type { VenueFill, VenuePosition } from '../../../core/bus/catalogue';
import type { Fill, Instrument } from '../../../core/market/order';
import { emptyQuote } from '../../../core/market/quote';
import { MemoryExecutionStore, orderRequest, report, SPY, SPY_CALL, startManager, type ManagerHarness } from '../../support/executionDoubles';

const QQQ: Instrument = { kind: 'stock', symbol: 'QQQ' };

async function ready(nextValidId = 1_000): Promise<ManagerHarness> {
  const h = await startManager();
  await h.connect(nextValidId);
  return h;
}

function venueFill(execId: string, orderId: number, fields: Partial<Fill> = {}, external = false): VenueFill {
  return { venue: 'ibkr', external, fill: { execId, orderId, instrument: SPY, side: 'buy', quantity: 100, price: 450, exchange: 'ARCA', time: 1_000, commission: 1, ...fields } };
}

const venuePosition = (instrument: Instrument, quantity: number, avgCost: number): VenuePosition => ({ venue: 'ibkr', account: 'DU1', instrument, quantity, avgCost, marketPrice: null, at: 0 });
const lastPositions = (h: ManagerHarness) => h.events.positionsChanged!.at(-1)!;

describe('order manager: what the venue reports', () => {
  test('every transition publishes orderChanged and appends an audit row; a late status after Filled changes nothing', async () => {
    const h = await ready(10);
    await h.bus.send('submitOrder', orderRequest());
    const before = h.events.orderChanged!.length;
    h.venue.status(10, 'Submitted');
    h.venue.status(10, 'Submitted', 40, 60, 450);
    h.venue.status(10, 'Filled', 100, 0, 450.1);
    h.venue.status(10, 'Submitted', 0, 100);
    expect(h.events.orderChanged!.slice(before).map((o) => o.status)).toEqual(['Submitted', 'PartiallyFilled', 'Filled']);
    expect(h.store.rows(/^order (PendingSubmit|Submitted|PartiallyFilled) →/).map((r) => r.what)).toEqual(['order PendingSubmit → Submitted', 'order Submitted → PartiallyFilled', 'order PartiallyFilled → Filled']);
    expect(h.store.orders.get(10)).toMatchObject({ status: 'Filled', filled: 100, avgFillPrice: 450.1 });
  });

  test('a rejection reaches the order with the gateway’s reason', async () => {
    const h = await ready(10);
    await h.bus.send('submitOrder', orderRequest());
    h.venue.error(10, 201, 'Order rejected - reason:The order is outside trading hours');
    expect(h.events.orderChanged!.at(-1)).toMatchObject({ orderId: 10, status: 'Rejected', message: 'Order rejected - reason:The order is outside trading hours' });
    expect(h.store.rows('order PendingSubmit → Rejected')[0]).toMatchObject({ who: 'venue', why: expect.stringContaining('code 201') });
  });

  test('a fill moves the position at once and its commission, in either order, comes off realized P&L; a repeated execId counts once', async () => {
    const h = await ready(10);
    await h.bus.send('submitOrder', orderRequest());
    h.bus.publish('venueCommissionReported', { venue: 'ibkr', execId: 'e-2', commission: 0.5, realizedPnl: null });
    h.venue.fill(10, SPY, 'buy', 60, 450, { execId: 'e-1' });
    expect(lastPositions(h)).toEqual([expect.objectContaining({ quantity: 60, avgCost: 450, realizedPnl: 0 })]);
    h.bus.publish('venueCommissionReported', { venue: 'ibkr', execId: 'e-1', commission: 1, realizedPnl: null });
    h.venue.fill(10, SPY, 'buy', 40, 451, { execId: 'e-2' });
    h.venue.fill(10, SPY, 'buy', 40, 451, { execId: 'e-2' });
    expect(lastPositions(h)).toEqual([expect.objectContaining({ quantity: 100, realizedPnl: -1.5 })]);
    expect(lastPositions(h)[0]!.avgCost).toBeCloseTo(450.4);
    expect(h.store.orders.get(10)?.commission).toBeCloseTo(1.5);
    expect(h.events.fillRecorded!.filter((f) => f.execId === 'e-1').map((f) => f.commission)).toEqual([null, 1]);
    expect(h.store.fills.get('e-2')?.fill.commission).toBe(0.5);
    expect(h.store.rows('fill')).toHaveLength(2);
  });

  test('stock positions are marked from quotes; a quote of a symbol without a position publishes nothing', async () => {
    const h = await ready(10);
    h.venue.fill(10, SPY, 'buy', 100, 450, { commission: 1 });
    const published = h.events.positionsChanged!.length;
    h.bus.publish('quoteChanged', { ...emptyQuote('QQQ'), last: 380 });
    expect(h.events.positionsChanged!.length).toBe(published);
    h.bus.publish('quoteChanged', { ...emptyQuote('SPY'), last: 452 });
    expect(lastPositions(h)).toEqual([expect.objectContaining({ marketPrice: 452, marketValue: 45_200, unrealizedPnl: 200 })]);
    h.bus.publish('quoteChanged', { ...emptyQuote('SPY'), last: 452 });
    expect(h.events.positionsChanged!.length).toBe(published + 1); // the same mark again: nothing new
    h.bus.publish('venueAccountChanged', { venue: 'ibkr', fields: { account: 'DU1', NetLiquidation: '100200', BuyingPower: '400000', ExcessLiquidity: '90000', AvailableFunds: '80000' } });
    expect(h.events.accountChanged!.at(-1)).toMatchObject({ account: 'DU1', netLiquidation: 100_200, buyingPower: 400_000, realizedPnl: -1, unrealizedPnl: 200, dayPnl: 199 });
    expect(h.store.account?.netLiquidation).toBe(100_200);
  });

  test('option positions are marked from the chain (OptionMarks) ×100, with greeks, and re-marked when the chain is refreshed', async () => {
    const h = await ready(10);
    h.marks.set('SPY 2025-06-20 450 C', { mark: 5, delta: 0.5, gamma: 0.02, theta: -0.1, vega: 0.3, underlyingPrice: 450 });
    h.venue.fill(10, SPY_CALL, 'buy', 2, 4, { commission: 1.3 });
    expect(lastPositions(h)[0]).toMatchObject({ quantity: 2, multiplier: 100, marketValue: 1_000, unrealizedPnl: 200, greeks: { delta: 0.5, deltaDollars: 45_000, thetaDollars: -20 } });
    h.marks.set('SPY 2025-06-20 450 C', { mark: 6, delta: 0.6, gamma: 0.02, theta: -0.1, vega: 0.3, underlyingPrice: 455 });
    h.bus.publish('chainRefreshed', { symbol: 'SPY', asOf: 0, load: async () => ({ symbol: 'SPY', asOf: 0, quoteDate: null, contracts: [], skipped: 0 }) });
    expect(lastPositions(h)[0]).toMatchObject({ marketPrice: 6, unrealizedPnl: 400 });
    expect(h.events.accountChanged!.at(-1)!.greeks.delta).toBeCloseTo(2 * 0.6 * 100);
  });

  test('positions and P&L survive a restart: the book is reloaded from the store', async () => {
    const store = new MemoryExecutionStore();
    const first = await startManager(store);
    await first.connect(10);
    first.venue.fill(10, SPY, 'buy', 100, 10, { commission: 1 });
    first.venue.fill(10, SPY, 'sell', 40, 12, { commission: 1 });
    await first.manager.stop();
    const second = await startManager(store);
    expect(lastPositions(second)).toEqual([expect.objectContaining({ quantity: 60, avgCost: 10, realizedPnl: 78 })]);
  });
});

describe('order manager: reconciliation', () => {
  test('a working order the gateway no longer lists is Filled when the missed fills account for it, and the fills are applied', async () => {
    const store = new MemoryExecutionStore();
    const h = await startManager(store);
    await h.connect(10);
    await h.bus.send('submitOrder', orderRequest({ quantity: 100 }));
    h.venue.status(10, 'Submitted');
    h.venue.disconnect();
    h.venue.snapshotAnswer = { openOrders: [], fills: [venueFill('m-1', 10, { quantity: 70 }), venueFill('m-2', 10, { quantity: 30, price: 451 })], positions: [venuePosition(SPY, 100, 450.3)] };
    await h.connect(20);
    const { findings } = h.events.reconciliationReported!.at(-1)!;
    expect(findings.map((f) => [f.kind, f.repaired])).toEqual([['fillMissed', true], ['fillMissed', true], ['orderFilledMeanwhile', true]]);
    expect(h.store.orders.get(10)).toMatchObject({ status: 'Filled', filled: 100 });
    expect(lastPositions(h)).toEqual([expect.objectContaining({ quantity: 100 })]);
    expect(h.store.rows('reconciled')).toHaveLength(2);
  });

  test('a working order the gateway does not know and no fill explains becomes Unknown and is reported for the trader', async () => {
    const h = await ready(10);
    await h.bus.send('submitOrder', orderRequest());
    h.venue.status(10, 'Submitted');
    h.venue.disconnect();
    await h.connect(20);
    const finding = h.events.reconciliationReported!.at(-1)!.findings[0]!;
    expect(finding).toMatchObject({ kind: 'orderUnknownAtVenue', repaired: false, orderId: 10 });
    expect(finding.text).toMatch(/check it in TWS/);
    expect(h.events.orderChanged!.at(-1)).toMatchObject({ orderId: 10, status: 'Unknown' });
    expect(h.store.rows('reconciliation: orderUnknownAtVenue')[0]).toMatchObject({ who: 'engine', orderId: 10 });
  });

  test('a listed order takes the gateway’s status; orders of other clients are kept read-only', async () => {
    const h = await ready(10);
    await h.bus.send('submitOrder', orderRequest());
    h.venue.disconnect();
    const description = { instrument: QQQ, side: 'buy' as const, quantity: 5, type: 'LMT' as const, limitPrice: 300, stopPrice: null, tif: 'DAY' as const, outsideRth: false, ocaGroup: null, parentId: null };
    h.venue.snapshotAnswer = { openOrders: [report(10, { status: 'Submitted', filled: 20, remaining: 80 }), report(4, { status: 'PreSubmitted', permId: 99, external: true, order: description })], fills: [], positions: [] };
    await h.connect(20);
    expect(h.events.reconciliationReported!.at(-1)!.findings).toEqual([]);
    expect(h.store.orders.get(10)?.status).toBe('PartiallyFilled');
    expect(h.events.orderChanged!.at(-1)).toMatchObject({ orderId: 4, external: true, status: 'PreSubmitted' });
    expect(h.store.orders.has(4)).toBe(false);
  });

  test('a position that differs from the venue’s takes the venue’s quantity and average cost, and says so', async () => {
    const h = await ready(10);
    h.venue.fill(10, SPY, 'buy', 100, 450, { commission: 1 });
    h.venue.disconnect();
    h.venue.snapshotAnswer = { openOrders: [], fills: [], positions: [venuePosition(SPY, 60, 449), venuePosition(QQQ, -10, 380)] };
    await h.connect(20);
    const findings = h.events.reconciliationReported!.at(-1)!.findings;
    expect(findings.map((f) => [f.kind, f.instrumentKey, f.repaired])).toEqual([['positionDiffered', 'SPY', true], ['positionDiffered', 'QQQ', true]]);
    expect(findings[0]!.text).toBe("Position SPY: the engine counted 100, the broker holds 60; the broker's quantity and average cost 449 adopted.");
    expect(lastPositions(h)).toEqual([expect.objectContaining({ instrument: SPY, quantity: 60, avgCost: 449, realizedPnl: -1 }), expect.objectContaining({ instrument: QQQ, quantity: -10 })]);
  });

  test('asks for executions from shortly before the last fill it knows; a first start takes positions from the broker and does not count old fills twice', async () => {
    const h = await startManager();
    h.venue.snapshotAnswer = { openOrders: [], fills: [venueFill('old-1', 3, { time: 500 }), venueFill('old-2', 4, { side: 'sell', quantity: 40, time: 600 })], positions: [venuePosition(SPY, 160, 448)] };
    await h.connect(1);
    expect(h.venue.snapshotsAsked).toEqual([0]);
    expect(h.events.reconciliationReported!.at(-1)!.findings.map((f) => f.kind)).toEqual(['fillsBeforeHistory', 'positionDiffered']);
    expect(lastPositions(h)).toEqual([expect.objectContaining({ quantity: 160, avgCost: 448 })]);
    h.venue.disconnect();
    h.venue.snapshotAnswer = { openOrders: [], fills: [venueFill('old-2', 4, { side: 'sell', quantity: 40, time: 600 })], positions: [venuePosition(SPY, 160, 448)] };
    await h.connect(2);
    expect(h.venue.snapshotsAsked[1]).toBe(600 - 60_000);
    expect(h.events.reconciliationReported!.at(-1)!.findings).toEqual([]);
  });

  test('a reconciliation the venue cannot answer leaves new orders refused NOT_RECONCILED and is audited', async () => {
    const h = await startManager();
    h.venue.snapshotAnswer = () => Promise.reject(new Error('snapshot timed out'));
    h.venue.connect(10);
    await new Promise((r) => setTimeout(r, 0));
    expect(h.store.rows('reconciliation failed')[0]?.why).toBe('snapshot timed out');
    await expect(h.bus.send('submitOrder', orderRequest())).rejects.toMatchObject({ denial: { code: 'NOT_RECONCILED' } });
    h.venue.snapshotAnswer = { openOrders: [], fills: [], positions: [] };
    h.venue.disconnect();
    await h.connect(10);
    expect((await h.bus.send('submitOrder', orderRequest())).orderIds).toEqual([10]);
  });
});
