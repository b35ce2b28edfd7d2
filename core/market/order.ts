/**
 * Orders, fills, positions and the account as the engine knows them: what the bus's order commands carry, what the
 * order manager (core/execution) keeps and what venues report back. Times are epoch ms UTC.
 */

export type OrderSide = 'buy' | 'sell';
export const orderTypes = ['MKT', 'LMT', 'STP', 'STP LMT', 'MOC', 'LOC'] as const;
export type OrderType = (typeof orderTypes)[number];
export const timesInForce = ['DAY', 'GTC', 'IOC'] as const;
export type TimeInForce = (typeof timesInForce)[number];

/** Shares per contract: what a price is multiplied by to get money. */
export const OPTION_MULTIPLIER = 100;

/** What is traded. An option names its contract; the venue resolves it (conId when known, else by its fields). */
export type Instrument =
  | { kind: 'stock'; symbol: string }
  | { kind: 'option'; symbol: string; expiry: string; strike: number; right: 'call' | 'put'; conId?: number };

/** Who may send an order, for the audit trail and for risk (a kill switch's close is not a strategy's idea). */
export type OrderSource = 'ticket' | 'approval' | 'strategy' | 'close' | 'flatten' | 'reconciliation';

/**
 * A bracket's two children, one cancelling the other (an OCA group): the protective stop (STP) and the exit, either a
 * profit taker (LMT at takeProfitPrice) or, with exitAtClose, a market-on-close order that closes the position in the
 * closing auction unless the stop has closed it first.
 */
export type BracketLegs = { takeProfitPrice: number; stopLossPrice: number } | { exitAtClose: 'MOC'; stopLossPrice: number };

export interface OrderRequest {
  /**
   * Chosen by the requester and kept across restarts: a repeated or double-clicked submit with the same key places
   * nothing new and answers with the first order.
   */
  clientOrderKey: string;
  instrument: Instrument;
  side: OrderSide;
  quantity: number;
  type: OrderType;
  /** LMT, STP LMT and LOC. */
  limitPrice?: number;
  /** STP and STP LMT. */
  stopPrice?: number;
  tif: TimeInForce;
  outsideRth: boolean;
  ocaGroup?: string;
  bracket?: BracketLegs;
  source: OrderSource;
  /** Who asked (the operator's name, a strategy's id), and why, for the audit trail. */
  requestedBy: string;
  reason: string;
}

/** A change to a working order: re-placed under the same id. */
export interface OrderModification {
  orderId: number;
  quantity?: number;
  limitPrice?: number;
  stopPrice?: number;
  requestedBy: string;
}

export const orderStatuses = [
  'PendingSubmit',
  'PreSubmitted',
  'Submitted',
  'PartiallyFilled',
  'PendingCancel',
  'Filled',
  'Cancelled',
  'ApiCancelled',
  'Inactive',
  'Rejected',
  /** The engine believes the order exists, but the gateway does not know it (seen at reconciliation). */
  'Unknown',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** Statuses after which an order never changes again. */
export const FINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set(['Filled', 'Cancelled', 'ApiCancelled', 'Rejected', 'Inactive']);

/** A bracket's children: its profit taker or its market-on-close exit, and its stop. */
export type OrderRole = 'single' | 'parent' | 'takeProfit' | 'exitAtClose' | 'stopLoss';

/** One order as the engine keeps it (in Redis and on the bus). */
export interface OrderRecord {
  orderId: number;
  clientOrderKey: string;
  role: OrderRole;
  parentId: number | null;
  instrument: Instrument;
  side: OrderSide;
  quantity: number;
  type: OrderType;
  limitPrice: number | null;
  stopPrice: number | null;
  tif: TimeInForce;
  outsideRth: boolean;
  ocaGroup: string | null;
  status: OrderStatus;
  filled: number;
  avgFillPrice: number | null;
  /** Sum of the commissions reported for its fills. */
  commission: number;
  /** The gateway's reason for a rejection or cancel, or its last warning. */
  message: string | null;
  permId: number | null;
  source: OrderSource;
  requestedBy: string;
  /** Placed from TWS or another client: shown, never modified by this engine. */
  external: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface OrderReceipt {
  clientOrderKey: string;
  /** The parent first for a bracket. */
  orderIds: number[];
  /** True when the key was seen before: nothing new was placed. */
  duplicate: boolean;
}

/** One execution (fill) as the venue reports it; the commission arrives separately and is joined by execId. */
export interface Fill {
  execId: string;
  orderId: number;
  instrument: Instrument;
  side: OrderSide;
  quantity: number;
  price: number;
  exchange: string;
  time: number;
  commission: number | null;
}

/** One stock or option position. Money in account currency; avgCost per share (options: per share, not ×100). */
export interface Position {
  instrument: Instrument;
  /** Signed: negative is short. */
  quantity: number;
  avgCost: number;
  multiplier: number;
  marketPrice: number | null;
  marketValue: number | null;
  unrealizedPnl: number | null;
  /** Since the position was opened (or the engine first saw it), net of commissions. */
  realizedPnl: number;
  /** Realized today, net of commissions. */
  dayRealizedPnl: number;
  greeks: PositionGreeks | null;
  updatedAt: number;
}

/** Greeks of an option position: per contract from the chain, and summed for the position (in dollars too). */
export interface PositionGreeks {
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  /** Position delta × underlying price × multiplier: dollars per 100% move, i.e. share-equivalent exposure. */
  deltaDollars: number;
  /** Dollar change of delta-dollars for a 1% move. */
  gammaDollars: number;
  thetaDollars: number;
  vegaDollars: number;
}

export interface AccountSnapshot {
  account: string | null;
  currency: string;
  netLiquidation: number | null;
  buyingPower: number | null;
  excessLiquidity: number | null;
  availableFunds: number | null;
  /** Realized (net of commissions) plus the change of unrealized since the day began. */
  dayPnl: number;
  realizedPnl: number;
  unrealizedPnl: number;
  greeks: PositionGreeks;
  updatedAt: number;
}

/** What an order would do to the account, from the gateway's what-if answer. */
export interface OrderPreview {
  initMarginChange: number | null;
  maintMarginChange: number | null;
  equityWithLoanChange: number | null;
  commission: number | null;
  minCommission: number | null;
  maxCommission: number | null;
  notional: number | null;
  warning: string | null;
}

/** Why an order was not sent: the order path's codes, then the risk checks' (core/risk/, README "Risk checks"). */
export type DenialCode =
  | 'HALTED'
  | 'REDUCING_WOULD_INCREASE'
  | 'VENUE_NOT_READY'
  | 'NOT_RECONCILED'
  | 'STORE_UNAVAILABLE'
  | 'INVALID_ORDER'
  | 'UNKNOWN_ORDER'
  | 'NOT_MODIFIABLE'
  | 'NO_POSITION'
  | 'STALE_DATA'
  | 'NO_MARKET_DATA'
  | 'MARKET_CLOSED'
  | 'AUCTION_CUTOFF'
  | 'OPTION_MARKET_ORDER'
  | 'SAME_DAY_EXPIRY'
  | 'TICK_SIZE'
  | 'MAX_QUANTITY'
  | 'MAX_NOTIONAL'
  | 'PRICE_BAND'
  | 'VOLUME_LIMIT'
  | 'POSITION_LIMIT'
  | 'OPEN_ORDERS'
  | 'CONCENTRATION'
  | 'GREEKS_LIMIT'
  | 'ORDER_RATE'
  | 'DUPLICATE_ORDER'
  | 'DAILY_LOSS'
  | 'DRAWDOWN'
  | 'BREAKER_TRIPPED'
  | 'NOT_CONFIRMED';

export interface OrderDenial {
  code: DenialCode;
  /** A sentence a trader understands. */
  message: string;
}

/** A canonical text for an instrument: "SPY", "SPY 2025-01-17 450 C". Keys positions and the cockpit's rows. */
export function instrumentKey(i: Instrument): string {
  if (i.kind === 'stock') return i.symbol;
  return `${i.symbol} ${i.expiry} ${formatStrike(i.strike)} ${i.right === 'call' ? 'C' : 'P'}`;
}

/** The OCC option symbol: root padded to 6, yymmdd, C/P, strike × 1000 in 8 digits ("SPY   250117C00450000"). */
export function occSymbol(i: Extract<Instrument, { kind: 'option' }>): string {
  const yymmdd = i.expiry.slice(2).replaceAll('-', '');
  const strike = String(Math.round(i.strike * 1000)).padStart(8, '0');
  return `${i.symbol.padEnd(6, ' ')}${yymmdd}${i.right === 'call' ? 'C' : 'P'}${strike}`;
}

export function multiplierOf(i: Instrument): number {
  return i.kind === 'option' ? OPTION_MULTIPLIER : 1;
}

function formatStrike(strike: number): string {
  return String(Number(strike.toFixed(4)));
}
