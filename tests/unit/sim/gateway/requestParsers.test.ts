import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../../core/sim/gateway/requests/requestParsers';
import type { Request } from '../../../../core/sim/gateway/requests/requestTypes';

const require = createRequire(import.meta.url);
type StoqeyEncoder = Record<string, (...args: unknown[]) => void>;
const { Encoder } = require('@stoqey/ib/dist/core/io/encoder') as { Encoder: new (cb: object) => StoqeyEncoder };

/** What @stoqey/ib puts on the wire for one call at a server version (socket.send: flatten, booleans → 1/0, undefined → ""). */
function stoqeyTokens(serverVersion: number, call: (e: StoqeyEncoder) => void): string[] {
  let sent: unknown[] = [];
  const encoder = new Encoder({ serverVersion, sendMsg: (tokens: unknown[]) => (sent = tokens), emitError: (m: string) => { throw new Error(m); } });
  call(encoder);
  return (sent.flat(Infinity) as unknown[]).map((t) => (t === true ? '1' : t === false ? '0' : t === undefined || t === null ? '' : String(t)));
}

function parsed(fields: string[], v = 193): Request {
  const out = parseRequest(fields, v);
  if (!out.ok) throw new Error(out.reason);
  return out.request;
}

const SPY = { symbol: 'SPY', secType: 'STK', exchange: 'SMART', currency: 'USD' };

describe.each([157, 178, 193])('request parsers read what @stoqey/ib sends at server version %i', (v) => {
  it('reqMktData: reqId, contract and the generic tick list', () => {
    const r = parsed(stoqeyTokens(v, (e) => e.reqMktData!(101, SPY, '233,100', false, false)), v);
    expect(r).toMatchObject({ type: 'reqMktData', reqId: 101, contract: { symbol: 'SPY', secType: 'STK', exchange: 'SMART', strike: undefined }, genericTicks: [233, 100], snapshot: false });
  });

  it('reqMktDepth: rows and the SMART flag', () => {
    const r = parsed(stoqeyTokens(v, (e) => e.reqMktDepth!(7, { ...SPY, exchange: 'ARCA' }, 10, true, [])), v);
    expect(r).toMatchObject({ type: 'reqMktDepth', reqId: 7, numRows: 10, isSmartDepth: true, contract: { exchange: 'ARCA' } });
  });

  it('placeOrder: id, contract, action, quantity, type, prices, transmit and parent', () => {
    const order = { action: 'SELL', totalQuantity: 5, orderType: 'STP LMT', lmtPrice: 1.5, auxPrice: 1.6, tif: 'GTC', transmit: true, parentId: 40 };
    const r = parsed(stoqeyTokens(v, (e) => e.placeOrder!(41, { symbol: 'SPY', secType: 'OPT', lastTradeDateOrContractMonth: '20250117', strike: 590, right: 'C', exchange: 'SMART', currency: 'USD' }, order)), v);
    expect(r).toMatchObject({
      type: 'placeOrder',
      ticket: { orderId: 41, action: 'SELL', totalQuantity: 5, orderType: 'STP LMT', lmtPrice: 1.5, auxPrice: 1.6, tif: 'GTC', transmit: true, parentId: 40, contract: { strike: 590, right: 'C' } },
    });
  });

  it('placeOrder without transmit reads as not transmitted (stoqey sends "")', () => {
    const r = parsed(stoqeyTokens(v, (e) => e.placeOrder!(3, SPY, { action: 'BUY', totalQuantity: 1, orderType: 'MKT' })), v);
    expect(r).toMatchObject({ type: 'placeOrder', ticket: { transmit: false, lmtPrice: undefined } });
  });

  it('placeOrder: reads whatIf and ocaType from the long tail, past algo, hedge, delta-neutral and scale fields', () => {
    const plain = parsed(stoqeyTokens(v, (e) => e.placeOrder!(7, SPY, { action: 'BUY', totalQuantity: 10, orderType: 'MKT', transmit: true, whatIf: true })), v);
    expect(plain).toMatchObject({ type: 'placeOrder', ticket: { orderId: 7, whatIf: true, ocaType: 0 } });
    const busy = {
      action: 'SELL', totalQuantity: 10, orderType: 'LMT', lmtPrice: 5, transmit: true, ocaGroup: 'g1', ocaType: 2, whatIf: true,
      algoStrategy: 'Adaptive', algoParams: [{ tag: 'adaptivePriority', value: 'Normal' }, { tag: 'x', value: 'y' }],
      hedgeType: 'D', hedgeParam: '0.5', deltaNeutralOrderType: 'MKT', deltaNeutralAuxPrice: 1, exemptCode: -1,
      scaleInitLevelSize: 5, scaleSubsLevelSize: 5, scalePriceIncrement: 0.1, scalePriceAdjustValue: 0.1, scalePriceAdjustInterval: 60,
      scaleAutoReset: false, scaleRandomPercent: false, goodTillDate: '20250117 16:00:00', allOrNone: true, outsideRth: true,
    };
    const r = parsed(stoqeyTokens(v, (e) => e.placeOrder!(8, SPY, busy)), v);
    expect(r).toMatchObject({ type: 'placeOrder', ticket: { orderId: 8, whatIf: true, ocaType: 2, ocaGroup: 'g1', outsideRth: true, lmtPrice: 5 } });
    const notWhatIf = parsed(stoqeyTokens(v, (e) => e.placeOrder!(9, SPY, { ...busy, whatIf: false })), v);
    expect(notWhatIf).toMatchObject({ ticket: { whatIf: false, ocaType: 2 } });
  });

  it('reqExecutions: every filter field, the time and the exchange included', () => {
    const filter = { clientId: '3', acctCode: 'DU1234567', time: '20250106-14:35:00', symbol: 'AAPL', secType: 'STK', exchange: 'ARCA', side: 'BUY' };
    expect(parsed(stoqeyTokens(v, (e) => e.reqExecutions!(12, filter)), v)).toEqual({
      type: 'reqExecutions', reqId: 12, clientId: 3, account: 'DU1234567', time: '20250106-14:35:00', symbol: 'AAPL', secType: 'STK', exchange: 'ARCA', side: 'BUY',
    });
    expect(parsed(stoqeyTokens(v, (e) => e.reqExecutions!(13, {})), v)).toMatchObject({ reqId: 13, clientId: undefined, time: '', symbol: '' });
  });

  it('cancelOrder: the order id whether or not the version field is present', () => {
    expect(parsed(stoqeyTokens(v, (e) => e.cancelOrder!(1001, {})), v)).toEqual({ type: 'cancelOrder', orderId: 1001 });
  });

  it('reqGlobalCancel, reqContractDetails, reqHistoricalData, reqRealTimeBars and reqSecDefOptParams', () => {
    expect(parsed(stoqeyTokens(v, (e) => e.reqGlobalCancel!({})), v)).toEqual({ type: 'reqGlobalCancel' });
    expect(parsed(stoqeyTokens(v, (e) => e.reqContractDetails!(2, { conId: 756733 })), v)).toMatchObject({ type: 'reqContractDetails', reqId: 2, contract: { conId: 756733 } });
    expect(parsed(stoqeyTokens(v, (e) => e.reqHistoricalData!(9, SPY, '', '1 D', '5 mins', 'TRADES', 1, 2, false, [])), v)).toMatchObject({
      type: 'reqHistoricalData', reqId: 9, duration: '1 D', barSize: '5 mins', whatToShow: 'TRADES', useRTH: true, formatDate: 2,
    });
    expect(parsed(stoqeyTokens(v, (e) => e.reqRealTimeBars!(8, SPY, 5, 'MIDPOINT', false, [])), v)).toMatchObject({ type: 'reqRealTimeBars', reqId: 8, whatToShow: 'MIDPOINT', useRTH: false });
    expect(parsed(stoqeyTokens(v, (e) => e.reqSecDefOptParams!(3, 'SPY', '', 'STK', 756733)), v)).toEqual({
      type: 'reqSecDefOptParams', reqId: 3, symbol: 'SPY', futFopExchange: '', underlyingSecType: 'STK', underlyingConId: 756733,
    });
  });
});

describe('request parsers and the reference token layouts', () => {
  it('read the reference reqMktData example', () => {
    const fields = '1|11|101||SPY|STK|||||SMART||USD|||0|233,100,101|0|0|'.split('|');
    expect(parsed(fields)).toMatchObject({ reqId: 101, contract: { conId: 0, symbol: 'SPY' }, genericTicks: [233, 100, 101] });
  });

  it('treat the Java client sentinels (0.0 strike, MAX double, MAX int) as unset', () => {
    const fields = ['3', '5', '0', 'AAPL', 'STK', '', '0.0', '', '', 'SMART', '', 'USD', '', '', '', '', 'BUY', '100', 'LMT', '190.5', '1.7976931348623157E308', 'DAY', '', '', '', '0', '', '1', '0', '0', '0', '2147483647', '0', '0', '0'];
    const r = parsed(fields);
    expect(r).toMatchObject({ type: 'placeOrder', ticket: { orderId: 5, lmtPrice: 190.5, auxPrice: undefined, transmit: true, contract: { strike: 0 } } });
  });

  it('read the version field that placeOrder carries below server version 145', () => {
    const r = parsed(stoqeyTokens(140, (e) => e.placeOrder!(21, SPY, { action: 'BUY', totalQuantity: 3, orderType: 'LMT', lmtPrice: 2, transmit: true, whatIf: true })), 140);
    expect(r).toMatchObject({ type: 'placeOrder', ticket: { orderId: 21, totalQuantity: 3, lmtPrice: 2, whatIf: true } });
  });

  it('read the v192+ cancelOrder and reqGlobalCancel tokens from the reference', () => {
    expect(parsed('4|1001|||2147483647'.split('|'))).toEqual({ type: 'cancelOrder', orderId: 1001 });
    expect(parsed('4|1|1001|'.split('|'), 178)).toEqual({ type: 'cancelOrder', orderId: 1001 });
    expect(parsed('58||2147483647'.split('|'))).toEqual({ type: 'reqGlobalCancel' });
  });

  it('report a short or non-numeric message as a read error instead of throwing', () => {
    expect(parseRequest(['1', '11', 'abc'], 193)).toMatchObject({ ok: false, unsupported: false });
    expect(parseRequest(['10', '5', '1'], 193)).toMatchObject({ ok: false, reason: expect.stringContaining('missing field') });
    expect(parseRequest(['x'], 193)).toMatchObject({ ok: false, reason: expect.stringContaining('not a number') });
  });

  it('report an unknown message id as unsupported', () => {
    expect(parseRequest(['999'], 193)).toMatchObject({ ok: false, unsupported: true, msgId: 999 });
  });
});
