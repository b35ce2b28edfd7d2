import type { FieldCursor } from '../wire/fieldCursor';
import type { Request } from './requestTypes';

type Parser = (c: FieldCursor, v: number) => Request;

export const parseStartApi: Parser = (c) => {
  c.str('version');
  const clientId = c.intOrUnset('clientId');
  return { type: 'startApi', clientId: clientId ?? 0, optionalCapabilities: c.optionalStr() };
};

export const parseReqPositions: Parser = () => ({ type: 'reqPositions' });
export const parseCancelPositions: Parser = () => ({ type: 'cancelPositions' });

export const parseReqAccountSummary: Parser = (c) => {
  c.str('version');
  return { type: 'reqAccountSummary', reqId: c.int('reqId'), group: c.str('group'), tags: c.str('tags') };
};

export const parseCancelAccountSummary: Parser = (c) => {
  c.str('version');
  return { type: 'cancelAccountSummary', reqId: c.int('reqId') };
};

/** 6|2|subscribe|acctCode */
export const parseReqAccountUpdates: Parser = (c) => {
  c.str('version');
  return { type: 'reqAccountUpdates', subscribe: c.bool('subscribe'), account: c.optionalStr() };
};

export const parseReqAccountUpdatesMulti: Parser = (c) => {
  c.str('version');
  return {
    type: 'reqAccountUpdatesMulti',
    reqId: c.int('reqId'),
    account: c.str('account'),
    modelCode: c.str('modelCode'),
    ledgerAndNLV: c.remaining > 0 ? c.bool('ledgerAndNLV') : false,
  };
};

export const parseCancelAccountUpdatesMulti: Parser = (c) => {
  c.str('version');
  return { type: 'cancelAccountUpdatesMulti', reqId: c.int('reqId') };
};

export const parseReqCurrentTime: Parser = () => ({ type: 'reqCurrentTime' });
export const parseReqManagedAccts: Parser = () => ({ type: 'reqManagedAccts' });
export const parseReqMktDepthExchanges: Parser = () => ({ type: 'reqMktDepthExchanges' });
