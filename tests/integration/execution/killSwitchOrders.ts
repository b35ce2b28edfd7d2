import { eventually } from '../../support/engineContract';
import { orderKey, roundToCent, type ExecutionHarness } from './executionHarness';

/** Places `count` buy limits far below the market (they rest) and waits until the gateway has them all working. */
export async function placeRestingOrders(h: ExecutionHarness, count: number): Promise<number[]> {
  const bid = h.market.quote('AAPL')!.bid;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const receipt = await h.client.call('submitOrder', {
      clientOrderKey: orderKey(), instrument: { kind: 'stock', symbol: 'AAPL' }, side: 'buy', quantity: 1, type: 'LMT', limitPrice: roundToCent(bid * 0.8 - i * 0.01),
    });
    ids.push(...receipt.orderIds);
  }
  const working = new Set(ids);
  await eventually(`${count} orders working at the gateway`, () => h.orders().filter((o) => working.has(o.orderId) && o.status === 'Submitted').length === count, 30_000, 20);
  return ids;
}
