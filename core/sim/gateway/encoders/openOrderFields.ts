import type { FrameWriter } from '../wire/frameWriter';
import { MAX_INT } from '../wire/frameWriter';
import { V } from '../protocol/serverVersions';
import type { OpenOrderView, WhatIfFigures } from '../protocol/wireTypes';

/**
 * OPEN_ORDER after the order id, in decoder order (stoqey decodeMsg_OPEN_ORDER / Java EDecoder.processOpenOrderMsg),
 * for a plain order: no combo legs, algo, conditions, delta-neutral or scale extras. Each row is one field;
 * `since`/`until` gate it by server version (from min-server-version.js).
 */
type Put = (w: FrameWriter, o: OpenOrderView) => void;
interface FieldRow {
  name: string;
  put: Put;
  since?: number;
  until?: number;
}

const empty: Put = (w) => w.str('');
const zero: Put = (w) => w.int(0);
const unsetDouble: Put = (w) => w.maxDouble();
const unsetInt: Put = (w) => w.int(MAX_INT);
const optionalDouble = (pick: (o: OpenOrderView) => number | undefined): Put => (w, o) => {
  const n = pick(o);
  if (n === undefined) w.maxDouble();
  else w.num(n);
};

/** A what-if figure, or the unset double on ordinary orders. */
const whatIfFigure = (key: Exclude<keyof WhatIfFigures, 'commissionCurrency'>): Put => optionalDouble((o) => o.whatIf?.[key]);

const row = (name: string, put: Put, since?: number, until?: number): FieldRow => ({ name, put, since, until });

export const OPEN_ORDER_FIELDS: FieldRow[] = [
  row('conId', (w, o) => w.int(o.contract.conId)),
  row('symbol', (w, o) => w.str(o.contract.symbol)),
  row('secType', (w, o) => w.str(o.contract.secType)),
  row('lastTradeDateOrContractMonth', (w, o) => w.str(o.contract.lastTradeDateOrContractMonth)),
  row('strike', (w, o) => w.num(o.contract.strike ?? 0)),
  row('right', (w, o) => w.str(o.contract.right)),
  row('multiplier', (w, o) => w.str(o.contract.multiplier)),
  row('exchange', (w, o) => w.str(o.contract.exchange)),
  row('currency', (w, o) => w.str(o.contract.currency)),
  row('localSymbol', (w, o) => w.str(o.contract.localSymbol)),
  row('tradingClass', (w, o) => w.str(o.contract.tradingClass)),
  row('action', (w, o) => w.str(o.order.action)),
  row('totalQuantity', (w, o) => w.num(o.order.totalQuantity)),
  row('orderType', (w, o) => w.str(o.order.orderType)),
  row('lmtPrice', optionalDouble((o) => o.order.lmtPrice)),
  row('auxPrice', optionalDouble((o) => o.order.auxPrice)),
  row('tif', (w, o) => w.str(o.order.tif)),
  row('ocaGroup', (w, o) => w.str(o.order.ocaGroup)),
  row('account', (w, o) => w.str(o.order.account)),
  row('openClose', empty),
  row('origin', zero),
  row('orderRef', (w, o) => w.str(o.order.orderRef)),
  row('clientId', (w, o) => w.int(o.order.clientId)),
  row('permId', (w, o) => w.int(o.order.permId)),
  row('outsideRth', (w, o) => w.bool(o.order.outsideRth)),
  row('hidden', zero),
  row('discretionaryAmt', zero),
  row('goodAfterTime', empty),
  row('sharesAllocation', empty),
  row('faGroup', empty),
  row('faMethod', empty),
  row('faPercentage', empty),
  row('faProfile', empty, undefined, V.FA_PROFILE_DESUPPORT),
  row('modelCode', empty),
  row('goodTillDate', empty),
  row('rule80A', empty),
  row('percentOffset', unsetDouble),
  row('settlingFirm', empty),
  row('shortSaleSlot', zero),
  row('designatedLocation', empty),
  row('exemptCode', (w) => w.int(-1)),
  row('auctionStrategy', zero),
  row('startingPrice', unsetDouble),
  row('stockRefPrice', unsetDouble),
  row('delta', unsetDouble),
  row('stockRangeLower', unsetDouble),
  row('stockRangeUpper', unsetDouble),
  row('displaySize', unsetInt),
  row('blockOrder', zero),
  row('sweepToFill', zero),
  row('allOrNone', zero),
  row('minQty', unsetInt),
  row('ocaType', (w, o) => w.int(o.order.ocaType)),
  row('eTradeOnly', zero),
  row('firmQuoteOnly', zero),
  row('nbboPriceCap', unsetDouble),
  row('parentId', (w, o) => w.int(o.order.parentId)),
  row('triggerMethod', zero),
  row('volatility', unsetDouble),
  row('volatilityType', zero),
  row('deltaNeutralOrderType', empty),
  row('deltaNeutralAuxPrice', unsetDouble),
  row('continuousUpdate', zero),
  row('referencePriceType', zero),
  row('trailStopPrice', unsetDouble),
  row('trailingPercent', unsetDouble),
  row('basisPoints', unsetDouble),
  row('basisPointsType', unsetInt),
  row('comboLegsDescrip', empty),
  row('comboLegsCount', zero),
  row('orderComboLegsCount', zero),
  row('smartComboRoutingParamsCount', zero),
  row('scaleInitLevelSize', unsetInt),
  row('scaleSubsLevelSize', unsetInt),
  row('scalePriceIncrement', unsetDouble),
  row('hedgeType', empty),
  row('optOutSmartRouting', zero),
  row('clearingAccount', empty),
  row('clearingIntent', (w) => w.str('IB')),
  row('notHeld', zero),
  row('deltaNeutralContractPresent', zero),
  row('algoStrategy', empty),
  row('solicited', zero),
  row('whatIf', (w, o) => w.bool(o.order.whatIf)),
  row('status', (w, o) => w.str(o.status)),
  row('initMarginBefore', whatIfFigure('initMarginBefore')),
  row('maintMarginBefore', whatIfFigure('maintMarginBefore')),
  row('equityWithLoanBefore', whatIfFigure('equityWithLoanBefore')),
  row('initMarginChange', whatIfFigure('initMarginChange')),
  row('maintMarginChange', whatIfFigure('maintMarginChange')),
  row('equityWithLoanChange', whatIfFigure('equityWithLoanChange')),
  row('initMarginAfter', whatIfFigure('initMarginAfter')),
  row('maintMarginAfter', whatIfFigure('maintMarginAfter')),
  row('equityWithLoanAfter', whatIfFigure('equityWithLoanAfter')),
  row('commission', whatIfFigure('commission')),
  row('minCommission', whatIfFigure('minCommission')),
  row('maxCommission', whatIfFigure('maxCommission')),
  row('commissionCurrency', (w, o) => w.str(o.whatIf?.commissionCurrency ?? '')),
  row('warningText', empty),
  row('randomizeSize', zero),
  row('randomizePrice', zero),
  row('conditionsCount', zero),
  row('adjustedOrderType', (w, o) => w.str(o.order.orderType)),
  row('triggerPrice', unsetDouble),
  row('trailStopPrice2', unsetDouble),
  row('lmtPriceOffset', unsetDouble),
  row('adjustedStopPrice', unsetDouble),
  row('adjustedStopLimitPrice', unsetDouble),
  row('adjustedTrailingAmount', unsetDouble),
  row('adjustableTrailingUnit', zero),
  row('softDollarTierName', empty),
  row('softDollarTierValue', empty),
  row('softDollarTierDisplayName', empty),
  row('cashQty', unsetDouble),
  row('dontUseAutoPriceForHedge', zero),
  row('isOmsContainer', zero),
  row('discretionaryUpToLimitPrice', zero),
  row('usePriceMgmtAlgo', zero),
  row('duration', unsetInt, V.DURATION),
  row('postToAts', unsetInt, V.POST_TO_ATS),
  row('autoCancelParent', zero, V.AUTO_CANCEL_PARENT),
  row('minTradeQty', unsetInt, V.PEGBEST_PEGMID_OFFSETS),
  row('minCompeteSize', unsetInt, V.PEGBEST_PEGMID_OFFSETS),
  row('competeAgainstBestOffset', unsetDouble, V.PEGBEST_PEGMID_OFFSETS),
  row('midOffsetAtWhole', unsetDouble, V.PEGBEST_PEGMID_OFFSETS),
  row('midOffsetAtHalf', unsetDouble, V.PEGBEST_PEGMID_OFFSETS),
  row('customerAccount', empty, V.CUSTOMER_ACCOUNT),
  row('professionalCustomer', zero, V.PROFESSIONAL_CUSTOMER),
  row('bondAccruedInterest', empty, V.BOND_ACCRUED_INTEREST),
  row('includeOvernight', zero, V.INCLUDE_OVERNIGHT),
  row('extOperator', empty, V.CME_TAGGING_FIELDS_IN_OPEN_ORDER),
  row('manualOrderIndicator', unsetInt, V.CME_TAGGING_FIELDS_IN_OPEN_ORDER),
];

/** The rows present at a server version (cached: the table is walked for every openOrder). */
const byVersion = new Map<number, FieldRow[]>();
export function openOrderFieldsAt(v: number): FieldRow[] {
  let rows = byVersion.get(v);
  if (!rows) {
    rows = OPEN_ORDER_FIELDS.filter((r) => (r.since === undefined || v >= r.since) && (r.until === undefined || v < r.until));
    byVersion.set(v, rows);
  }
  return rows;
}
