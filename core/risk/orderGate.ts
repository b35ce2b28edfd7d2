/**
 * The gate every order passes before it reaches a venue: a list of checks, each answering a denial (a reason code
 * and a sentence a trader understands) or null. The first denial wins. Cancels always pass. Each check is a plain
 * function of (request, context) — the context being the facts the order manager gathers, the limits and the time —
 * so the same gate can judge an order, a proposal or an approval. The risk checks live beside it (riskChecks.ts).
 */
import type { TradingState, TradingStateName } from '../contract/contract';
import type { RiskLimits } from '../config/riskSchema';
import { instrumentKey, type Instrument, type OrderDenial, type OrderRole, type OrderSide, type OrderSource, type OrderType, type PositionGreeks } from '../market/order';
import type { Quote } from '../market/quote';
import { connectionLatchCheck } from './breakerChecks';
import type { LatchedBreakers } from './breakerLatches';
import { denialInputs } from './denialInputs';
import { RISK_CHECKS } from './riskChecks';
import { limitsReader, type LimitsInForce } from './riskLimitRules';

/** One order (or one leg of a bracket) as the gate sees it. */
export interface GateOrder {
  instrument: Instrument;
  side: OrderSide;
  /** What is still to fill (a modified order: its new quantity less what has filled). */
  quantity: number;
  role: OrderRole;
  type: OrderType;
  limitPrice: number | null;
  stopPrice: number | null;
}

export type GateRequest =
  | { action: 'place'; orders: readonly GateOrder[]; source: OrderSource }
  | { action: 'modify'; orderId: number; order: GateOrder }
  | { action: 'cancel'; orderId: number };

/** What the engine holds and has working, for checks that ask whether an order reduces exposure. */
export interface Exposure {
  /** Signed quantity held (negative: short); 0 when flat. */
  position(instrument: Instrument): number;
  /**
   * What is still to fill of the working orders on that side (this engine's and TWS's own; one OCA group counts
   * once), with one order counted at a new quantity when it is being modified.
   */
  working(instrument: Instrument, side: OrderSide, replacing?: { orderId: number; quantity: number }): number;
}

/** An option contract's price and greeks per share, from its chain, with its underlying's price. */
export interface OptionMarket {
  mark: number;
  delta: number;
  gamma: number;
  vega: number;
  underlyingPrice: number | null;
  bid?: number | null;
  ask?: number | null;
}

/** Prices the checks compare an order with. */
export interface MarketFacts {
  /** The venue's latest quote of a stock (or an option's underlying); undefined when none has arrived. */
  quote(symbol: string): Quote | undefined;
  /** An option's chain mark and greeks; null when the chain does not have it. */
  option(instrument: Extract<Instrument, { kind: 'option' }>): OptionMarket | null;
}

/** An order this engine placed lately: the rate and duplicate checks look back at these. */
export interface RecentOrder {
  instrumentKey: string;
  side: OrderSide;
  limitPrice: number | null;
  at: number;
}

/** What the order manager knows at the moment of the check. */
export interface GateFacts {
  /** Connected, and its next valid order id known. */
  venueReady: boolean;
  /** Orders, fills and positions checked against the venue's since the last connect. */
  reconciled: boolean;
  exposure: Exposure;
  market: MarketFacts;
  /** This engine's orders not yet final. */
  openOrders: number;
  /** This engine's placements of the last minute or so, oldest first. */
  recentOrders: readonly RecentOrder[];
  /** Today's P&L (realized + unrealized change) and its highest point so far today (at least 0). */
  dayPnl: number;
  dayPnlHigh: number;
  netLiquidation: number | null;
  /** The portfolio's greeks now (dollar figures as the account shows them). */
  greeks: PositionGreeks;
}

export interface GateContext extends GateFacts {
  tradingState: TradingState;
  limits: RiskLimits;
  /** Epoch ms of the check. */
  now: number;
  /** The connection and stale-data breakers tripped and not yet reset; absent: none latch. */
  latched?: LatchedBreakers;
}

export type OrderCheck = (request: Exclude<GateRequest, { action: 'cancel' }>, context: GateContext) => OrderDenial | null;

const deny = (code: OrderDenial['code'], message: string): OrderDenial => ({ code, message });

/** HALTED: nothing new and no changes (cancels pass before any check). */
export const haltedCheck: OrderCheck = (request, { tradingState }) => {
  if (tradingState.state !== 'HALTED') return null;
  const what = request.action === 'modify' ? 'no order is changed' : 'no new order is sent';
  return deny('HALTED', `Trading is HALTED (${tradingState.reason || 'kill switch'}): ${what}. Cancels still go through.`);
};

/** REDUCING: only an order that shrinks the position it trades, counting what is already working on its side. */
export const reducingCheck: OrderCheck = (request, { tradingState, exposure }) => {
  if (tradingState.state !== 'REDUCING') return null;
  if (request.action === 'place' && request.orders.length > 1) {
    return deny('REDUCING_WOULD_INCREASE', 'Trading is REDUCING: a bracket is refused, its exit orders would open a new position.');
  }
  const order = request.action === 'place' ? request.orders[0]! : request.order;
  const name = instrumentKey(order.instrument);
  const held = exposure.position(order.instrument);
  const intro = 'Trading is REDUCING: only orders that shrink a position pass.';
  if (held === 0) return deny('REDUCING_WOULD_INCREASE', `${intro} You hold no ${name}.`);
  const holding = `You are ${held > 0 ? 'long' : 'short'} ${Math.abs(held)} ${name}`;
  const reducingSide: OrderSide = held > 0 ? 'sell' : 'buy';
  if (order.side !== reducingSide) return deny('REDUCING_WOULD_INCREASE', `${intro} ${holding}: a ${order.side} adds to it.`);
  const verb = order.side === 'sell' ? 'selling' : 'buying';
  if (request.action === 'modify') {
    const after = exposure.working(order.instrument, order.side, { orderId: request.orderId, quantity: order.quantity });
    if (after > Math.abs(held)) return deny('REDUCING_WOULD_INCREASE', `${intro} ${holding}: with this change ${verb} ${after} would be working, past flat.`);
    return null;
  }
  const working = exposure.working(order.instrument, order.side);
  if (working + order.quantity > Math.abs(held)) {
    const already = working > 0 ? ` and already have ${working} to ${order.side} working` : '';
    return deny('REDUCING_WOULD_INCREASE', `${intro} ${holding}${already}: ${verb} ${order.quantity} more would go past flat.`);
  }
  return null;
};

export const venueReadyCheck: OrderCheck = (_request, { venueReady }) =>
  venueReady ? null : deny('VENUE_NOT_READY', 'The broker connection is not ready for orders (not connected, or its next order id is not known yet). Try again once it is connected.');

export const reconciledCheck: OrderCheck = (_request, { reconciled }) =>
  reconciled
    ? null
    : deny('NOT_RECONCILED', 'Orders wait until the engine has checked its orders, fills and positions against the broker’s since the last connect. Try again in a moment.');

/**
 * In order: the trading state first (the most important reason), then the venue and its latched breaker, then the
 * risk limits (the stale-data latch right after STALE_DATA).
 */
export const ORDER_CHECKS: readonly OrderCheck[] = [haltedCheck, reducingCheck, venueReadyCheck, reconciledCheck, connectionLatchCheck, ...RISK_CHECKS];

export class OrderGate {
  private readonly limits: { readonly current: RiskLimits };

  constructor(
    private readonly tradingState: { readonly current: TradingState },
    /** Read at each check: a limit changed at runtime applies to the next order. */
    limits: LimitsInForce,
    private readonly checks: readonly OrderCheck[] = ORDER_CHECKS,
    /** The latched breakers (core/risk/breakerLatches.ts); absent: none latch. */
    private readonly latched?: LatchedBreakers,
  ) {
    this.limits = limitsReader(limits);
  }

  get state(): TradingStateName {
    return this.tradingState.current.state;
  }

  /** The first denial of the checks, or null when the request may go to the venue. Cancels always pass. */
  check(request: GateRequest, facts: GateFacts, now: number): OrderDenial | null {
    if (request.action === 'cancel') return null;
    const context = this.context(facts, now);
    for (const check of this.checks) {
      const denial = check(request, context);
      if (denial) return denial;
    }
    return null;
  }

  /**
   * What the checks saw for a request that was denied (the audit's and the Risk panel's inputs): built only on a
   * denial, the check itself stays cheap.
   */
  inputs(request: Exclude<GateRequest, { action: 'cancel' }>, facts: GateFacts, now: number, denial: OrderDenial): Record<string, unknown> {
    return denialInputs(request, this.context(facts, now), denial.code);
  }

  private context(facts: GateFacts, now: number): GateContext {
    return { ...facts, tradingState: this.tradingState.current, limits: this.limits.current, now, latched: this.latched };
  }
}
