import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, SecType, type Contract, type Execution, type Order } from '@stoqey/ib';
import { connectClient, delay, runMarket, startHarness, waitFor, type ConnectedClient, type Harness } from './gatewayHarness';

const AAPL: Contract = { symbol: 'AAPL', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

function statusOf(c: ConnectedClient, orderId: number): Promise<unknown[]> {
  return waitFor(c.ib, EventName.orderStatus, (id: number, status: string) => id === orderId && status === 'Filled');
}

describe('orders on the simulated gateway', () => {
  let h: Harness;
  let c: ConnectedClient;
  afterEach(async () => {
    c?.disconnect();
    await h?.stop();
  });

  it('fills a market order from the book with executions, commissions and a position', async () => {
    h = await startHarness();
    c = await connectClient(h.gateway.port, 3);
    const execs: Execution[] = [];
    const commissions: number[] = [];
    c.ib.on(EventName.execDetails, (_r: number, _c: Contract, e: Execution) => execs.push(e));
    c.ib.on(EventName.commissionReport, (r) => commissions.push(r.commission ?? NaN));
    const filled = statusOf(c, c.nextValidId);
    c.ib.placeOrder(c.nextValidId, AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 2500, transmit: true });
    const [, , filledQty, remaining, avg] = (await filled) as [number, string, number, number, number];
    expect(filledQty).toBe(2500);
    expect(remaining).toBe(0);
    expect(execs.reduce((n, e) => n + (e.shares ?? 0), 0)).toBe(2500);
    expect(execs.length).toBeGreaterThan(1); // 2,500 shares walk several levels: partial fills
    expect(commissions.length).toBe(execs.length);
    const touch = h.market.quote('AAPL')!.ask;
    expect(avg).toBeGreaterThan(touch - 1);
    c.ib.reqPositions();
    const [, contract, pos] = await waitFor<[string, Contract, number]>(c.ib, EventName.position);
    expect(contract.symbol).toBe('AAPL');
    expect(pos).toBe(2500);
  });

  it('rests a limit order below the market and cancels it on request', async () => {
    h = await startHarness();
    c = await connectClient(h.gateway.port, 3);
    const id = c.nextValidId;
    const bid = h.market.quote('AAPL')!.bid;
    const submitted = waitFor(c.ib, EventName.orderStatus, (oid: number, s: string) => oid === id && s === 'Submitted');
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: Math.round((bid - 20) * 100) / 100, totalQuantity: 100, transmit: true });
    await submitted;
    const cancelled = waitFor(c.ib, EventName.orderStatus, (oid: number, s: string) => oid === id && s === 'Cancelled');
    c.ib.cancelOrder(id);
    await cancelled;
  });

  it('answers a reused order id with error 103, and keeps the id high-water mark across a gateway restart', async () => {
    h = await startHarness();
    c = await connectClient(h.gateway.port, 9);
    const order: Order = { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 10, transmit: true };
    c.ib.placeOrder(40, AAPL, order);
    await statusOf(c, 40);
    const dup = waitFor<[Error, number, number]>(c.ib, EventName.error, (_e, code) => code === 103);
    c.ib.placeOrder(12, AAPL, order);
    const [, , reqId] = await dup;
    expect(reqId).toBe(12);
    c.disconnect();
    await h.stop();
    const stateDir = h.stateDir;
    h = await startHarness({ stateDir });
    c = await connectClient(h.gateway.port, 9);
    expect(c.nextValidId).toBe(41);
    const again = waitFor<[Error, number, number]>(c.ib, EventName.error, (_e, code) => code === 103);
    c.ib.placeOrder(40, AAPL, order);
    expect((await again)[2]).toBe(40);
  });

  it('holds an order sent with transmit unset and transmits the bracket when its last child arrives', async () => {
    h = await startHarness();
    c = await connectClient(h.gateway.port, 4);
    const parent = c.nextValidId;
    const warned = waitFor<[Error, number, number]>(c.ib, EventName.error, (_e, code, id) => code === 399 && id === parent);
    c.ib.placeOrder(parent, AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 100 } as Order);
    await warned;
    await runMarket(h.market, 500);
    expect(h.market.quote('AAPL')).toBeDefined();
    const ask = h.market.quote('AAPL')!.ask;
    const parentFilled = statusOf(c, parent);
    c.ib.placeOrder(parent + 1, AAPL, { action: OrderAction.SELL, orderType: OrderType.LMT, lmtPrice: Math.round((ask + 50) * 100) / 100, totalQuantity: 100, parentId: parent, transmit: false });
    await delay(200);
    c.ib.placeOrder(parent + 2, AAPL, { action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: Math.round((ask - 50) * 100) / 100, totalQuantity: 100, parentId: parent, transmit: true });
    await parentFilled;
    c.ib.reqOpenOrders();
    const open: number[] = [];
    c.ib.on(EventName.openOrder, (id: number) => open.push(id));
    await waitFor(c.ib, EventName.openOrderEnd);
    expect(open.sort()).toEqual([parent + 1, parent + 2]);
  });

  it('cancels every working order of every client on reqGlobalCancel', async () => {
    h = await startHarness();
    c = await connectClient(h.gateway.port, 5);
    const bid = h.market.quote('AAPL')!.bid;
    const low = Math.round((bid - 30) * 100) / 100;
    c.ib.placeOrder(c.nextValidId, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: low, totalQuantity: 1, transmit: true });
    c.ib.placeOrder(c.nextValidId + 1, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: low, totalQuantity: 1, transmit: true });
    const cancelled: number[] = [];
    c.ib.on(EventName.orderStatus, (id: number, s: string) => s === 'Cancelled' && cancelled.push(id));
    await delay(300);
    c.ib.reqGlobalCancel();
    await delay(500);
    expect(cancelled.sort()).toEqual([c.nextValidId, c.nextValidId + 1]);
  });
});
