import { describe, expect, test } from 'vitest';
import { OrderDeniedError } from '../../../core/execution/orderDenied';
import { MemoryExecutionStore, orderRequest, SPY, SPY_CALL, startManager, type ManagerHarness } from '../../support/executionDoubles';
import type { OrderRequest } from '../../../core/market/order';
import { emptyQuote } from '../../../core/market/quote';
import { relaxedRiskLimits } from '../../support/riskFixtures';

async function denialOf(answer: Promise<unknown>): Promise<OrderDeniedError> {
  const error = await answer.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OrderDeniedError);
  return error as OrderDeniedError;
}

async function ready(nextValidId = 1_000): Promise<ManagerHarness> {
  const h = await startManager();
  await h.connect(nextValidId);
  return h;
}

describe('order manager: submitting', () => {
  test('places a single order under the venue’s next valid id, recorded PendingSubmit, published and audited before it is sent', async () => {
    const h = await ready(1_000);
    const receipt = await h.bus.send('submitOrder', orderRequest({ clientOrderKey: 'click-0001-abcdef' }));
    expect(receipt).toEqual({ clientOrderKey: 'click-0001-abcdef', orderIds: [1_000], duplicate: false });
    expect(h.venue.placed).toHaveLength(1);
    expect(h.venue.placed[0]).toMatchObject([{ orderId: 1_000, transmit: true, record: { status: 'PendingSubmit', side: 'buy', quantity: 100, type: 'LMT', limitPrice: 450, role: 'single' } }]);
    expect(h.events.orderChanged?.at(-1)).toMatchObject({ orderId: 1_000, status: 'PendingSubmit', source: 'ticket', requestedBy: 'trader via test' });
    expect(h.store.orders.get(1_000)?.status).toBe('PendingSubmit');
    expect(h.store.rows('order submitted (single)')).toEqual([expect.objectContaining({ who: 'trader via test', why: 'test order', orderId: 1_000 })]);
    expect(h.store.idFloor).toBeGreaterThan(1_000);
  });

  test('places a bracket whole: parent, profit taker and stop with parentId, one OCA group, transmitting only with the last', async () => {
    const h = await ready(50);
    const receipt = await h.bus.send('submitOrder', orderRequest({ type: 'LMT', limitPrice: 450, bracket: { takeProfitPrice: 455, stopLossPrice: 445 } }));
    expect(receipt.orderIds).toEqual([50, 51, 52]);
    const [parent, profit, stop] = h.venue.placed[0]!;
    expect(parent).toMatchObject({ orderId: 50, transmit: false, record: { role: 'parent', side: 'buy', type: 'LMT', parentId: null } });
    expect(profit).toMatchObject({ orderId: 51, transmit: false, record: { role: 'takeProfit', side: 'sell', type: 'LMT', limitPrice: 455, parentId: 50 } });
    expect(stop).toMatchObject({ orderId: 52, transmit: true, record: { role: 'stopLoss', side: 'sell', type: 'STP', stopPrice: 445, limitPrice: null, parentId: 50 } });
    expect(profit!.record.ocaGroup).toBeTruthy();
    expect(stop!.record.ocaGroup).toBe(profit!.record.ocaGroup);
  });

  test('places a market-on-close bracket whole: limit entry, MOC exit and stop under the parent, one OCA group, transmitting only with the last', async () => {
    const h = await ready(60);
    const receipt = await h.bus.send('submitOrder', orderRequest({ type: 'LMT', limitPrice: 450, bracket: { exitAtClose: 'MOC', stopLossPrice: 445 } }));
    expect(receipt.orderIds).toEqual([60, 61, 62]);
    const [parent, close, stop] = h.venue.placed[0]!;
    expect(parent).toMatchObject({ orderId: 60, transmit: false, record: { role: 'parent', side: 'buy', type: 'LMT', limitPrice: 450, parentId: null } });
    expect(close).toMatchObject({ orderId: 61, transmit: false, record: { role: 'exitAtClose', side: 'sell', type: 'MOC', limitPrice: null, stopPrice: null, quantity: 100, parentId: 60 } });
    expect(stop).toMatchObject({ orderId: 62, transmit: true, record: { role: 'stopLoss', side: 'sell', type: 'STP', stopPrice: 445, parentId: 60 } });
    expect(close!.record.ocaGroup).toBeTruthy();
    expect(stop!.record.ocaGroup).toBe(close!.record.ocaGroup);
  });

  test('judges every leg of a market-on-close bracket: an MOC exit on an option is refused, and the legs count as three open orders', async () => {
    const h = await ready();
    const optionBracket = orderRequest({ instrument: SPY_CALL, limitPrice: 2.5, bracket: { exitAtClose: 'MOC', stopLossPrice: 1.5 } });
    expect((await denialOf(h.bus.send('submitOrder', optionBracket))).denial.code).toBe('OPTION_MARKET_ORDER');
    const tight = await startManager(new MemoryExecutionStore(), { ...relaxedRiskLimits(), maxOpenOrders: 2 });
    await tight.connect(1);
    const bracket = orderRequest({ bracket: { exitAtClose: 'MOC', stopLossPrice: 445 } });
    expect(await tight.bus.send('checkOrder', bracket)).toMatchObject({ passed: false, code: 'OPEN_ORDERS' });
    expect(await tight.bus.send('checkOrder', orderRequest())).toEqual({ passed: true });
  });

  test('refuses a market-on-close bracket whose stop is on the wrong side of the entry, naming the problem', async () => {
    const h = await ready();
    const denial = await denialOf(h.bus.send('submitOrder', orderRequest({ side: 'buy', limitPrice: 450, bracket: { exitAtClose: 'MOC', stopLossPrice: 451 } })));
    expect(denial.denial).toMatchObject({ code: 'INVALID_ORDER', message: expect.stringContaining('the stop must be below the entry limit') });
    expect(h.venue.placed).toHaveLength(0);
  });

  test('refuses a bracket of neither shape, saying the two it may take', async () => {
    const h = await ready();
    const bracket = { exitAtClose: 'MOO', stopLossPrice: 445 } as unknown as OrderRequest['bracket'];
    const denial = await denialOf(h.bus.send('submitOrder', orderRequest({ bracket })));
    expect(denial.denial).toMatchObject({ code: 'INVALID_ORDER', message: expect.stringContaining('a bracket is { takeProfitPrice, stopLossPrice } or { exitAtClose: "MOC", stopLossPrice }') });
    expect(h.venue.placed).toHaveLength(0);
  });

  test('a double submit with one client order key places once and answers the first receipt with duplicate: true', async () => {
    const h = await ready();
    const request = orderRequest({ clientOrderKey: 'double-click-1234' });
    const [a, b] = await Promise.all([h.bus.send('submitOrder', request), h.bus.send('submitOrder', request)]);
    const c = await h.bus.send('submitOrder', request);
    expect(h.venue.placed).toHaveLength(1);
    expect(a.duplicate).toBe(false);
    expect(b).toEqual({ ...a, duplicate: true });
    expect(c).toEqual({ ...a, duplicate: true });
  });

  test('a submit repeated after an engine restart places nothing and answers the first receipt', async () => {
    const store = new MemoryExecutionStore();
    const first = await startManager(store);
    await first.connect(10);
    const request = orderRequest({ clientOrderKey: 'retry-after-restart' });
    const receipt = await first.bus.send('submitOrder', request);
    await first.manager.stop();
    const second = await startManager(store);
    await second.connect(10);
    expect(await second.bus.send('submitOrder', request)).toEqual({ ...receipt, duplicate: true });
    expect(second.venue.placed).toHaveLength(0);
  });

  test('never reuses an id after a restart, though the venue’s nextValidId is lower than the ids used', async () => {
    const store = new MemoryExecutionStore();
    const first = await startManager(store);
    await first.connect(10);
    const used = [...(await first.bus.send('submitOrder', orderRequest())).orderIds, ...(await first.bus.send('submitOrder', orderRequest({ bracket: { takeProfitPrice: 460, stopLossPrice: 440 } }))).orderIds];
    await first.manager.stop();
    const second = await startManager(store);
    await second.connect(1);
    const next = (await second.bus.send('submitOrder', orderRequest())).orderIds;
    expect(Math.min(...next)).toBeGreaterThan(Math.max(...used));
  });

  test('never reuses an id after a reconnect whose nextValidId is lower than the last used', async () => {
    const h = await ready(300);
    const before = (await h.bus.send('submitOrder', orderRequest())).orderIds[0]!;
    h.venue.disconnect();
    await h.connect(5);
    const after = (await h.bus.send('submitOrder', orderRequest())).orderIds[0]!;
    expect(after).toBeGreaterThan(before);
  });

  test('stopped and started again (a module restart), it serves the commands again and still knows its orders and keys', async () => {
    const h = await ready(10);
    const request = orderRequest({ clientOrderKey: 'module-restart-01' });
    const receipt = await h.bus.send('submitOrder', request);
    await h.manager.stop();
    await expect(h.bus.send('submitOrder', request)).rejects.toThrow(/no service handles submitOrder/);
    await h.manager.start();
    await h.connect(10);
    expect(await h.bus.send('submitOrder', request)).toEqual({ ...receipt, duplicate: true });
    expect((await h.bus.send('submitOrder', orderRequest())).orderIds[0]).toBeGreaterThan(receipt.orderIds[0]!);
  });

  test('denies STORE_UNAVAILABLE and places nothing when no id is recorded and the store cannot record one', async () => {
    const store = new MemoryExecutionStore();
    store.floorUnwritable = true;
    const h = await startManager(store);
    await h.connect(10);
    const request = orderRequest();
    const error = await denialOf(h.bus.send('submitOrder', request));
    expect(error.denial.code).toBe('STORE_UNAVAILABLE');
    expect(error.message).toMatch(/order id could not be recorded/);
    expect(h.venue.placed).toHaveLength(0);
    expect(h.events.orderDenied).toEqual([expect.objectContaining({ request, denial: error.denial })]);
    store.floorUnwritable = false;
    expect((await h.bus.send('submitOrder', request)).duplicate).toBe(false); // a denied key may be sent again
  });

  test('a HALTED engine denies with HALTED, publishes orderDenied and audits it with what the checks saw; nothing reaches the venue', async () => {
    const h = await ready();
    h.setTradingState('HALTED');
    const request = orderRequest();
    const error = await denialOf(h.bus.send('submitOrder', request));
    expect(error.denial.code).toBe('HALTED');
    const seen = expect.objectContaining({ tradingState: { state: 'HALTED', reason: expect.any(String) }, venue: { ready: true, reconciled: true }, orders: [expect.objectContaining({ position: 0, working: 0 })] });
    expect(h.events.orderDenied?.[0]).toMatchObject({ request, denial: { code: 'HALTED' }, inputs: seen });
    expect(h.store.rows('order denied')[0]).toMatchObject({ who: 'trader via test', why: expect.stringMatching(/^HALTED: Trading is HALTED/), inputs: { request, seen } });
    expect(h.venue.placed).toHaveLength(0);
  });

  test('before the venue is ready orders are denied VENUE_NOT_READY, and until reconciliation is done NOT_RECONCILED', async () => {
    const h = await startManager();
    expect((await denialOf(h.bus.send('submitOrder', orderRequest()))).denial.code).toBe('VENUE_NOT_READY');
    let answer!: (s: { openOrders: never[]; fills: never[]; positions: never[] }) => void;
    h.venue.snapshotAnswer = () => new Promise((resolve) => (answer = resolve));
    h.venue.connect(10);
    expect((await denialOf(h.bus.send('submitOrder', orderRequest()))).denial.code).toBe('NOT_RECONCILED');
    answer({ openOrders: [], fills: [], positions: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect((await h.bus.send('submitOrder', orderRequest())).orderIds).toEqual([10]);
  });

  test('the connection lost after trading: new orders are refused until it is back and reconciled again', async () => {
    const h = await startManager();
    await h.connect(10);
    expect((await h.bus.send('submitOrder', orderRequest())).orderIds).toEqual([10]);
    h.venue.disconnect();
    expect((await denialOf(h.bus.send('submitOrder', orderRequest()))).denial.code).toBe('VENUE_NOT_READY');
    let answer!: (s: { openOrders: never[]; fills: never[]; positions: never[] }) => void;
    h.venue.snapshotAnswer = () => new Promise((resolve) => (answer = resolve));
    h.venue.connect(20);
    expect((await denialOf(h.bus.send('submitOrder', orderRequest()))).denial.code).toBe('NOT_RECONCILED');
    answer({ openOrders: [], fills: [], positions: [] });
    await new Promise((r) => setTimeout(r, 0));
    expect((await h.bus.send('submitOrder', orderRequest())).orderIds).toEqual([20]);
  });

  test('the gate sees what the manager keeps: the latest quote, and the orders it placed moments ago', async () => {
    const h = await startManager(new MemoryExecutionStore(), { ...relaxedRiskLimits(), maxStaleDataSeconds: 5, duplicateWindowSeconds: 5 });
    await h.connect(10);
    h.bus.publish('quoteChanged', { ...emptyQuote('SPY'), bid: 449, ask: 450, last: 449.5, ts: h.clock.now - 6_000 });
    expect((await denialOf(h.bus.send('submitOrder', orderRequest()))).denial.code).toBe('STALE_DATA');
    h.bus.publish('quoteChanged', { ...emptyQuote('SPY'), bid: 449, ask: 450, last: 449.5, ts: h.clock.now });
    await h.bus.send('submitOrder', orderRequest());
    const again = await denialOf(h.bus.send('submitOrder', orderRequest()));
    expect(again.denial).toMatchObject({ code: 'DUPLICATE_ORDER', message: expect.stringMatching(/^The same order \(buy SPY at \d/) });
    h.clock.now += 5_000;
    h.bus.publish('quoteChanged', { ...emptyQuote('SPY'), bid: 449, ask: 450, last: 449.5, ts: h.clock.now });
    expect((await h.bus.send('submitOrder', orderRequest())).duplicate).toBe(false);
  });

  test('refuses an invalid order from any source with INVALID_ORDER, naming the problem', async () => {
    const h = await ready();
    const error = await denialOf(h.bus.send('submitOrder', orderRequest({ type: 'STP', limitPrice: undefined })));
    expect(error.denial).toMatchObject({ code: 'INVALID_ORDER', message: expect.stringMatching(/stopPrice: a STP order needs a stop price/) });
    const bracket = await denialOf(h.bus.send('submitOrder', orderRequest({ type: 'STP', limitPrice: undefined, stopPrice: 440, bracket: { takeProfitPrice: 460, stopLossPrice: 430 } })));
    expect(bracket.denial.message).toMatch(/bracket's entry must be LMT or MKT/);
  });

  test('an order the venue cannot take (its socket is gone) is recorded Rejected, saying it was not sent', async () => {
    const h = await ready();
    h.venue.broken = new Error('Not connected');
    const { orderIds } = await h.bus.send('submitOrder', orderRequest());
    expect(h.events.orderChanged?.at(-1)).toMatchObject({ orderId: orderIds[0], status: 'Rejected', message: 'not sent to the broker: Not connected' });
  });

  test('a preview asks the venue’s what-if under a fresh id, and works while HALTED', async () => {
    const h = await ready(77);
    h.setTradingState('HALTED');
    const preview = await h.bus.send('previewOrder', orderRequest());
    expect(preview.initMarginChange).toBe(1000);
    expect(h.venue.previewed).toEqual([expect.objectContaining({ orderId: 77 })]);
    expect(h.venue.placed).toHaveLength(0);
    h.setTradingState('ACTIVE');
    expect((await h.bus.send('submitOrder', orderRequest())).orderIds).toEqual([78]);
  });
});

describe('order manager: checking an order without sending it (a proposal’s pre-check)', () => {
  test('answers pass, or the gate’s denial, and sends, records, publishes and audits nothing', async () => {
    const h = await ready();
    const bracket = orderRequest({ clientOrderKey: 'proposal-zeroDte-SPY-1', type: 'LMT', limitPrice: 450, bracket: { takeProfitPrice: 455, stopLossPrice: 445 } });
    expect(await h.bus.send('checkOrder', bracket)).toEqual({ passed: true });
    h.setTradingState('HALTED');
    expect(await h.bus.send('checkOrder', bracket)).toMatchObject({ passed: false, code: 'HALTED', message: expect.stringContaining('HALTED') });
    expect(await h.bus.send('checkOrder', orderRequest({ quantity: -1 }))).toMatchObject({ passed: false, code: 'INVALID_ORDER' });
    expect(h.venue.placed).toHaveLength(0);
    expect(h.store.orders.size).toBe(0);
    expect(h.events.orderDenied ?? []).toHaveLength(0);
    expect(h.store.rows('order denied')).toHaveLength(0);
    // The key was only checked: submitting it now is a first submit, not a duplicate.
    h.setTradingState('ACTIVE');
    expect(await h.bus.send('submitOrder', bracket)).toMatchObject({ duplicate: false });
  });
});

describe('order manager: changing, cancelling, closing', () => {
  test('a modify re-places the order under its own id with the new price, audited', async () => {
    const h = await ready(20);
    await h.bus.send('submitOrder', orderRequest());
    h.venue.status(20, 'Submitted');
    const changed = await h.bus.send('modifyOrder', { orderId: 20, limitPrice: 449.5, quantity: 150, requestedBy: 'trader' });
    expect(changed).toMatchObject({ orderId: 20, limitPrice: 449.5, quantity: 150, status: 'Submitted' });
    expect(h.venue.modified).toEqual([expect.objectContaining({ orderId: 20, transmit: true, record: expect.objectContaining({ limitPrice: 449.5, quantity: 150 }) })]);
    expect(h.store.rows('modify requested')[0]?.why).toBe('quantity 100 → 150, limit 450 → 449.5');
  });

  test('a modify is refused for an unknown order, a finished one, a price the order type lacks and a quantity below what filled', async () => {
    const h = await ready(20);
    await h.bus.send('submitOrder', orderRequest());
    h.venue.status(20, 'Submitted', 60, 40, 450);
    expect((await denialOf(h.bus.send('modifyOrder', { orderId: 999, limitPrice: 1, requestedBy: 't' }))).denial.code).toBe('UNKNOWN_ORDER');
    expect((await denialOf(h.bus.send('modifyOrder', { orderId: 20, stopPrice: 440, requestedBy: 't' }))).denial.message).toMatch(/LMT: it has no stop price/);
    expect((await denialOf(h.bus.send('modifyOrder', { orderId: 20, quantity: 60, requestedBy: 't' }))).denial.message).toMatch(/has filled 60/);
    h.venue.status(20, 'Filled', 100, 0, 450);
    const finished = await denialOf(h.bus.send('modifyOrder', { orderId: 20, limitPrice: 451, requestedBy: 't' }));
    expect(finished.denial).toMatchObject({ code: 'NOT_MODIFIABLE', message: 'Order 20 is Filled: it can no longer be changed.' });
    expect(h.venue.modified).toHaveLength(0);
  });

  test('a modify in REDUCING may not make a reducing order go past flat', async () => {
    const h = await ready(20);
    h.venue.fill(5, SPY, 'buy', 100, 450);
    await h.bus.send('submitOrder', orderRequest({ side: 'sell', quantity: 50 }));
    h.setTradingState('REDUCING');
    expect(await h.bus.send('modifyOrder', { orderId: 20, quantity: 100, requestedBy: 't' })).toMatchObject({ quantity: 100 });
    expect((await denialOf(h.bus.send('modifyOrder', { orderId: 20, quantity: 101, requestedBy: 't' }))).denial.code).toBe('REDUCING_WOULD_INCREASE');
  });

  test('in REDUCING a bracket’s profit taker and stop count once (one OCA group): the stop may be moved, nothing more sold', async () => {
    const h = await ready(20);
    await h.bus.send('submitOrder', orderRequest({ quantity: 100, bracket: { takeProfitPrice: 460, stopLossPrice: 440 } })); // 20, 21, 22
    h.venue.status(20, 'Filled', 100, 0, 450);
    h.venue.fill(20, SPY, 'buy', 100, 450);
    h.setTradingState('REDUCING');
    expect(await h.bus.send('modifyOrder', { orderId: 22, stopPrice: 445, requestedBy: 't' })).toMatchObject({ stopPrice: 445 });
    const more = await denialOf(h.bus.send('submitOrder', orderRequest({ side: 'sell', quantity: 1, type: 'MKT', limitPrice: undefined })));
    expect(more.denial.message).toMatch(/already have 100 to sell working/);
  });

  test('a cancel passes even when HALTED and goes to the venue by id', async () => {
    const h = await ready(20);
    await h.bus.send('submitOrder', orderRequest());
    h.setTradingState('HALTED');
    expect(await h.bus.send('cancelOrder', { orderId: 20, requestedBy: 'trader', reason: 'changed my mind' })).toMatchObject({ orderId: 20 });
    expect(h.venue.cancelled).toEqual([20]);
    expect(h.store.rows('cancel requested')[0]).toMatchObject({ who: 'trader', why: 'changed my mind', orderId: 20 });
  });

  test('cancel all cancels each working order this engine placed, by id, and no finished or other client’s order', async () => {
    const h = await ready(20);
    await h.bus.send('submitOrder', orderRequest()); // 20
    await h.bus.send('submitOrder', orderRequest({ bracket: { takeProfitPrice: 460, stopLossPrice: 440 } })); // 21, 22, 23
    await h.bus.send('submitOrder', orderRequest()); // 24
    h.venue.status(24, 'Filled', 100, 0, 450);
    h.bus.publish('venueOrderReported', {
      venue: 'ibkr', orderId: 0, status: 'Submitted', filled: 0, remaining: 5, avgFillPrice: null, permId: 777, error: null, external: true, at: 0,
      order: { instrument: SPY, side: 'buy', quantity: 5, type: 'LMT', limitPrice: 400, stopPrice: null, tif: 'DAY', outsideRth: false, ocaGroup: null, parentId: null },
    });
    h.setTradingState('HALTED');
    expect(await h.bus.send('cancelAll', { requestedBy: 'kill switch', reason: 'flatten' })).toEqual({ cancelled: [20, 21, 22, 23] });
    expect(h.venue.cancelled).toEqual([20, 21, 22, 23]);
  });

  test('the global cancel is refused (NOT_CONFIRMED, audited) unless confirmed, and then asks the venue once', async () => {
    const h = await ready(20);
    await h.bus.send('submitOrder', orderRequest()); // 20
    const refused = await denialOf(h.bus.send('globalCancel', { requestedBy: 'trader', reason: 'clear the book', confirmed: false }));
    expect(refused.denial.code).toBe('NOT_CONFIRMED');
    expect(h.venue.globalCancels).toBe(0);
    expect(h.store.rows('global cancel denied')[0]).toMatchObject({ who: 'trader' });
    expect(await h.bus.send('globalCancel', { requestedBy: 'trader', reason: 'clear the book', confirmed: true })).toEqual({ cancelled: [20] });
    expect(h.venue.globalCancels).toBe(1);
    expect(h.store.rows('global cancel requested (reqGlobalCancel)')[0]).toMatchObject({ who: 'trader', why: 'clear the book' });
  });

  test('an order placed in TWS is shown read-only: modify and cancel are refused with NOT_MODIFIABLE', async () => {
    const h = await ready(20);
    h.bus.publish('venueOrderReported', {
      venue: 'ibkr', orderId: 3, status: 'Submitted', filled: 0, remaining: 5, avgFillPrice: null, permId: 888, error: null, external: true, at: 0,
      order: { instrument: SPY, side: 'sell', quantity: 5, type: 'LMT', limitPrice: 500, stopPrice: null, tif: 'GTC', outsideRth: false, ocaGroup: null, parentId: null },
    });
    expect(h.events.orderChanged?.at(-1)).toMatchObject({ orderId: 3, external: true, status: 'Submitted', permId: 888 });
    expect((await denialOf(h.bus.send('modifyOrder', { orderId: 3, limitPrice: 501, requestedBy: 't' }))).denial.code).toBe('NOT_MODIFIABLE');
    expect((await denialOf(h.bus.send('cancelOrder', { orderId: 3, requestedBy: 't', reason: '' }))).denial.message).toMatch(/placed in TWS or by another program/);
  });

  test('close position sends the whole quantity on the other side, MKT (or LMT), through the same gated path', async () => {
    const h = await ready(40);
    h.venue.fill(1, SPY, 'buy', 100, 450, { external: true });
    h.setTradingState('REDUCING');
    const receipt = await h.bus.send('closePosition', { instrumentKey: 'SPY', clientOrderKey: 'close-spy-0001', requestedBy: 'trader', reason: 'done for the day' });
    expect(h.venue.placed[0]).toEqual([expect.objectContaining({ orderId: receipt.orderIds[0], record: expect.objectContaining({ side: 'sell', quantity: 100, type: 'MKT', source: 'close', limitPrice: null }) })]);
    h.setTradingState('HALTED');
    expect((await denialOf(h.bus.send('closePosition', { instrumentKey: 'SPY', clientOrderKey: 'close-spy-0002', limitPrice: 451, requestedBy: 'trader', reason: '' }))).denial.code).toBe('HALTED');
    expect((await denialOf(h.bus.send('closePosition', { instrumentKey: 'QQQ', clientOrderKey: 'close-qqq-0001', requestedBy: 'trader', reason: '' }))).denial.code).toBe('NO_POSITION');
  });
});
