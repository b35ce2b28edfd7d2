import type { Request, RequestType } from '../../requests/requestTypes';
import type { Session } from '../session';
import * as account from './accountHandlers';
import * as bars from './barHandlers';
import * as contracts from './contractDetailsHandlers';
import * as md from './marketDataHandlers';
import * as orders from './orderHandlers';

type Handler<K extends RequestType> = (s: Session, r: Extract<Request, { type: K }>) => void;
type HandlerTable = { [K in Exclude<RequestType, 'startApi'>]: Handler<K> };

/** One handler per request type (START_API is the session's own). */
const HANDLERS: HandlerTable = {
  reqIds: orders.reqIds,
  reqMktData: md.reqMktData,
  cancelMktData: md.cancelMktData,
  reqMktDepth: md.reqMktDepth,
  cancelMktDepth: md.cancelMktDepth,
  reqMarketDataType: md.reqMarketDataType,
  reqMktDepthExchanges: md.reqMktDepthExchanges,
  reqRealTimeBars: bars.reqRealTimeBars,
  cancelRealTimeBars: bars.cancelRealTimeBars,
  reqHistoricalData: bars.reqHistoricalData,
  cancelHistoricalData: bars.cancelHistoricalData,
  reqContractDetails: contracts.reqContractDetails,
  reqSecDefOptParams: contracts.reqSecDefOptParams,
  placeOrder: orders.placeOrder,
  cancelOrder: orders.cancelOrder,
  reqGlobalCancel: orders.reqGlobalCancel,
  reqOpenOrders: orders.reqOpenOrders,
  reqAutoOpenOrders: orders.reqAutoOpenOrders,
  reqExecutions: orders.reqExecutions,
  reqCompletedOrders: orders.reqCompletedOrders,
  reqPositions: account.reqPositions,
  cancelPositions: account.cancelPositions,
  reqAccountSummary: account.reqAccountSummary,
  cancelAccountSummary: account.cancelAccountSummary,
  reqAccountUpdates: account.reqAccountUpdates,
  reqAccountUpdatesMulti: account.reqAccountUpdatesMulti,
  cancelAccountUpdatesMulti: account.cancelAccountUpdatesMulti,
  reqCurrentTime: account.reqCurrentTime,
  reqManagedAccts: account.reqManagedAccts,
};

export function dispatchRequest(s: Session, req: Request): void {
  if (req.type === 'startApi') return;
  const handler = HANDLERS[req.type] as Handler<typeof req.type>;
  handler(s, req as never);
}
