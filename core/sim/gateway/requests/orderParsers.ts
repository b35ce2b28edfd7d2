import type { FieldCursor } from '../wire/fieldCursor';
import { V } from '../protocol/serverVersions';
import { readContract } from './contractFields';
import type { ComboLeg, Request } from './requestTypes';

type Parser = (c: FieldCursor, v: number) => Request;

/** placeOrder tokens 1–34 (no version since 145), then BAG legs; the long tail is ignored. */
export const parsePlaceOrder: Parser = (c) => {
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
  const comboLegs = contract.secType === 'BAG' ? readOrderComboLegs(c) : [];
  return {
    type: 'placeOrder',
    ticket: { orderId, contract, action, totalQuantity, orderType, lmtPrice, auxPrice, tif, ocaGroup, account, orderRef, transmit, parentId, outsideRth, comboLegs },
  };
};

function readOrderComboLegs(c: FieldCursor): ComboLeg[] {
  const n = c.int('comboLegsCount');
  const legs: ComboLeg[] = [];
  for (let i = 0; i < n; i++) {
    legs.push({ conId: c.int('leg.conId'), ratio: c.int('leg.ratio'), action: c.str('leg.action'), exchange: c.str('leg.exchange') });
    c.skip(4, 'leg.openClose/shortSaleSlot/designatedLocation/exemptCode');
  }
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

/** 7|3|reqId|clientId|acctCode|time|symbol|secType|exchange|side */
export const parseReqExecutions: Parser = (c) => {
  c.str('version');
  const reqId = c.int('reqId');
  const clientId = c.intOrUnset('clientId');
  const account = c.optionalStr();
  c.optionalStr();
  const symbol = c.optionalStr();
  const secType = c.optionalStr().toUpperCase();
  c.optionalStr();
  const side = c.optionalStr().toUpperCase();
  return { type: 'reqExecutions', reqId, clientId: clientId === 0 ? undefined : clientId, account, symbol, secType, side };
};

export const parseReqIds: Parser = (c) => {
  c.str('version');
  return { type: 'reqIds', numIds: c.int('numIds') };
};

export const parseReqCompletedOrders: Parser = (c) => ({ type: 'reqCompletedOrders', apiOnly: c.remaining > 0 ? c.bool('apiOnly') : false });
