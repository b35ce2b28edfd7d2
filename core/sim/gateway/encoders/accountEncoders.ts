import type { FrameWriter } from '../wire/frameWriter';
import { IN } from '../protocol/messageIds';
import type { PortfolioView, PositionView } from '../protocol/wireTypes';

export function encodePosition(w: FrameWriter, _v: number, p: PositionView): void {
  const c = p.contract;
  w.begin(IN.POSITION).int(3).str(p.account).int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth);
  w.num(c.strike ?? 0).str(c.right).str(c.multiplier).str(c.exchange).str(c.currency).str(c.localSymbol).str(c.tradingClass);
  w.num(p.position).num(p.avgCost).end();
}

export function encodePositionEnd(w: FrameWriter): void {
  w.begin(IN.POSITION_END).int(1).end();
}

export function encodeAccountSummary(
  w: FrameWriter,
  _v: number,
  m: { reqId: number; account: string; tag: string; value: string; currency: string },
): void {
  w.begin(IN.ACCOUNT_SUMMARY).int(1).int(m.reqId).str(m.account).str(m.tag).str(m.value).str(m.currency).end();
}

export function encodeAccountSummaryEnd(w: FrameWriter, _v: number, reqId: number): void {
  w.begin(IN.ACCOUNT_SUMMARY_END).int(1).int(reqId).end();
}

export function encodeAccountValue(w: FrameWriter, _v: number, m: { key: string; value: string; currency: string; account: string }): void {
  w.begin(IN.ACCT_VALUE).int(2).str(m.key).str(m.value).str(m.currency).str(m.account).end();
}

/** Version 8 layout (conId, multiplier, primaryExch, tradingClass present). */
export function encodePortfolioValue(w: FrameWriter, _v: number, p: PortfolioView): void {
  const c = p.contract;
  w.begin(IN.PORTFOLIO_VALUE).int(8).int(c.conId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth);
  w.num(c.strike ?? 0).str(c.right).str(c.multiplier).str(c.primaryExch).str(c.currency).str(c.localSymbol).str(c.tradingClass);
  w.num(p.position).num(p.marketPrice).num(p.marketValue).num(p.avgCost).num(p.unrealizedPnl).num(p.realizedPnl).str(p.account).end();
}

export function encodeAccountUpdateTime(w: FrameWriter, _v: number, hhmm: string): void {
  w.begin(IN.ACCT_UPDATE_TIME).int(1).str(hhmm).end();
}

export function encodeAccountDownloadEnd(w: FrameWriter, _v: number, account: string): void {
  w.begin(IN.ACCT_DOWNLOAD_END).int(1).str(account).end();
}

export function encodeAccountUpdateMulti(
  w: FrameWriter,
  _v: number,
  m: { reqId: number; account: string; modelCode: string; key: string; value: string; currency: string },
): void {
  w.begin(IN.ACCOUNT_UPDATE_MULTI).int(1).int(m.reqId).str(m.account).str(m.modelCode).str(m.key).str(m.value).str(m.currency).end();
}

export function encodeAccountUpdateMultiEnd(w: FrameWriter, _v: number, reqId: number): void {
  w.begin(IN.ACCOUNT_UPDATE_MULTI_END).int(1).int(reqId).end();
}
