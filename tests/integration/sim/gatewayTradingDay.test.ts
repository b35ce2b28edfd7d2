import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, TimeInForce, type Order } from '@stoqey/ib';
import type { TradePrint } from '../../../core/sim/market/marketFeed';
import { eventually } from '../../support/eventually';
import { connectClient, onAny, runMarket, startHarness, type ConnectedClient, type Harness } from './gatewayHarness';
import { AAPL, cents, errorFor, ny, OrderLog, statusReached } from './orderKit';

const MONDAY = '2025-01-06';
const CLOSE = ny(MONDAY, 16);

describe('the trading day on the simulated gateway: the close auction and time in force', () => {
  let h: Harness;
  let c: ConnectedClient;
  afterEach(async () => {
    c?.disconnect();
    await h?.stop();
  });

  async function startAt(ts: number): Promise<OrderLog> {
    h = await startHarness({ symbols: ['AAPL'], startTs: ts });
    c = await connectClient(h.gateway.port, 8);
    return new OrderLog(c);
  }

  /** Runs the market to a New York time in steps of a few seconds. */
  async function runUntil(ts: number): Promise<void> {
    await runMarket(h.market, ts - h.market.now(), 5000);
  }

  it('holds MOC and LOC orders until 16:00 and fills them at the closing price, an LOC only within its limit', async () => {
    const log = await startAt(ny(MONDAY, 15, 45));
    const lastBeforeClose: TradePrint[] = [];
    h.market.on('trade', (t) => t.ts < CLOSE && lastBeforeClose.push(t));
    const { bid, ask } = h.market.quote('AAPL')!;
    const id = c.nextValidId;
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.MOC, totalQuantity: 200, transmit: true });
    c.ib.placeOrder(id + 1, AAPL, { action: OrderAction.SELL, orderType: OrderType.LOC, lmtPrice: cents(bid - 20), totalQuantity: 100, transmit: true });
    c.ib.placeOrder(id + 2, AAPL, { action: OrderAction.BUY, orderType: OrderType.LOC, lmtPrice: cents(ask - 20), totalQuantity: 100, transmit: true });
    await statusReached(c, id + 2, 'Submitted');
    await runUntil(CLOSE - 5000);
    expect(log.execs).toHaveLength(0);
    expect([log.last(id), log.last(id + 1), log.last(id + 2)]).toEqual(['Submitted', 'Submitted', 'Submitted']);
    await runUntil(CLOSE + 5000);
    await eventually('the auction', () => log.last(id) === 'Filled' && log.last(id + 2) === 'Cancelled');
    const closingPrice = lastBeforeClose.at(-1)!.price;
    expect(log.execsOf(id).map((e) => [e.shares, e.price])).toEqual([[200, closingPrice]]);
    expect(log.execsOf(id + 1).map((e) => [e.shares, e.price])).toEqual([[100, closingPrice]]);
    expect(log.filledOf(id + 2)).toBe(0);
  });

  it('rejects MOC and LOC orders sent after the 15:50 cut-off with error 201', async () => {
    await startAt(ny(MONDAY, 15, 50, 30));
    const id = c.nextValidId;
    const rejected = errorFor(c, id, 201);
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.MOC, totalQuantity: 100, transmit: true });
    const [error] = await rejected;
    expect(error.message).toMatch(/^Order rejected - reason:.*cut-off \(15:50 US\/Eastern\) has passed/);
  });

  it('cancels a working DAY order at the close and keeps a GTC order for the next session', async () => {
    const log = await startAt(ny(MONDAY, 15, 59));
    const low = cents(h.market.quote('AAPL')!.bid - 30);
    const id = c.nextValidId;
    const resting: Order = { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: low, totalQuantity: 100, transmit: true };
    c.ib.placeOrder(id, AAPL, { ...resting, tif: TimeInForce.DAY });
    c.ib.placeOrder(id + 1, AAPL, { ...resting, tif: TimeInForce.GTC });
    await statusReached(c, id + 1, 'Submitted');
    const dayCancelled = statusReached(c, id, 'Cancelled');
    await runUntil(CLOSE + 5000);
    await dayCancelled;
    expect(log.last(id + 1)).toBe('PreSubmitted'); // waiting for the next regular session
    const open: number[] = [];
    onAny(c.ib, EventName.openOrder, (oid) => open.push(oid as number));
    c.ib.reqOpenOrders();
    await eventually('the open orders', () => open.length > 0, 5000);
    expect(open).toEqual([id + 1]);
  });

  it('fills what it can of an IOC order at once and cancels the rest at once', async () => {
    const log = await startAt(ny(MONDAY, 10));
    const { ask, bid } = h.market.quote('AAPL')!;
    const id = c.nextValidId;
    const partial = statusReached(c, id, 'Cancelled');
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: ask, totalQuantity: 20_000, tif: TimeInForce.IOC, transmit: true });
    await partial;
    expect(log.filledOf(id)).toBeGreaterThan(0);
    expect(log.filledOf(id)).toBeLessThan(20_000);
    const none = statusReached(c, id + 1, 'Cancelled');
    c.ib.placeOrder(id + 1, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(bid - 30), totalQuantity: 100, tif: TimeInForce.IOC, transmit: true });
    await none;
    expect(log.filledOf(id + 1)).toBe(0);
  });
});
