/**
 * Positions and the account valued at marks, as pure functions.
 *
 * Greeks (q = signed quantity, m = multiplier: 100 for options, 1 for stocks, S = underlying price; Δ Γ Θ V are per
 * share as the chain gives them; a stock is Δ = 1, Γ = Θ = V = 0):
 * - a position's `delta`, `gamma`, `theta`, `vega` are per contract (per share), from the chain;
 * - deltaDollars = q·Δ·m·S: the share-equivalent exposure in dollars (dollars per 100% move of the underlying);
 * - gammaDollars = q·Γ·m·S²/100: how much deltaDollars changes for a 1% move;
 * - thetaDollars = q·Θ·m: dollars per calendar day; vegaDollars = q·V·m: dollars per volatility point;
 * - the account's (portfolio's) `delta` = Σ q·Δ·m (share-equivalent), `gamma` = Σ q·Γ·m, `theta` = Σ thetaDollars,
 *   `vega` = Σ vegaDollars, and each dollar figure is the sum of the positions'. Stocks count in delta (a stock
 *   hedge is part of the book's delta); a position without a mark (or an option without its underlying's price)
 *   adds nothing.
 *
 * Day P&L = today's realized P&L (net of commissions) + Σ (unrealized now − unrealized when the day began), the
 * latter taken at the New York day change with the last marks known (the previous session's close, in effect) or
 * at the first mark after it; a position opened today starts at 0.
 */
import type { Quote } from '../market/quote';
import { multiplierOf, type AccountSnapshot, type Instrument, type Position, type PositionGreeks } from '../market/order';
import { unrealizedAt, type BookedPosition } from './positionBook';

export type OptionInstrument = Extract<Instrument, { kind: 'option' }>;

/** An option contract's mark and greeks from the chain (per share), with its underlying's price. */
export interface OptionMark {
  mark: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  underlyingPrice: number | null;
  /** The chain's touch, when it has one: what the risk checks measure a limit price against. */
  bid?: number | null;
  ask?: number | null;
}

/** What the app gives the order manager to mark option positions (from the chain); null when it has none. */
export type OptionMarks = (instrument: OptionInstrument) => OptionMark | null;

export interface Mark {
  price: number;
  /** Per share; a stock's are Δ 1 and the rest 0. */
  greeks: { delta: number; gamma: number; theta: number; vega: number };
  underlyingPrice: number | null;
}

export const ZERO_GREEKS: PositionGreeks = { delta: 0, gamma: 0, theta: 0, vega: 0, deltaDollars: 0, gammaDollars: 0, thetaDollars: 0, vegaDollars: 0 };

/** A stock's mark: its last price, else the middle of bid and ask; null while neither is known. */
export function stockMark(quote: Quote | undefined): Mark | null {
  if (!quote) return null;
  const price = quote.last ?? (quote.bid !== null && quote.ask !== null ? (quote.bid + quote.ask) / 2 : null);
  if (price === null || !Number.isFinite(price) || price <= 0) return null;
  return { price, greeks: { delta: 1, gamma: 0, theta: 0, vega: 0 }, underlyingPrice: price };
}

export function optionMark(mark: OptionMark | null, underlying: Mark | null): Mark | null {
  if (!mark || !Number.isFinite(mark.mark) || mark.mark < 0) return null;
  const { delta, gamma, theta, vega } = mark;
  return { price: mark.mark, greeks: { delta, gamma, theta, vega }, underlyingPrice: mark.underlyingPrice ?? underlying?.price ?? null };
}

export function positionGreeks(p: BookedPosition, mark: Mark): PositionGreeks | null {
  const S = mark.underlyingPrice;
  if (S === null) return null;
  const { delta, gamma, theta, vega } = mark.greeks;
  const qm = p.quantity * multiplierOf(p.instrument);
  // + 0 turns a short stock's -0 into 0.
  return { delta, gamma, theta, vega, deltaDollars: qm * delta * S + 0, gammaDollars: (qm * gamma * S * S) / 100 + 0, thetaDollars: qm * theta + 0, vegaDollars: qm * vega + 0 };
}

export function valuePosition(p: BookedPosition, mark: Mark | null): Position {
  const multiplier = multiplierOf(p.instrument);
  return {
    instrument: p.instrument,
    quantity: p.quantity,
    avgCost: p.avgCost,
    multiplier,
    marketPrice: mark?.price ?? null,
    marketValue: mark ? mark.price * p.quantity * multiplier : null,
    unrealizedPnl: mark ? unrealizedAt(p, mark.price) : null,
    realizedPnl: p.realizedPnl,
    dayRealizedPnl: p.dayRealizedPnl,
    greeks: mark ? positionGreeks(p, mark) : null,
    updatedAt: p.updatedAt,
  };
}

/** The portfolio's greeks: see the formulas at the top of this file. */
export function portfolioGreeks(positions: readonly Position[]): PositionGreeks {
  const sum = { ...ZERO_GREEKS };
  for (const p of positions) {
    if (!p.greeks) continue;
    const qm = p.quantity * p.multiplier;
    sum.delta += qm * p.greeks.delta;
    sum.gamma += qm * p.greeks.gamma;
    sum.theta += p.greeks.thetaDollars;
    sum.vega += p.greeks.vegaDollars;
    sum.deltaDollars += p.greeks.deltaDollars;
    sum.gammaDollars += p.greeks.gammaDollars;
    sum.thetaDollars += p.greeks.thetaDollars;
    sum.vegaDollars += p.greeks.vegaDollars;
  }
  return sum;
}

/** A summary value as the venue keeps it: "100500.25", or as the IB data module stores TWS's, "100500.25 USD". */
const amountPattern = /^\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)(?:\s+([A-Z]{3}))?\s*$/i;
const number = (text: string | undefined): number | null => {
  const match = amountPattern.exec(text ?? '');
  return match ? Number(match[1]) : null;
};
const currencyOf = (text: string | undefined): string | undefined => amountPattern.exec(text ?? '')?.[2];

/** A position as kept (booked) and as valued at its mark. */
export interface ValuedPosition {
  booked: BookedPosition;
  position: Position;
}

/** The account: the venue's summary values (text, as TWS gives them) with the book's P&L and greeks. */
export function accountSnapshot(fields: Readonly<Record<string, string>>, positions: readonly ValuedPosition[], now: number): AccountSnapshot {
  let realizedPnl = 0;
  let unrealizedPnl = 0;
  let dayPnl = 0;
  for (const { booked, position } of positions) {
    realizedPnl += booked.realizedPnl;
    dayPnl += booked.dayRealizedPnl;
    // A flat position has no unrealized P&L, mark or not; one without a mark adds nothing it cannot know.
    const unrealized = booked.quantity === 0 ? 0 : position.unrealizedPnl;
    if (unrealized === null) continue;
    unrealizedPnl += unrealized;
    if (booked.dayStartUnrealized !== null) dayPnl += unrealized - booked.dayStartUnrealized;
  }
  return {
    account: fields.account ?? fields.accounts ?? null,
    currency: fields.currency ?? currencyOf(fields.NetLiquidation) ?? 'USD',
    netLiquidation: number(fields.NetLiquidation),
    buyingPower: number(fields.BuyingPower),
    excessLiquidity: number(fields.ExcessLiquidity),
    availableFunds: number(fields.AvailableFunds),
    dayPnl,
    realizedPnl,
    unrealizedPnl,
    greeks: portfolioGreeks(positions.map((p) => p.position)),
    updatedAt: now,
  };
}
