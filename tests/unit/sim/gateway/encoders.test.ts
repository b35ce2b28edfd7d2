import { describe, expect, it } from 'vitest';
import * as account from '../../../../core/sim/gateway/encoders/accountEncoders';
import * as bars from '../../../../core/sim/gateway/encoders/barEncoders';
import * as contract from '../../../../core/sim/gateway/encoders/contractEncoders';
import * as depth from '../../../../core/sim/gateway/encoders/depthEncoders';
import * as orders from '../../../../core/sim/gateway/encoders/orderEncoders';
import * as system from '../../../../core/sim/gateway/encoders/systemEncoders';
import * as tick from '../../../../core/sim/gateway/encoders/tickEncoders';
import type { FrameWriter } from '../../../../core/sim/gateway/wire/frameWriter';
import { decodeWithStoqey, fieldsOf } from './fixtures/stoqeyDecode';
import { EXECUTION, OPEN_ORDER, OPTION_DETAILS, SPY_CONTRACT } from './fixtures/wireSamples';

interface Case {
  name: string;
  write: (w: FrameWriter, v: number) => void;
  /** The exact fields expected at a version. */
  fields: (v: number) => string[];
  event: string;
}

const MAX = '1.7976931348623157E308';
const fieldCount = (v: number, counts: Record<number, number>): number => counts[v]!;

const CASES: Case[] = [
  { name: 'NEXT_VALID_ID', write: (w, v) => system.encodeNextValidId(w, v, 41), fields: () => ['9', '1', '41'], event: 'nextValidId' },
  { name: 'MANAGED_ACCTS', write: (w, v) => system.encodeManagedAccounts(w, v, ['DU1', 'DU2']), fields: () => ['15', '1', 'DU1,DU2'], event: 'managedAccounts' },
  {
    name: 'ERR_MSG',
    write: (w, v) => system.encodeError(w, v, { id: 7, code: 200, message: 'No security definition' }),
    fields: (v) => ['4', '2', '7', '200', 'No security definition', ...(v >= 166 ? [''] : [])],
    event: 'error',
  },
  { name: 'CURRENT_TIME', write: (w, v) => system.encodeCurrentTime(w, v, 1736173800), fields: () => ['49', '1', '1736173800'], event: 'currentTime' },
  { name: 'MARKET_DATA_TYPE', write: (w, v) => system.encodeMarketDataType(w, v, { reqId: 5, type: 3 }), fields: () => ['58', '1', '5', '3'], event: 'marketDataType' },
  {
    name: 'TICK_REQ_PARAMS',
    write: (w, v) => system.encodeTickReqParams(w, v, { tickerId: 5, minTick: 0.01, bboExchange: '9c0001', snapshotPermissions: 3 }),
    fields: () => ['81', '5', '0.01', '9c0001', '3'],
    event: 'tickReqParams',
  },
  { name: 'TICK_PRICE', write: (w) => tick.encodeTickPrice(w, 5, 1, 590.01, 300, 1), fields: () => ['1', '6', '5', '1', '590.01', '300', '1'], event: 'tickPrice' },
  { name: 'TICK_SIZE', write: (w) => tick.encodeTickSize(w, 5, 0, 300), fields: () => ['2', '6', '5', '0', '300'], event: 'tickSize' },
  {
    name: 'TICK_STRING',
    write: (w) => tick.encodeTickString(w, 5, 48, tick.rtVolumeText(590.02, 100, 1736173800123, 5000, 590.011234567, true)),
    fields: () => ['46', '6', '5', '48', '590.02;100;1736173800123;5000;590.011235;true'],
    event: 'tickString',
  },
  { name: 'TICK_GENERIC', write: (w) => tick.encodeTickGeneric(w, 5, 49, 0), fields: () => ['45', '6', '5', '49', '0'], event: 'tickGeneric' },
  {
    name: 'TICK_OPTION_COMPUTATION',
    write: (w) => tick.encodeTickOptionComputation(w, 5, 13, { tickAttrib: 1, impliedVol: 0.18, delta: 0.52, optPrice: 7.1, pvDividend: 0, gamma: 0.03, vega: 0.4, theta: -0.2, undPrice: 590 }),
    fields: () => ['21', '5', '13', '1', '0.18', '0.52', '7.1', '0', '0.03', '0.4', '-0.2', '590'],
    event: 'tickOptionComputation',
  },
  {
    name: 'MARKET_DEPTH',
    write: (w) => depth.encodeMarketDepth(w, 6, 0, 0, 1, 589.99, 400),
    fields: () => ['12', '1', '6', '0', '0', '1', '589.99', '400'],
    event: 'updateMktDepth',
  },
  {
    name: 'MARKET_DEPTH_L2',
    write: (w) => depth.encodeMarketDepthL2(w, 6, 0, 'ARCA', 0, 1, 589.99, 400, true),
    fields: () => ['13', '1', '6', '0', 'ARCA', '0', '1', '589.99', '400', '1'],
    event: 'updateMktDepthL2',
  },
  {
    name: 'REAL_TIME_BARS',
    write: (w, v) => bars.encodeRealTimeBar(w, v, { reqId: 8, time: 1736173800, open: 1, high: 2, low: 0.5, close: 1.5, volume: 900, wap: 1.2, count: 7 }),
    fields: () => ['50', '3', '8', '1736173800', '1', '2', '0.5', '1.5', '900', '1.2', '7'],
    event: 'realtimeBar',
  },
  {
    name: 'HISTORICAL_DATA',
    write: (w, v) => bars.encodeHistoricalData(w, v, { reqId: 9, start: 'a', end: 'b', bars: [{ date: '1736173800', open: 1, high: 2, low: 0.5, close: 1.5, volume: 900, wap: 1.2, count: 7 }] }),
    fields: () => ['17', '9', 'a', 'b', '1', '1736173800', '1', '2', '0.5', '1.5', '900', '1.2', '7'],
    event: 'historicalData',
  },
  {
    name: 'SECDEF_OPT_PARAM',
    write: (w, v) => contract.encodeSecDefOptParam(w, v, { reqId: 3, row: { exchange: 'CBOE', underlyingConId: 756733, tradingClass: 'SPY', multiplier: '100', expirations: ['20250117'], strikes: [585, 590] } }),
    fields: () => ['75', '3', 'CBOE', '756733', 'SPY', '100', '1', '20250117', '2', '585', '590'],
    event: 'securityDefinitionOptionParameter',
  },
  { name: 'SECDEF_OPT_PARAM_END', write: (w, v) => contract.encodeSecDefOptParamEnd(w, v, 3), fields: () => ['76', '3'], event: 'securityDefinitionOptionParameterEnd' },
  { name: 'CONTRACT_DATA_END', write: (w, v) => contract.encodeContractDataEnd(w, v, 2), fields: () => ['52', '1', '2'], event: 'contractDetailsEnd' },
  {
    name: 'ORDER_STATUS',
    write: (w, v) => orders.encodeOrderStatus(w, v, { orderId: 12, status: 'Filled', filled: 100, remaining: 0, avgFillPrice: 589.5, permId: 1000001, parentId: 0, lastFillPrice: 589.5, clientId: 3, whyHeld: '', mktCapPrice: 0 }),
    fields: () => ['3', '12', 'Filled', '100', '0', '589.5', '1000001', '0', '589.5', '3', '', '0'],
    event: 'orderStatus',
  },
  {
    name: 'EXECUTION_DATA',
    write: (w, v) => orders.encodeExecution(w, v, EXECUTION),
    fields: (v) => [
      '11', '-1', '12', '756733', 'SPY', 'STK', '', '0', '', '', 'SMART', 'USD', 'SPY', 'SPY', '0000e0d5.00000001.01.01',
      '20250106 09:30:01 US/Eastern', 'DU1234567', 'ARCA', 'BOT', '100', '589.5', '1000001', '3', '0', '100', '589.5', 'ref', '', '', '', '2',
      ...(v >= 178 ? ['0'] : []),
    ],
    event: 'execDetails',
  },
  {
    name: 'COMMISSION_REPORT',
    write: (w, v) => orders.encodeCommissionReport(w, v, { execId: 'x1', commission: 1, currency: 'USD', realizedPnl: undefined }),
    fields: () => ['59', '1', 'x1', '1', 'USD', MAX, MAX, ''],
    event: 'commissionReport',
  },
  { name: 'OPEN_ORDER_END', write: (w) => orders.encodeOpenOrderEnd(w), fields: () => ['53', '1'], event: 'openOrderEnd' },
  {
    name: 'POSITION',
    write: (w, v) => account.encodePosition(w, v, { account: 'DU1', contract: SPY_CONTRACT, position: 100, avgCost: 589.5 }),
    fields: () => ['61', '3', 'DU1', '756733', 'SPY', 'STK', '', '0', '', '', 'SMART', 'USD', 'SPY', 'SPY', '100', '589.5'],
    event: 'position',
  },
  { name: 'POSITION_END', write: (w) => account.encodePositionEnd(w), fields: () => ['62', '1'], event: 'positionEnd' },
  {
    name: 'ACCOUNT_SUMMARY',
    write: (w, v) => account.encodeAccountSummary(w, v, { reqId: 10, account: 'DU1', tag: 'NetLiquidation', value: '1000000.00', currency: 'USD' }),
    fields: () => ['63', '1', '10', 'DU1', 'NetLiquidation', '1000000.00', 'USD'],
    event: 'accountSummary',
  },
  { name: 'ACCOUNT_SUMMARY_END', write: (w, v) => account.encodeAccountSummaryEnd(w, v, 10), fields: () => ['64', '1', '10'], event: 'accountSummaryEnd' },
  {
    name: 'ACCT_VALUE',
    write: (w, v) => account.encodeAccountValue(w, v, { key: 'NetLiquidation', value: '1', currency: 'USD', account: 'DU1' }),
    fields: () => ['6', '2', 'NetLiquidation', '1', 'USD', 'DU1'],
    event: 'updateAccountValue',
  },
  {
    name: 'PORTFOLIO_VALUE',
    write: (w, v) => account.encodePortfolioValue(w, v, { account: 'DU1', contract: SPY_CONTRACT, position: 100, avgCost: 589.5, marketPrice: 590, marketValue: 59000, unrealizedPnl: 50, realizedPnl: 0 }),
    fields: () => ['7', '8', '756733', 'SPY', 'STK', '', '0', '', '', 'ARCA', 'USD', 'SPY', 'SPY', '100', '590', '59000', '589.5', '50', '0', 'DU1'],
    event: 'updatePortfolio',
  },
  { name: 'ACCT_UPDATE_TIME', write: (w, v) => account.encodeAccountUpdateTime(w, v, '09:30'), fields: () => ['8', '1', '09:30'], event: 'updateAccountTime' },
  { name: 'ACCT_DOWNLOAD_END', write: (w, v) => account.encodeAccountDownloadEnd(w, v, 'DU1'), fields: () => ['54', '1', 'DU1'], event: 'accountDownloadEnd' },
  { name: 'COMPLETED_ORDERS_END', write: (w) => system.encodeCompletedOrdersEnd(w), fields: () => ['102'], event: 'completedOrdersEnd' },
];

describe.each([157, 178, 193])('encoders at server version %i', (v) => {
  it.each(CASES)('$name has the reference field layout and @stoqey/ib decodes it cleanly', (c) => {
    expect(fieldsOf((w) => c.write(w, v))).toEqual([c.fields(v)]);
    const decoded = decodeWithStoqey(v, (w) => c.write(w, v));
    expect(decoded.errors.filter((e) => e.code === 505 || /underrun|unprocessed/i.test(e.message))).toEqual([]);
    expect(decoded.events.map((e) => e.name)).toContain(c.event);
  });

  it('OPEN_ORDER has the version-gated field count (120 at 157, 127 at 178, 133 at 193) with the status where the decoder reads it', () => {
    const [fields] = fieldsOf((w) => orders.encodeOpenOrder(w, v, OPEN_ORDER));
    expect(fields!.length).toBe(fieldCount(v, { 157: 120, 178: 127, 193: 133 }));
    const decoded = decodeWithStoqey(v, (w) => orders.encodeOpenOrder(w, v, OPEN_ORDER));
    expect(decoded.errors).toEqual([]);
    const [orderId, c, order, state] = decoded.events.find((e) => e.name === 'openOrder')!.args as [number, { symbol: string }, { lmtPrice: number; totalQuantity: number }, { status: string }];
    expect([orderId, c.symbol, order.lmtPrice, order.totalQuantity, state.status]).toEqual([12, 'SPY', 589.5, 100, 'Submitted']);
  });

  it('CONTRACT_DATA carries the version field before 164, lastTradeDate from 182 and is read back whole', () => {
    const [fields] = fieldsOf((w) => contract.encodeContractData(w, v, { reqId: 2, details: OPTION_DETAILS }));
    expect(fields!.length).toBe(fieldCount(v, { 157: 39, 178: 40, 193: 42 }));
    expect(fields![1]).toBe(v < 164 ? '8' : '2');
    const decoded = decodeWithStoqey(v, (w) => contract.encodeContractData(w, v, { reqId: 2, details: OPTION_DETAILS }));
    expect(decoded.errors).toEqual([]);
    const [reqId, d] = decoded.events[0]!.args as [number, { contract: { conId: number; strike: number; lastTradeDate?: string }; underConId: number }];
    expect([reqId, d.contract.conId, d.contract.strike, d.underConId]).toEqual([2, 900001, 590, 756733]);
    expect(d.contract.lastTradeDate).toBe(v >= 182 ? '20250117' : undefined);
  });
});

describe('frame writer', () => {
  it('terminates every field with NUL and prefixes the big-endian payload length', () => {
    const [frame] = fieldsOf((fw) => fw.begin(49).int(1).int(-42).num(0.5).str('').end());
    expect(frame).toEqual(['49', '1', '-42', '0.5', '']);
  });

  it('adds or removes one field on a frame in garbage mode', () => {
    const extra = fieldsOf((w) => {
      w.skew = 1;
      tick.encodeTickSize(w, 1, 0, 100);
    });
    const short = fieldsOf((w) => {
      w.skew = -1;
      tick.encodeTickSize(w, 1, 0, 100);
    });
    expect(extra[0]).toEqual(['2', '6', '1', '0', '100', '']);
    expect(short[0]).toEqual(['2', '6', '1', '0']);
  });
});
