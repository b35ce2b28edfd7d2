import type { FieldCursor } from '../wire/fieldCursor';
import { parseGenericTicks, readContract, readShortComboLegs } from './contractFields';
import type { Request } from './requestTypes';

type Parser = (c: FieldCursor, v: number) => Request;

/** 1|11|reqId|contract|[BAG legs]|dnFlag[|conId|delta|price]|genericTickList|snapshot|regSnapshot|mktDataOptions */
export const parseReqMktData: Parser = (c) => {
  c.str('version');
  const reqId = c.int('reqId');
  const contract = readContract(c);
  readShortComboLegs(c, contract);
  if (c.bool('deltaNeutralContractPresent')) c.skip(3, 'deltaNeutralContract');
  const genericTicks = parseGenericTicks(c.str('genericTickList'));
  const snapshot = c.bool('snapshot');
  const regulatorySnapshot = c.remaining > 0 ? c.bool('regulatorySnapshot') : false;
  return { type: 'reqMktData', reqId, contract, genericTicks, snapshot, regulatorySnapshot };
};

export const parseCancelMktData: Parser = (c) => {
  c.str('version');
  return { type: 'cancelMktData', reqId: c.int('reqId') };
};

/** 10|5|reqId|contract|numRows|isSmartDepth|options */
export const parseReqMktDepth: Parser = (c) => {
  c.str('version');
  const reqId = c.int('reqId');
  const contract = readContract(c);
  const numRows = c.int('numRows');
  const isSmartDepth = c.remaining > 0 ? c.bool('isSmartDepth') : false;
  return { type: 'reqMktDepth', reqId, contract, numRows, isSmartDepth };
};

export const parseCancelMktDepth: Parser = (c) => {
  c.str('version');
  const reqId = c.int('reqId');
  const isSmartDepth = c.remaining > 0 ? c.bool('isSmartDepth') : false;
  return { type: 'cancelMktDepth', reqId, isSmartDepth };
};

/** 50|3|reqId|contract|barSize|whatToShow|useRTH|options */
export const parseReqRealTimeBars: Parser = (c) => {
  c.str('version');
  const reqId = c.int('reqId');
  const contract = readContract(c);
  const barSize = c.int('barSize');
  const whatToShow = c.str('whatToShow').toUpperCase();
  const useRTH = c.bool('useRTH');
  return { type: 'reqRealTimeBars', reqId, contract, barSize, whatToShow, useRTH };
};

export const parseCancelRealTimeBars: Parser = (c) => {
  c.str('version');
  return { type: 'cancelRealTimeBars', reqId: c.int('reqId') };
};

/** 9|8|reqId|contract|includeExpired|secIdType|secId[|issuerId] */
export const parseReqContractDetails: Parser = (c) => {
  c.str('version');
  const reqId = c.int('reqId');
  const contract = readContract(c);
  const includeExpired = c.remaining > 0 ? c.bool('includeExpired') : false;
  return { type: 'reqContractDetails', reqId, contract, includeExpired };
};

/** 78|reqId|symbol|futFopExchange|underlyingSecType|underlyingConId (no version) */
export const parseReqSecDefOptParams: Parser = (c) => ({
  type: 'reqSecDefOptParams',
  reqId: c.int('reqId'),
  symbol: c.str('underlyingSymbol'),
  futFopExchange: c.str('futFopExchange'),
  underlyingSecType: c.str('underlyingSecType').toUpperCase(),
  underlyingConId: c.int('underlyingConId'),
});

/** 20|reqId|contract|includeExpired|endDateTime|barSize|duration|useRTH|whatToShow|formatDate|[BAG]|keepUpToDate|chartOptions */
export const parseReqHistoricalData: Parser = (c) => {
  const reqId = c.int('reqId');
  const contract = readContract(c);
  c.bool('includeExpired');
  const endDateTime = c.str('endDateTime');
  const barSize = c.str('barSizeSetting');
  const duration = c.str('durationStr');
  const useRTH = c.bool('useRTH');
  const whatToShow = c.str('whatToShow').toUpperCase();
  const formatDate = c.int('formatDate') || 1;
  readShortComboLegs(c, contract);
  const keepUpToDate = c.remaining > 0 ? c.bool('keepUpToDate') : false;
  return { type: 'reqHistoricalData', reqId, contract, endDateTime, barSize, duration, useRTH, whatToShow, formatDate, keepUpToDate };
};

export const parseCancelHistoricalData: Parser = (c) => {
  c.str('version');
  return { type: 'cancelHistoricalData', reqId: c.int('reqId') };
};

export const parseReqMarketDataType: Parser = (c) => {
  c.str('version');
  return { type: 'reqMarketDataType', marketDataType: c.int('marketDataType') };
};
