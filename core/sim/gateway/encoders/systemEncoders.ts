import type { FrameWriter } from '../wire/frameWriter';
import { IN } from '../protocol/messageIds';
import { V } from '../protocol/serverVersions';

export function encodeNextValidId(w: FrameWriter, _v: number, orderId: number): void {
  w.begin(IN.NEXT_VALID_ID).int(1).int(orderId).end();
}

export function encodeManagedAccounts(w: FrameWriter, _v: number, accounts: string[]): void {
  w.begin(IN.MANAGED_ACCTS).int(1).str(accounts.join(',')).end();
}

export interface ErrorView {
  id: number;
  code: number;
  message: string;
  advancedOrderRejectJson?: string;
}

/** Non-ASCII characters travel as \uXXXX escapes (ENCODE_MSG_ASCII7, all versions served here). */
function ascii7(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function encodeError(w: FrameWriter, v: number, e: ErrorView): void {
  w.begin(IN.ERR_MSG).int(2).int(e.id).int(e.code).str(ascii7(e.message));
  if (v >= V.ADVANCED_ORDER_REJECT) w.str(e.advancedOrderRejectJson ?? '');
  w.end();
}

export function encodeCurrentTime(w: FrameWriter, _v: number, epochSeconds: number): void {
  w.begin(IN.CURRENT_TIME).int(1).int(epochSeconds).end();
}

export function encodeMarketDataType(w: FrameWriter, _v: number, m: { reqId: number; type: number }): void {
  w.begin(IN.MARKET_DATA_TYPE).int(1).int(m.reqId).int(m.type).end();
}

export function encodeTickReqParams(
  w: FrameWriter,
  _v: number,
  m: { tickerId: number; minTick: number; bboExchange: string; snapshotPermissions: number },
): void {
  w.begin(IN.TICK_REQ_PARAMS).int(m.tickerId).num(m.minTick).str(m.bboExchange).int(m.snapshotPermissions).end();
}

export function encodeTickSnapshotEnd(w: FrameWriter, _v: number, reqId: number): void {
  w.begin(IN.TICK_SNAPSHOT_END).int(1).int(reqId).end();
}

export function encodeCompletedOrdersEnd(w: FrameWriter): void {
  w.begin(IN.COMPLETED_ORDERS_END).end();
}

export interface DepthExchangeView {
  exchange: string;
  secType: string;
  listingExch: string;
  serviceDataType: string;
  aggGroup: number;
}

export function encodeMktDepthExchanges(w: FrameWriter, _v: number, rows: DepthExchangeView[]): void {
  w.begin(IN.MKT_DEPTH_EXCHANGES).int(rows.length);
  for (const r of rows) w.str(r.exchange).str(r.secType).str(r.listingExch).str(r.serviceDataType).int(r.aggGroup);
  w.end();
}
