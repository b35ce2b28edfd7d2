import type { ExecutionFilterSpec } from '../orders/executionFilter';
import type { WireContract, WireOrder } from '../protocol/wireTypes';
/** What the gateway understood from a client's contract fields (token layouts: reference §5): the same fields it writes. */
export type ContractQuery = WireContract;

export interface ComboLeg {
  conId: number;
  ratio: number;
  action: string;
  exchange: string;
}

/** A placeOrder as the gateway read it: the order fields it writes back (less the ids it assigns), the contract and legs. */
export interface OrderTicket extends Omit<WireOrder, 'clientId' | 'permId'> {
  contract: ContractQuery;
  comboLegs: ComboLeg[];
}

export type Request =
  | { type: 'startApi'; clientId: number; optionalCapabilities: string }
  | { type: 'reqIds'; numIds: number }
  | { type: 'reqMktData'; reqId: number; contract: ContractQuery; genericTicks: number[]; snapshot: boolean; regulatorySnapshot: boolean }
  | { type: 'cancelMktData'; reqId: number }
  | { type: 'reqMktDepth'; reqId: number; contract: ContractQuery; numRows: number; isSmartDepth: boolean }
  | { type: 'cancelMktDepth'; reqId: number; isSmartDepth: boolean }
  | { type: 'reqRealTimeBars'; reqId: number; contract: ContractQuery; barSize: number; whatToShow: string; useRTH: boolean }
  | { type: 'cancelRealTimeBars'; reqId: number }
  | { type: 'reqContractDetails'; reqId: number; contract: ContractQuery; includeExpired: boolean }
  | { type: 'reqSecDefOptParams'; reqId: number; symbol: string; futFopExchange: string; underlyingSecType: string; underlyingConId: number }
  | {
      type: 'reqHistoricalData';
      reqId: number;
      contract: ContractQuery;
      endDateTime: string;
      barSize: string;
      duration: string;
      useRTH: boolean;
      whatToShow: string;
      formatDate: number;
      keepUpToDate: boolean;
    }
  | { type: 'cancelHistoricalData'; reqId: number }
  | { type: 'placeOrder'; ticket: OrderTicket }
  | { type: 'cancelOrder'; orderId: number }
  | { type: 'reqGlobalCancel' }
  | { type: 'reqOpenOrders'; scope: 'client' | 'all' }
  | { type: 'reqAutoOpenOrders'; autoBind: boolean }
  | ({ type: 'reqExecutions'; reqId: number } & ExecutionFilterSpec)
  | { type: 'reqPositions' }
  | { type: 'cancelPositions' }
  | { type: 'reqAccountSummary'; reqId: number; group: string; tags: string }
  | { type: 'cancelAccountSummary'; reqId: number }
  | { type: 'reqAccountUpdates'; subscribe: boolean; account: string }
  | { type: 'reqAccountUpdatesMulti'; reqId: number; account: string; modelCode: string; ledgerAndNLV: boolean }
  | { type: 'cancelAccountUpdatesMulti'; reqId: number }
  | { type: 'reqCurrentTime' }
  | { type: 'reqMarketDataType'; marketDataType: number }
  | { type: 'reqManagedAccts' }
  | { type: 'reqCompletedOrders'; apiOnly: boolean }
  | { type: 'reqMktDepthExchanges' };

export type RequestType = Request['type'];
