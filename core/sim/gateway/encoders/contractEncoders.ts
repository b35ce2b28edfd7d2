import type { FrameWriter } from '../wire/frameWriter';
import { IN } from '../protocol/messageIds';
import { V } from '../protocol/serverVersions';
import type { ContractDetailsView, SecDefRow } from '../protocol/wireTypes';

/** The version-8 field was dropped at SIZE_RULES (164); lastTradeDate arrived at 182, ineligibility reasons at 186. */
export function encodeContractData(w: FrameWriter, v: number, m: { reqId: number; details: ContractDetailsView }): void {
  const d = m.details;
  const c = d.contract;
  w.begin(IN.CONTRACT_DATA);
  if (v < V.SIZE_RULES) w.int(8);
  w.int(m.reqId).str(c.symbol).str(c.secType).str(c.lastTradeDateOrContractMonth);
  if (v >= V.LAST_TRADE_DATE) w.str(d.lastTradeDate);
  w.num(c.strike ?? 0).str(c.right).str(c.exchange).str(c.currency).str(c.localSymbol).str(d.marketName).str(c.tradingClass);
  w.int(c.conId).num(d.minTick);
  if (v < V.SIZE_RULES) w.int(1); // mdSizeMultiplier
  w.str(c.multiplier).str(d.orderTypes).str(d.validExchanges).int(1).int(d.underConId);
  w.str(d.longName).str(c.primaryExch).str(d.contractMonth).str(d.industry).str(d.category).str(d.subcategory);
  w.str(d.timeZoneId).str(d.tradingHours).str(d.liquidHours).str('').int(0); // evRule, evMultiplier
  w.int(0); // secIdList count
  w.int(1).str(d.underSymbol).str(d.underSecType).str(d.marketRuleIds).str(d.realExpirationDate).str(d.stockType);
  if (v >= V.FRACTIONAL_SIZE_SUPPORT && v < V.SIZE_RULES) w.num(1); // sizeMinTick
  if (v >= V.SIZE_RULES) w.num(1).num(1).num(c.secType === 'OPT' ? 1 : 100);
  if (v >= V.INELIGIBILITY_REASONS) w.int(0);
  w.end();
}

export function encodeContractDataEnd(w: FrameWriter, _v: number, reqId: number): void {
  w.begin(IN.CONTRACT_DATA_END).int(1).int(reqId).end();
}

export function encodeSecDefOptParam(w: FrameWriter, _v: number, m: { reqId: number; row: SecDefRow }): void {
  const r = m.row;
  w.begin(IN.SECDEF_OPT_PARAM).int(m.reqId).str(r.exchange).int(r.underlyingConId).str(r.tradingClass).str(r.multiplier);
  w.int(r.expirations.length);
  for (const e of r.expirations) w.str(e);
  w.int(r.strikes.length);
  for (const s of r.strikes) w.num(s);
  w.end();
}

export function encodeSecDefOptParamEnd(w: FrameWriter, _v: number, reqId: number): void {
  w.begin(IN.SECDEF_OPT_PARAM_END).int(reqId).end();
}
