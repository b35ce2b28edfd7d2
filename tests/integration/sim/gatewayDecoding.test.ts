import { afterEach, describe, expect, it } from 'vitest';
import { BarSizeSetting, EventName, OrderAction, OrderType, SecType, type Contract, type Order } from '@stoqey/ib';
import { connectClient, onAny, delay, runMarket, startHarness, waitFor, type ConnectedClient, type Harness } from './gatewayHarness';

const SPY: Contract = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };

/** Every response the gateway can produce, requested through the real client; returns the events seen. */
async function exerciseEverything(h: Harness, c: ConnectedClient): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const name of Object.values(EventName)) onAny(c.ib, name, () => seen.add(name));
  const ib = c.ib;
  const chain = h.market.optionChain('SPY');
  const option = chain.find((q) => q.bid > 0.5)!;
  ib.reqCurrentTime();
  ib.reqManagedAccts();
  ib.reqContractDetails(1, SPY);
  ib.reqContractDetails(2, { conId: option.spec.conId, secType: SecType.OPT, exchange: 'SMART' });
  ib.reqSecDefOptParams(3, 'SPY', '', SecType.STK, 756733);
  ib.reqMktData(4, SPY, '233', false, false);
  ib.reqMktData(5, { conId: option.spec.conId, secType: SecType.OPT, exchange: 'SMART' }, '', false, false);
  ib.reqMktDepth(6, SPY, 5, true, []);
  ib.reqMktDepth(7, { ...SPY, exchange: 'ARCA' }, 5, false, []);
  ib.reqRealTimeBars(8, SPY, 5, 'TRADES', false, []);
  ib.reqHistoricalData(9, SPY, '', '1800 S', BarSizeSetting.MINUTES_ONE, 'TRADES', 0, 1, false);
  await delay(300);
  await runMarket(h.market, 6000);
  const order: Order = { action: OrderAction.BUY, orderType: OrderType.MKT, totalQuantity: 300, transmit: true };
  ib.placeOrder(c.nextValidId, SPY, order);
  await delay(400);
  await runMarket(h.market, 1000);
  ib.reqOpenOrders();
  ib.reqPositions();
  ib.reqAccountSummary(10, 'All', 'NetLiquidation,TotalCashValue');
  ib.reqAccountUpdates(true, 'DU1234567');
  ib.reqExecutions(11, {});
  ib.reqCompletedOrders(false);
  ib.reqMktDepthExchanges();
  ib.reqAccountUpdatesMulti(12, 'DU1234567', '', false);
  await delay(1200);
  return seen;
}

const EXPECTED_EVENTS = [
  EventName.currentTime, EventName.managedAccounts, EventName.contractDetails, EventName.contractDetailsEnd,
  EventName.securityDefinitionOptionParameter, EventName.securityDefinitionOptionParameterEnd, EventName.tickPrice,
  EventName.tickSize, EventName.tickString, EventName.tickGeneric, EventName.tickOptionComputation, EventName.tickReqParams,
  EventName.marketDataType, EventName.updateMktDepthL2, EventName.realtimeBar, EventName.historicalData, EventName.openOrder,
  EventName.orderStatus, EventName.execDetails, EventName.commissionReport, EventName.openOrderEnd, EventName.position,
  EventName.positionEnd, EventName.accountSummary, EventName.accountSummaryEnd, EventName.updateAccountValue,
  EventName.updatePortfolio, EventName.updateAccountTime, EventName.accountDownloadEnd, EventName.execDetailsEnd,
  EventName.completedOrdersEnd, EventName.mktDepthExchanges, EventName.accountUpdateMulti, EventName.accountUpdateMultiEnd,
];

describe.each([157, 178, 193])('the real @stoqey/ib client at server version %i', (version) => {
  let h: Harness;
  let c: ConnectedClient;
  afterEach(async () => {
    c.disconnect();
    await h.stop();
  });

  it('decodes every message type the gateway sends without a single decode error', async () => {
    h = await startHarness({ maxServerVersion: version });
    c = await connectClient(h.gateway.port, 1);
    expect(c.serverVersion).toBe(version);
    const seen = await exerciseEverything(h, c);
    const decodeErrors = c.errors.filter((e) => e.code === 505 || /underrun|unprocessed/i.test(e.message));
    expect(decodeErrors).toEqual([]);
    expect(EXPECTED_EVENTS.filter((e) => !seen.has(e))).toEqual([]);
    expect(h.gateway.stats().malformedFrames).toBe(0);
    expect(h.gateway.stats().unsupportedRequests).toBe(0);
  });
});

describe('tickOptionComputation for an option ticker', () => {
  it('carries implied vol, delta and the underlying price of the model', async () => {
    const h = await startHarness();
    const c = await connectClient(h.gateway.port, 2);
    try {
      const option = h.market.optionChain('SPY').find((q) => q.spec.right === 'C' && q.delta > 0.3 && q.delta < 0.7)!;
      const got = waitFor<[number, number, number, number, number]>(c.ib, EventName.tickOptionComputation, (_id, type) => type === 13);
      c.ib.reqMktData(21, { conId: option.spec.conId, secType: SecType.OPT, exchange: 'SMART' }, '', false, false);
      const [, , , iv, delta] = await got;
      expect(iv).toBeGreaterThan(0.01);
      expect(delta).toBeGreaterThan(0.2);
      expect(delta).toBeLessThan(0.8);
    } finally {
      c.disconnect();
      await h.stop();
    }
  });
});
