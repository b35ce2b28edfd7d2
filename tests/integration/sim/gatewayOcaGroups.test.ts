import { afterEach, describe, expect, it } from 'vitest';
import { OrderAction, OrderType, type Order } from '@stoqey/ib';
import { connectClient, delay, runMarket, startHarness, type ConnectedClient, type Harness } from './gatewayHarness';
import { eventually } from '../../support/eventually';
import { AAPL, cents, OrderLog, statusReached } from './orderKit';

describe('one-cancels-all groups and brackets on the simulated gateway', () => {
  let h: Harness;
  let c: ConnectedClient;
  afterEach(async () => {
    c?.disconnect();
    await h?.stop();
  });

  async function start(): Promise<OrderLog> {
    h = await startHarness({ symbols: ['AAPL', 'SPY'] });
    c = await connectClient(h.gateway.port, 6);
    return new OrderLog(c);
  }

  it('cancels the other orders of an ocaType 1 group when one of them fills', async () => {
    const log = await start();
    const { bid, ask } = h.market.quote('AAPL')!;
    const id = c.nextValidId;
    const group: Partial<Order> = { ocaGroup: 'exit-1', ocaType: 1, transmit: true };
    c.ib.placeOrder(id, AAPL, { ...group, action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(bid - 25), totalQuantity: 100 });
    c.ib.placeOrder(id + 1, AAPL, { ...group, action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(bid - 30), totalQuantity: 100 });
    await statusReached(c, id + 1, 'Submitted');
    const cancelled = [statusReached(c, id, 'Cancelled'), statusReached(c, id + 1, 'Cancelled')];
    c.ib.placeOrder(id + 2, AAPL, { ...group, action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(ask + 1), totalQuantity: 100 });
    await Promise.all(cancelled);
    expect(log.filledOf(id + 2)).toBe(100);
    expect(log.filledOf(id) + log.filledOf(id + 1)).toBe(0);
    expect(log.open.get(id + 2)?.order.ocaType).toBe(1);
  });

  it('reduces the other orders of an ocaType 2 group by the filled quantity', async () => {
    const log = await start();
    const { bid, ask } = h.market.quote('AAPL')!;
    const id = c.nextValidId;
    const group: Partial<Order> = { ocaGroup: 'scale-in', ocaType: 2, transmit: true };
    c.ib.placeOrder(id, AAPL, { ...group, action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(bid - 25), totalQuantity: 300 });
    await statusReached(c, id, 'Submitted');
    c.ib.placeOrder(id + 1, AAPL, { ...group, action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(ask + 1), totalQuantity: 100 });
    await statusReached(c, id + 1, 'Filled');
    await delay(100);
    expect(log.open.get(id)?.order.totalQuantity).toBe(200);
    expect(log.last(id)).toBe('Submitted');
  });

  /** Parent BUY 100 at market, a profit taker and a stop in one OCA group; only the stop is sent with transmit. */
  async function bracket(log: OrderLog, takeProfitAt: number, stopAt: number): Promise<{ parent: number; takeProfit: number; stop: number }> {
    const parent = c.nextValidId;
    const child: Partial<Order> = { parentId: parent, ocaGroup: `bracket-${parent}`, ocaType: 1, totalQuantity: 100, action: OrderAction.SELL };
    c.ib.placeOrder(parent, AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 100, transmit: false });
    c.ib.placeOrder(parent + 1, AAPL, { ...child, orderType: OrderType.LMT, lmtPrice: cents(takeProfitAt), transmit: false });
    await statusReached(c, parent + 1, 'PreSubmitted');
    await runMarket(h.market, 1000);
    expect(log.execs).toHaveLength(0); // nothing of the bracket is live before its last order arrives
    expect(log.last(parent)).toBe('PreSubmitted');
    const parentFilled = statusReached(c, parent, 'Filled');
    c.ib.placeOrder(parent + 2, AAPL, { ...child, orderType: OrderType.STP, auxPrice: cents(stopAt), transmit: true });
    await parentFilled;
    return { parent, takeProfit: parent + 1, stop: parent + 2 };
  }

  it('cancels a bracket stop when the profit taker fills', async () => {
    const log = await start();
    const { bid } = h.market.quote('AAPL')!;
    const ids = await bracket(log, bid - 2, bid - 40);
    await runMarket(h.market, 1000);
    await eventually('the stop cancelled', () => log.last(ids.stop) === 'Cancelled', 5000);
    expect(log.last(ids.takeProfit)).toBe('Filled');
    expect(log.filledOf(ids.takeProfit)).toBe(100);
    expect(log.filledOf(ids.stop)).toBe(0);
  });

  it('cancels a bracket profit taker when the stop fills', async () => {
    const log = await start();
    const { bid, ask } = h.market.quote('AAPL')!;
    const ids = await bracket(log, ask + 40, bid + 2); // a sell stop above the market is elected at once
    await runMarket(h.market, 1000);
    await eventually('the profit taker cancelled', () => log.last(ids.takeProfit) === 'Cancelled', 5000);
    expect(log.last(ids.stop)).toBe('Filled');
    expect(log.filledOf(ids.stop)).toBe(100);
    expect(log.filledOf(ids.takeProfit)).toBe(0);
  });
});
