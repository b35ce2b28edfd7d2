import type { FieldCursor } from '../wire/fieldCursor';
import { V } from '../protocol/serverVersions';
import { readContract } from './contractFields';
import { readOrderTail } from './orderTailParser';
import type { ComboLeg, Request } from './requestTypes';

type Parser = (c: FieldCursor, v: number) => Request;

const ORDER_CONTAINER = 145;

/** placeOrder tokens 1–34 (a version field before the order id until 145), BAG legs, then the tail through whatIf. */
export const parsePlaceOrder: Parser = (c, v) => {
  if (v < ORDER_CONTAINER) c.str('version');
  const orderId = c.int('orderId');
  const contract = readContract(c);
  c.str('secIdType');
  c.str('secId');
  const action = c.str('action').toUpperCase();
  const totalQuantity = c.num('totalQuantity') ?? 0;
  const orderType = c.str('orderType').toUpperCase();
  const lmtPrice = c.num('lmtPrice');
  const auxPrice = c.num('auxPrice');
  const tif = c.str('tif').toUpperCase() || 'DAY';
  const ocaGroup = c.str('ocaGroup');
  const account = c.str('account');
  c.str('openClose');
  c.str('origin');
  const orderRef = c.str('orderRef');
  const transmit = c.bool('transmit');
  const parentId = c.int('parentId');
  c.skip(4, 'blockOrder/sweepToFill/displaySize/triggerMethod');
  const outsideRth = c.bool('outsideRth');
  c.str('hidden');
  const comboLegs = contract.secType === 'BAG' ? readBagParts(c) : [];
  const { ocaType, whatIf } = readOrderTail(c, v);
  return {
    type: 'placeOrder',
    ticket: {
      orderId, contract, action, totalQuantity, orderType, lmtPrice, auxPrice, tif, ocaGroup, ocaType, account, orderRef,
      transmit, parentId, outsideRth, whatIf, comboLegs,
    },
  };
};

/** A BAG order's legs, then its per-leg prices and smart-combo routing parameters (read past, not used). */
function readBagParts(c: FieldCursor): ComboLeg[] {
  const n = c.int('comboLegsCount');
  const legs: ComboLeg[] = [];
  for (let i = 0; i < n; i++) {
    legs.push({ conId: c.int('leg.conId'), ratio: c.int('leg.ratio'), action: c.str('leg.action'), exchange: c.str('leg.exchange') });
    c.skip(4, 'leg.openClose/shortSaleSlot/designatedLocation/exemptCode');
  }
  c.skip(c.int('orderComboLegsCount'), 'orderComboLeg.price');
  c.skip(2 * c.int('smartComboRoutingParamsCount'), 'smartComboRoutingParams');
  return legs;
}

/** v>=192: 4|orderId|...; earlier: 4|1|orderId|... */
export const parseCancelOrder: Parser = (c, v) => {
  if (v < V.CME_TAGGING_FIELDS) c.str('version');
  return { type: 'cancelOrder', orderId: c.int('orderId') };
};

export const parseReqGlobalCancel: Parser = () => ({ type: 'reqGlobalCancel' });

export const parseReqOpenOrders: Parser = () => ({ type: 'reqOpenOrders', scope: 'client' });
export const parseReqAllOpenOrders: Parser = () => ({ type: 'reqOpenOrders', scope: 'all' });

export const parseReqAutoOpenOrders: Parser = (c) => {
  c.str('version');
  return { type: 'reqAutoOpenOrders', autoBind: c.bool('autoBind') };
};

/** 7|3|reqId|clientId|acctCode|time|symbol|secType|exchange|side (trailing fields may be absent). */
export const parseReqExecutions: Parser = (c) => {
  c.str('version');
  const reqId = c.int('reqId');
  const clientId = c.remaining > 0 ? c.intOrUnset('clientId') : undefined;
  const account = c.optionalStr();
  const time = c.optionalStr();
  const symbol = c.optionalStr();
  const secType = c.optionalStr().toUpperCase();
  const exchange = c.optionalStr();
  const side = c.optionalStr().toUpperCase();
  return { type: 'reqExecutions', reqId, clientId: clientId === 0 ? undefined : clientId, account, time, symbol, secType, exchange, side };
};

export const parseReqIds: Parser = (c) => {
  c.str('version');
  return { type: 'reqIds', numIds: c.int('numIds') };
};

export const parseReqCompletedOrders: Parser = (c) => ({ type: 'reqCompletedOrders', apiOnly: c.remaining > 0 ? c.bool('apiOnly') : false });
