import type { FrameWriter } from '../wire/frameWriter';
import { IN } from '../protocol/messageIds';
import { V } from '../protocol/serverVersions';
import type { CommissionView, ExecutionView, OpenOrderView, OrderStatusView, WireContract } from '../protocol/wireTypes';
import { openOrderFieldsAt } from './openOrderFields';

/** No version field since ORDER_CONTAINER (145). */
export function encodeOpenOrder(w: FrameWriter, v: number, o: OpenOrderView): void {
  w.begin(IN.OPEN_ORDER).int(o.order.orderId);
  for (const field of openOrderFieldsAt(v)) field.put(w, o);
  w.end();
}

export function encodeOpenOrderEnd(w: FrameWriter): void {
  w.begin(IN.OPEN_ORDER_END).int(1).end();
}

/** No version field since MARKET_CAP_PRICE (131). */
export function encodeOrderStatus(w: FrameWriter, _v: number, s: OrderStatusView): void {
  w.begin(IN.ORDER_STATUS).int(s.orderId).str(s.status).num(s.filled).num(s.remaining).num(s.avgFillPrice);
  w.int(s.permId).int(s.parentId).num(s.lastFillPrice).int(s.clientId).str(s.whyHeld).num(s.mktCapPrice).end();
}

function putExecutionContract(w: FrameWriter, c: WireContract): void {
  w.int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth).num(c.strike ?? 0).str(c.right);
  w.str(c.multiplier).str(c.exchange).str(c.currency).str(c.localSymbol).str(c.tradingClass);
}

/** No version field since LAST_LIQUIDITY (136); pendingPriceRevision since 178. */
export function encodeExecution(w: FrameWriter, v: number, e: ExecutionView): void {
  w.begin(IN.EXECUTION_DATA).int(e.reqId).int(e.orderId);
  putExecutionContract(w, e.contract);
  w.str(e.execId).str(e.time).str(e.account).str(e.exchange).str(e.side).num(e.shares).num(e.price);
  w.int(e.permId).int(e.clientId).int(0).num(e.cumQty).num(e.avgPrice).str(e.orderRef).str('').str('');
  w.str('').int(e.lastLiquidity);
  if (v >= V.PENDING_PRICE_REVISION) w.bool(false);
  w.end();
}

export function encodeExecutionEnd(w: FrameWriter, _v: number, reqId: number): void {
  w.begin(IN.EXECUTION_DATA_END).int(1).int(reqId).end();
}

export function encodeCommissionReport(w: FrameWriter, _v: number, c: CommissionView): void {
  w.begin(IN.COMMISSION_REPORT).int(1).str(c.execId).num(c.commission).str(c.currency);
  if (c.realizedPnl === undefined) w.maxDouble();
  else w.num(c.realizedPnl);
  w.maxDouble().str('').end();
}
