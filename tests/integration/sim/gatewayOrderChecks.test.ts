import { afterEach, describe, expect, it } from 'vitest';
import { EventName, OrderAction, OrderType, type Contract, type Order, type OrderState } from '@stoqey/ib';
import { connectClient, delay, startHarness, waitFor, type ConnectedClient, type Harness } from './gatewayHarness';
import { AAPL, cents, errorFor, optionContract, OrderLog, statusReached } from './orderKit';

const TICK_TEXT = 'The price does not conform to the minimum price variation for this contract.';

describe('order checks on the simulated gateway, with TWS codes and texts', () => {
  let h: Harness;
  let c: ConnectedClient;
  afterEach(async () => {
    c?.disconnect();
    await h?.stop();
  });

  async function start(): Promise<OrderLog> {
    h = await startHarness({ symbols: ['AAPL', 'SPY'] });
    c = await connectClient(h.gateway.port, 11);
    return new OrderLog(c);
  }

  it('answers a price off the minimum tick with error 110: stocks in cents, options in nickels from $3 (pennies for SPY)', async () => {
    const log = await start();
    const aaplOption = h.market.optionChain('AAPL').find((q) => q.bid > 4)!;
    const spyOption = h.market.optionChain('SPY').find((q) => q.bid > 4)!;
    const id = c.nextValidId;
    const offTick = [errorFor(c, id, 110), errorFor(c, id + 1, 110), errorFor(c, id + 2, 110)];
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 200.005, totalQuantity: 1, transmit: true });
    c.ib.placeOrder(id + 1, AAPL, { action: OrderAction.SELL, orderType: OrderType.STP, auxPrice: 150.123, totalQuantity: 1, transmit: true });
    const nickel = (p: number): number => Math.floor(p * 20) / 20;
    c.ib.placeOrder(id + 2, optionContract(aaplOption), { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(nickel(aaplOption.bid) - 0.02), totalQuantity: 1, transmit: true });
    for (const [error] of await Promise.all(offTick)) expect(error.message).toBe(TICK_TEXT);
    const accepted = [statusReached(c, id + 3, 'Submitted'), statusReached(c, id + 4, 'Submitted')];
    // The chain quotes on the same grid: a limit at the bid is accepted.
    c.ib.placeOrder(id + 3, optionContract(aaplOption), { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: aaplOption.bid, totalQuantity: 1, transmit: true });
    c.ib.placeOrder(id + 4, optionContract(spyOption), { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(spyOption.bid - 0.03), totalQuantity: 1, transmit: true });
    await Promise.all(accepted);
    expect(log.execs).toHaveLength(0);
  });

  it('answers MOC on an option with error 387', async () => {
    await start();
    const option = h.market.optionChain('SPY').find((q) => q.bid > 1)!;
    const rejected = errorFor(c, c.nextValidId, 387);
    c.ib.placeOrder(c.nextValidId, optionContract(option), { action: OrderAction.BUY, orderType: OrderType.MOC, totalQuantity: 1, transmit: true });
    expect((await rejected)[0].message).toBe('Unsupported order type for this exchange and security type.');
  });

  it('answers the cancel of an unknown order with 10147 and of a filled order with 10148', async () => {
    await start();
    const unknown = errorFor(c, 987654, 10147);
    c.ib.cancelOrder(987654);
    expect((await unknown)[0].message).toBe('OrderId 987654 that needs to be cancelled is not found.');
    const id = c.nextValidId;
    const filled = statusReached(c, id, 'Filled');
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 10, transmit: true });
    await filled;
    const notCancellable = errorFor(c, id, 10148);
    c.ib.cancelOrder(id);
    expect((await notCancellable)[0].message).toBe(`OrderId ${id} that needs to be cancelled cannot be cancelled, state: Filled.`);
  });

  it('answers a what-if order with its margin and commission and places nothing', async () => {
    const log = await start();
    const ask = h.market.quote('AAPL')!.ask;
    const id = c.nextValidId;
    const answer = waitFor<[number, Contract, Order, OrderState]>(c.ib, EventName.openOrder, (oid) => oid === id);
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1000, transmit: true, whatIf: true });
    const [, contract, order, state] = await answer;
    expect(contract.symbol).toBe('AAPL');
    expect(order.whatIf).toBe(true);
    expect(state.initMarginBefore).toBe(0);
    expect(state.initMarginChange).toBeCloseTo(1000 * ask * 0.5, -2);
    expect(state.maintMarginChange).toBeCloseTo(1000 * ask * 0.25, -2);
    expect(state.initMarginAfter).toBe(state.initMarginChange);
    expect(state.equityWithLoanBefore).toBe(1_000_000);
    expect(state.commission).toBe(3.5);
    expect(state.minCommission).toBe(3.5);
    expect(state.maxCommission).toBe(3.5);
    expect(state.commissionCurrency).toBe('USD');
    expect(state.equityWithLoanChange).toBe(-3.5);
    await delay(200);
    expect(log.statuses.get(id)).toBeUndefined();
    expect(log.execs).toHaveLength(0);
    const resting = id + 1;
    const bid = h.market.quote('AAPL')!.bid;
    c.ib.placeOrder(resting, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(bid - 30), totalQuantity: 100, transmit: true });
    await statusReached(c, resting, 'Submitted');
    const whatIfOnLive = waitFor<[number, Contract, Order, OrderState]>(c.ib, EventName.openOrder, (oid, _c, o) => oid === resting && o.whatIf === true);
    c.ib.placeOrder(resting, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(bid - 30), totalQuantity: 500, transmit: true, whatIf: true });
    expect((await whatIfOnLive)[3].commission).toBeCloseTo(1.75, 6);
    const listed = waitFor<[number, Contract, Order]>(c.ib, EventName.openOrder, (oid) => oid === resting);
    c.ib.reqOpenOrders();
    expect((await listed)[2].totalQuantity).toBe(100); // the what-if did not modify the live order
    const positions: number[] = [];
    c.ib.on(EventName.position, (_a: string, _c: Contract, pos: number) => positions.push(pos));
    c.ib.reqPositions();
    await waitFor(c.ib, EventName.positionEnd);
    expect(positions).toEqual([]);
  });
});
