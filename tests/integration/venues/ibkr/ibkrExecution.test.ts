import { EventName, OrderAction, OrderType, SecType, type Contract } from '@stoqey/ib';
import { afterEach, describe, expect, test } from 'vitest';
import type { VenueCommission, VenueFill, VenueOrderReadiness, VenueOrderReport, VenuePosition } from '../../../../core/bus/catalogue';
import type { OrderRecord } from '../../../../core/market/order';
import { IbkrExecution } from '../../../../core/venues/ibkr/execution/ibkrExecution';
import { connectClient } from '../../sim/gatewayHarness';
import { eventually, runMarket, startIngestHarness, type IngestHarness } from './ibkrHarness';

/** An order record as the order manager would hand it to the venue. */
function record(orderId: number, fields: Partial<OrderRecord>): OrderRecord {
  return {
    orderId, clientOrderKey: `test-${orderId}`, role: 'single', parentId: null, instrument: { kind: 'stock', symbol: 'AAPL' }, side: 'buy', quantity: 100,
    type: 'MKT', limitPrice: null, stopPrice: null, tif: 'DAY', outsideRth: false, ocaGroup: null, status: 'PendingSubmit', filled: 0, avgFillPrice: null,
    commission: 0, message: null, permId: null, source: 'ticket', requestedBy: 'test', external: false, createdAt: 0, updatedAt: 0, ...fields,
  };
}

interface Heard {
  orders: VenueOrderReport[];
  fills: VenueFill[];
  commissions: VenueCommission[];
  positions: VenuePosition[];
  readiness: VenueOrderReadiness[];
}

function listen(h: IngestHarness): Heard {
  const heard: Heard = { orders: [], fills: [], commissions: [], positions: [], readiness: [] };
  h.bus.subscribe('venueOrderReported', (r) => heard.orders.push(r));
  h.bus.subscribe('venueFillReported', (f) => heard.fills.push(f));
  h.bus.subscribe('venueCommissionReported', (c) => heard.commissions.push(c));
  h.bus.subscribe('venuePositionReported', (p) => heard.positions.push(p));
  h.bus.subscribe('venueOrderReadinessChanged', (r) => heard.readiness.push(r));
  return heard;
}

const statusOf = (heard: Heard, orderId: number) => heard.orders.filter((r) => r.orderId === orderId && r.status).at(-1)?.status;

describe('IBKR execution on the shared connection (simulated gateway, real socket)', () => {
  let h: IngestHarness;
  let venue: IbkrExecution;
  afterEach(async () => {
    venue?.stop();
    await h?.stop();
  });

  async function start(): Promise<Heard> {
    h = await startIngestHarness({ symbols: [{ symbol: 'AAPL', dataClass: 'standard' }] });
    const heard = listen(h);
    venue = new IbkrExecution({ connection: h.ingest.connection, bus: h.bus, reportBadInput: (p) => h.badInput.push(p) });
    venue.start();
    await eventually('the venue to be ready for orders', () => heard.readiness.some((r) => r.ready));
    return heard;
  }

  test('says it is ready with the gateway’s next valid id, joined late to a running connection', async () => {
    const heard = await start();
    const ready = heard.readiness.find((r) => r.ready)!;
    expect(ready.nextValidId).toBeGreaterThan(0);
    expect(ready.session).toBe(1);
  });

  test('a resting limit order is reported Submitted with its description, and Cancelled when cancelled', async () => {
    const heard = await start();
    const id = heard.readiness[0]!.nextValidId!;
    const bid = h.market.quote('AAPL')!.bid;
    const limit = Math.round((bid - 5) * 100) / 100;
    venue.place([{ orderId: id, record: record(id, { type: 'LMT', limitPrice: limit, tif: 'GTC' }), transmit: true }]);
    await eventually('Submitted', () => statusOf(heard, id) === 'Submitted');
    const described = heard.orders.find((r) => r.orderId === id && r.order)!;
    expect(described.order).toMatchObject({ instrument: { kind: 'stock', symbol: 'AAPL' }, side: 'buy', quantity: 100, type: 'LMT', limitPrice: limit, tif: 'GTC' });
    expect(described.external).toBe(false);
    venue.cancel(id);
    await eventually('Cancelled', () => statusOf(heard, id) === 'Cancelled');
  });

  test('a market order’s fills, commissions (joined by execId) and position are reported', async () => {
    const heard = await start();
    const id = heard.readiness[0]!.nextValidId!;
    venue.place([{ orderId: id, record: record(id, { quantity: 300 }), transmit: true }]);
    await eventually('Filled', () => statusOf(heard, id) === 'Filled');
    await eventually('every fill has its commission', () => heard.fills.length > 0 && heard.fills.every((f) => heard.commissions.some((c) => c.execId === f.fill.execId)));
    expect(heard.fills.reduce((n, f) => n + f.fill.quantity, 0)).toBe(300);
    expect(heard.fills.every((f) => f.fill.orderId === id && f.fill.side === 'buy' && !f.external)).toBe(true);
    expect(heard.fills[0]!.fill.time).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });

  test('a bracket sent with transmit on the last child only goes live whole; a rejection reaches the venue’s report with the gateway’s reason', async () => {
    const heard = await start();
    const id = heard.readiness[0]!.nextValidId!;
    const ask = h.market.quote('AAPL')!.ask;
    const r2 = (p: number) => Math.round(p * 100) / 100;
    venue.place([
      { orderId: id, record: record(id, { role: 'parent', type: 'LMT', limitPrice: r2(ask - 10) }), transmit: false },
      { orderId: id + 1, record: record(id + 1, { role: 'takeProfit', parentId: id, side: 'sell', type: 'LMT', limitPrice: r2(ask + 10), ocaGroup: `oca-${id}` }), transmit: false },
      { orderId: id + 2, record: record(id + 2, { role: 'stopLoss', parentId: id, side: 'sell', type: 'STP', stopPrice: r2(ask - 20), ocaGroup: `oca-${id}` }), transmit: true },
    ]);
    await eventually('the parent working', () => statusOf(heard, id) === 'Submitted');
    const child = heard.orders.find((r) => r.orderId === id + 2 && r.order)!;
    expect(child.order).toMatchObject({ parentId: id, type: 'STP', stopPrice: r2(ask - 20) });
    venue.place([{ orderId: id + 3, record: record(id + 3, { type: 'LMT', limitPrice: r2(ask - 10), quantity: 100, tif: 'DAY', instrument: { kind: 'stock', symbol: 'NOPE' } }), transmit: true }]);
    await eventually('an error for the unknown symbol', () => heard.orders.some((r) => r.orderId === id + 3 && r.error));
    expect(heard.orders.find((r) => r.orderId === id + 3 && r.error)!.error!.message).not.toBe('');
  });

  test('a snapshot lists every open order (another client’s marked external), executions since a time and positions', async () => {
    const heard = await start();
    // Ids only grow (TWS refuses a lower one with 103): the earlier order takes the first.
    const earlier = heard.readiness[0]!.nextValidId!;
    const id = earlier + 1;
    // Execution times are the market's clock (a fixed 2025 session here): the filter is in the same time.
    const before = h.market.now() - 60_000;
    venue.place([{ orderId: earlier, record: record(earlier, { quantity: 50 }), transmit: true }]);
    await eventually('the earlier order Filled', () => statusOf(heard, earlier) === 'Filled');
    await runMarket(h.market, 120_000, 1_000);
    const since = h.market.now() - 1_000;
    venue.place([{ orderId: id, record: record(id, { quantity: 200 }), transmit: true }]);
    await eventually('Filled', () => statusOf(heard, id) === 'Filled');
    const other = await connectClient(h.gateway.port, 29);
    try {
      const aapl: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
      const submitted = new Promise((resolve) => other.ib.on(EventName.orderStatus, (oid: number, s: string) => oid === other.nextValidId && s === 'Submitted' && resolve(undefined)));
      other.ib.placeOrder(other.nextValidId, aapl, { action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: Math.round((h.market.quote('AAPL')!.ask + 30) * 100) / 100, totalQuantity: 7, transmit: true });
      await submitted;
      await runMarket(h.market, 200);
      const snapshot = await venue.snapshot(since);
      expect(snapshot.openOrders.some((o) => o.external && o.order?.quantity === 7 && o.order.side === 'sell')).toBe(true);
      expect(snapshot.fills.filter((f) => f.fill.orderId === id).reduce((n, f) => n + f.fill.quantity, 0)).toBe(200);
      expect(snapshot.fills.some((f) => f.fill.orderId === earlier), 'a fill before the time is left out').toBe(false);
      expect((await venue.snapshot(before)).fills.some((f) => f.fill.orderId === earlier)).toBe(true);
      expect(snapshot.positions.find((p) => p.instrument.kind === 'stock' && p.instrument.symbol === 'AAPL')?.quantity).toBe(250);
    } finally {
      other.disconnect();
    }
  });

  test('placing while TWS is not connected fails by name', async () => {
    await start();
    await h.gateway.stop();
    await eventually('the session to end', () => !h.ingest.connection.current);
    expect(() => venue.cancel(5)).toThrow(/not connected to TWS/);
  });
});
