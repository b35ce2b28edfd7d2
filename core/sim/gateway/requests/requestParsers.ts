import { OUT } from '../protocol/messageIds';
import { FieldCursor, RequestParseError } from '../wire/fieldCursor';
import * as account from './accountParsers';
import * as md from './marketDataParsers';
import * as orders from './orderParsers';
import type { Request } from './requestTypes';

type Parser = (c: FieldCursor, v: number) => Request;

/** One parser per client message id; ids not listed here are answered with a clear "unsupported" error. */
export const REQUEST_PARSERS: ReadonlyMap<number, Parser> = new Map<number, Parser>([
  [OUT.START_API, account.parseStartApi],
  [OUT.REQ_IDS, orders.parseReqIds],
  [OUT.REQ_MKT_DATA, md.parseReqMktData],
  [OUT.CANCEL_MKT_DATA, md.parseCancelMktData],
  [OUT.REQ_MKT_DEPTH, md.parseReqMktDepth],
  [OUT.CANCEL_MKT_DEPTH, md.parseCancelMktDepth],
  [OUT.REQ_REAL_TIME_BARS, md.parseReqRealTimeBars],
  [OUT.CANCEL_REAL_TIME_BARS, md.parseCancelRealTimeBars],
  [OUT.REQ_CONTRACT_DATA, md.parseReqContractDetails],
  [OUT.REQ_SEC_DEF_OPT_PARAMS, md.parseReqSecDefOptParams],
  [OUT.REQ_HISTORICAL_DATA, md.parseReqHistoricalData],
  [OUT.CANCEL_HISTORICAL_DATA, md.parseCancelHistoricalData],
  [OUT.REQ_MARKET_DATA_TYPE, md.parseReqMarketDataType],
  [OUT.PLACE_ORDER, orders.parsePlaceOrder],
  [OUT.CANCEL_ORDER, orders.parseCancelOrder],
  [OUT.REQ_GLOBAL_CANCEL, orders.parseReqGlobalCancel],
  [OUT.REQ_OPEN_ORDERS, orders.parseReqOpenOrders],
  [OUT.REQ_ALL_OPEN_ORDERS, orders.parseReqAllOpenOrders],
  [OUT.REQ_AUTO_OPEN_ORDERS, orders.parseReqAutoOpenOrders],
  [OUT.REQ_EXECUTIONS, orders.parseReqExecutions],
  [OUT.REQ_COMPLETED_ORDERS, orders.parseReqCompletedOrders],
  [OUT.REQ_POSITIONS, account.parseReqPositions],
  [OUT.CANCEL_POSITIONS, account.parseCancelPositions],
  [OUT.REQ_ACCOUNT_SUMMARY, account.parseReqAccountSummary],
  [OUT.CANCEL_ACCOUNT_SUMMARY, account.parseCancelAccountSummary],
  [OUT.REQ_ACCOUNT_DATA, account.parseReqAccountUpdates],
  [OUT.REQ_ACCOUNT_UPDATES_MULTI, account.parseReqAccountUpdatesMulti],
  [OUT.CANCEL_ACCOUNT_UPDATES_MULTI, account.parseCancelAccountUpdatesMulti],
  [OUT.REQ_CURRENT_TIME, account.parseReqCurrentTime],
  [OUT.REQ_MANAGED_ACCTS, account.parseReqManagedAccts],
  [OUT.REQ_MKT_DEPTH_EXCHANGES, account.parseReqMktDepthExchanges],
]);

export type ParseOutcome =
  | { ok: true; request: Request }
  | { ok: false; msgId: number | undefined; reason: string; unsupported: boolean };

/** Parses one frame's fields; never throws. */
export function parseRequest(fields: readonly string[], serverVersion: number): ParseOutcome {
  const msgId = Number(fields[0]);
  if (!Number.isInteger(msgId)) return { ok: false, msgId: undefined, reason: `message id "${fields[0] ?? ''}" is not a number`, unsupported: false };
  const parser = REQUEST_PARSERS.get(msgId);
  if (!parser) return { ok: false, msgId, reason: `message id ${msgId} is not supported by the simulated gateway`, unsupported: true };
  try {
    return { ok: true, request: parser(new FieldCursor(fields, 1), serverVersion) };
  } catch (e) {
    if (e instanceof RequestParseError) return { ok: false, msgId, reason: e.message, unsupported: false };
    throw e;
  }
}
