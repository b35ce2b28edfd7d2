import { afterEach, describe, expect, it } from 'vitest';
import { OrderAction, OrderType, TimeInForce } from '@stoqey/ib';
import type { TradingHoursMode } from '../../../core/sim/gateway/orders/tradingHours';
import { eventually } from '../../support/eventually';
import { connectClient, runMarket, startHarness, type ConnectedClient, type Harness } from './gatewayHarness';
import { AAPL, cents, errorFor, ny, optionContract, OrderLog, statusReached } from './orderKit';

const MONDAY = '2025-01-06';

describe('trading hours on the simulated gateway (New York time, by the market clock)', () => {
  let h: Harness;
  let c: ConnectedClient;
  afterEach(async () => {
    c?.disconnect();
    await h?.stop();
  });

  async function startAt(ts: number, tradingHours: TradingHoursMode = 'enforced'): Promise<OrderLog> {
    h = await startHarness({ symbols: ['AAPL'], startTs: ts, tradingHours });
    c = await connectClient(h.gateway.port, 9);
    return new OrderLog(c);
  }

  it('holds a pre-market stock order without outsideRth PreSubmitted with warning 399, and works it from the 09:30 open', async () => {
    const log = await startAt(ny(MONDAY, 9, 29));
    const id = c.nextValidId;
    const warned = errorFor(c, id, 399);
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 100, transmit: true });
    const [warning] = await warned;
    expect(warning.message).toBe('Order Message:\nBUY 100 AAPL NASDAQ.NMS\nWarning: your order will not be placed at the exchange until 2025-01-06 09:30:00 US/Eastern');
    expect(log.last(id)).toBe('PreSubmitted');
    await runMarket(h.market, 50_000, 5000);
    expect(log.execs).toHaveLength(0);
    const filled = statusReached(c, id, 'Filled');
    await runMarket(h.market, 15_000, 5000);
    await filled;
  });

  it('works a stock limit order with outsideRth in the pre-market, and holds a market order with outsideRth (2109)', async () => {
    const log = await startAt(ny(MONDAY, 7));
    const id = c.nextValidId;
    const filled = statusReached(c, id, 'Filled');
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(h.market.quote('AAPL')!.ask + 1), totalQuantity: 100, outsideRth: true, transmit: true });
    await filled;
    const warnings = Promise.all([errorFor(c, id + 1, 2109), errorFor(c, id + 1, 399)]);
    c.ib.placeOrder(id + 1, AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 100, outsideRth: true, transmit: true });
    await warnings;
    expect(log.last(id + 1)).toBe('PreSubmitted');
  });

  it('rejects options orders outside regular hours and every order while the venue is closed with 201 "Exchange is closed."', async () => {
    await startAt(ny(MONDAY, 8));
    const option = h.market.optionChain('AAPL').find((q) => q.ask > 1)!;
    const id = c.nextValidId;
    const optionRejected = errorFor(c, id, 201);
    c.ib.placeOrder(id, optionContract(option), { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: option.ask, totalQuantity: 1, transmit: true });
    expect((await optionRejected)[0].message).toBe('Order rejected - reason:Exchange is closed.');
    c.disconnect();
    await h.stop();
    for (const closed of [ny(MONDAY, 20, 30), ny('2025-01-11', 12)]) {
      await startAt(closed);
      const rejected = errorFor(c, c.nextValidId, 201);
      c.ib.placeOrder(c.nextValidId, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: 200, totalQuantity: 1, outsideRth: true, tif: TimeInForce.GTC, transmit: true });
      expect((await rejected)[0].message).toBe('Order rejected - reason:Exchange is closed.');
      c.disconnect();
      await h.stop();
    }
  });

  it('cancels an outsideRth DAY order at the end of after hours (20:00), not at 16:00', async () => {
    const log = await startAt(ny(MONDAY, 19, 59));
    const id = c.nextValidId;
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.LMT, lmtPrice: cents(h.market.quote('AAPL')!.bid - 30), totalQuantity: 100, outsideRth: true, transmit: true });
    await statusReached(c, id, 'Submitted');
    await runMarket(h.market, 65_000, 5000);
    await eventually('the DAY order expired', () => log.last(id) === 'Cancelled', 5000);
  });

  it('trades at any hour when the venue is always open', async () => {
    const log = await startAt(ny('2025-01-11', 23), 'always-open');
    const option = h.market.optionChain('AAPL').find((q) => q.ask > 1)!;
    const id = c.nextValidId;
    c.ib.placeOrder(id, AAPL, { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 100, transmit: true });
    c.ib.placeOrder(id + 1, optionContract(option), { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 1, transmit: true });
    await statusReached(c, id + 1, 'Filled');
    expect(log.last(id)).toBe('Filled');
    expect(c.errors.filter((e) => e.code === 201 || e.code === 399)).toEqual([]);
  });
});
