/** The gateway-side shapes the encoders write; built from the MarketFeed and the order engine. */
export interface WireContract {
  conId: number;
  symbol: string;
  secType: string;
  lastTradeDateOrContractMonth: string;
  strike: number | undefined;
  right: string;
  multiplier: string;
  exchange: string;
  primaryExch: string;
  currency: string;
  localSymbol: string;
  tradingClass: string;
}

export interface WireOrder {
  orderId: number;
  clientId: number;
  permId: number;
  parentId: number;
  action: string;
  totalQuantity: number;
  orderType: string;
  lmtPrice: number | undefined;
  auxPrice: number | undefined;
  tif: string;
  ocaGroup: string;
  /** 1 cancel the others on a fill, 2 and 3 reduce them by the filled quantity; 0 = unset. */
  ocaType: number;
  account: string;
  orderRef: string;
  outsideRth: boolean;
  transmit: boolean;
  whatIf: boolean;
}

export interface OpenOrderView {
  contract: WireContract;
  order: WireOrder;
  /** orderState.status: PreSubmitted, Submitted, Filled, Cancelled, ... */
  status: string;
  /** The order state's margin and commission figures, sent for what-if orders only. */
  whatIf?: WhatIfFigures;
}

/** A what-if order's effect on the account, as TWS reports it in the order state. */
export interface WhatIfFigures {
  initMarginBefore: number;
  maintMarginBefore: number;
  equityWithLoanBefore: number;
  initMarginChange: number;
  maintMarginChange: number;
  equityWithLoanChange: number;
  initMarginAfter: number;
  maintMarginAfter: number;
  equityWithLoanAfter: number;
  commission: number;
  minCommission: number;
  maxCommission: number;
  commissionCurrency: string;
}

export interface OrderStatusView {
  orderId: number;
  status: string;
  filled: number;
  remaining: number;
  avgFillPrice: number;
  permId: number;
  parentId: number;
  lastFillPrice: number;
  clientId: number;
  whyHeld: string;
  mktCapPrice: number;
}

export interface ExecutionView {
  reqId: number;
  orderId: number;
  contract: WireContract;
  execId: string;
  /** "YYYYMMDD HH:mm:ss" */
  time: string;
  account: string;
  exchange: string;
  side: 'BOT' | 'SLD';
  shares: number;
  price: number;
  permId: number;
  clientId: number;
  cumQty: number;
  avgPrice: number;
  orderRef: string;
  /** 1 added, 2 removed liquidity */
  lastLiquidity: number;
}

export interface CommissionView {
  execId: string;
  commission: number;
  currency: string;
  realizedPnl: number | undefined;
}

export interface ContractDetailsView {
  contract: WireContract;
  marketName: string;
  minTick: number;
  orderTypes: string;
  validExchanges: string;
  underConId: number;
  longName: string;
  contractMonth: string;
  industry: string;
  category: string;
  subcategory: string;
  timeZoneId: string;
  tradingHours: string;
  liquidHours: string;
  underSymbol: string;
  underSecType: string;
  marketRuleIds: string;
  realExpirationDate: string;
  stockType: string;
  /** YYYYMMDD for options (sent since v182), "" for stocks */
  lastTradeDate: string;
}

export interface SecDefRow {
  exchange: string;
  underlyingConId: number;
  tradingClass: string;
  multiplier: string;
  expirations: string[];
  strikes: number[];
}

export interface HistoricalBarView {
  date: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  wap: number;
  count: number;
}

export interface PositionView {
  account: string;
  contract: WireContract;
  position: number;
  avgCost: number;
}

export interface PortfolioView extends PositionView {
  marketPrice: number;
  marketValue: number;
  unrealizedPnl: number;
  realizedPnl: number;
}
