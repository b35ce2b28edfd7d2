/**
 * Flatten all's pieces that need no bus: the closing order of one position (its type and price by instrument and
 * session) and a leg's status from its order and what is still held.
 */
import type { FlattenLeg, FlattenLegStatus } from '../contract/riskView';
import { nyseSession } from '../market/marketCalendar';
import { instrumentKey, type OrderRecord, type OrderRequest, type OrderSide } from '../market/order';
import type { Quote } from '../market/quote';
import { isFinal } from './orderStateMachine';
import type { BookedPosition } from './positionBook';
import type { OptionInstrument, OptionMarks } from './positionValuation';

export interface ClosingMarket {
  quote: (symbol: string) => Quote | undefined;
  optionMarks: OptionMarks;
  /** config.yaml risk.marketCalendar: always-open trades MKT at any hour (the simulator's practice mode). */
  marketCalendar: 'nyse' | 'always-open';
  now: number;
}

export interface ClosingRun {
  runId: string;
  requestedBy: string;
  reason: string;
}

type Pricing = Pick<OrderRequest, 'type' | 'limitPrice' | 'outsideRth'>;

const FINAL_LEG: ReadonlySet<FlattenLegStatus> = new Set(['flat', 'refused', 'failed']);

export function isFinalLeg(leg: FlattenLeg): boolean {
  return FINAL_LEG.has(leg.status);
}

export function newLeg(position: BookedPosition): FlattenLeg {
  return { instrumentKey: instrumentKey(position.instrument), startQuantity: position.quantity, remaining: position.quantity, orderId: null, status: 'sending', message: null };
}

/** Unique per run and instrument, so a retried submit is recognised as the same order and never doubles. */
export function flattenOrderKey(runId: string, key: string): string {
  return `flatten-${runId}-${key.replace(/[^A-Za-z0-9_.:-]/g, '_')}`.slice(0, 64);
}

/** The order that closes the position, or why none can be priced (the leg is then refused). */
export function flattenOrder(position: BookedPosition, market: ClosingMarket, run: ClosingRun): OrderRequest | string {
  const side: OrderSide = position.quantity > 0 ? 'sell' : 'buy';
  const { instrument } = position;
  const pricing = instrument.kind === 'option' ? optionPricing(instrument, side, market) : stockPricing(instrument.symbol, side, market);
  if (typeof pricing === 'string') return pricing;
  const key = instrumentKey(position.instrument);
  return {
    clientOrderKey: flattenOrderKey(run.runId, key),
    instrument: position.instrument,
    side,
    quantity: Math.abs(position.quantity),
    ...pricing,
    tif: 'DAY',
    source: 'flatten',
    requestedBy: run.requestedBy,
    reason: `flatten all: ${run.reason}`,
  };
}

/** Options: a limit at the bid (sell) or ask (buy) of the chain, since market orders on options are not sent. */
function optionPricing(option: OptionInstrument, side: OrderSide, market: ClosingMarket): Pricing | string {
  const mark = market.optionMarks(option);
  const price = side === 'sell' ? mark?.bid : mark?.ask;
  if (!price) return `No ${side === 'sell' ? 'bid' : 'ask'} for ${instrumentKey(option)} in the option chain: close it by hand with a limit price.`;
  return { type: 'LMT', limitPrice: price, outsideRth: false };
}

/** Stocks: MKT in regular hours; outside them a limit at the touch (bid to sell, ask to buy), since MKT is refused then. */
function stockPricing(symbol: string, side: OrderSide, market: ClosingMarket): Pricing | string {
  if (market.marketCalendar === 'always-open' || inRegularHours(market.now)) return { type: 'MKT', outsideRth: false };
  const quote = market.quote(symbol);
  const price = side === 'sell' ? quote?.bid : quote?.ask;
  if (!price || price <= 0) return `Outside regular hours ${symbol} is closed with a limit at the ${side === 'sell' ? 'bid' : 'ask'}, and there is none: close it by hand.`;
  return { type: 'LMT', limitPrice: price, outsideRth: true };
}

function inRegularHours(now: number): boolean {
  const session = nyseSession(now);
  return session !== null && now >= session.open && now < session.close;
}

/** The leg after its order or position moved: flat at 0 held; failed when its order ended with some still held. */
export function updatedLeg(leg: FlattenLeg, held: number, order: OrderRecord | undefined): FlattenLeg {
  if (isFinalLeg(leg)) return leg;
  const next: FlattenLeg = { ...leg, remaining: held, message: order?.message ?? leg.message };
  if (held === 0) return { ...next, status: 'flat' };
  if (!order) return next;
  if (isFinal(order.status) && order.status !== 'Filled') return { ...next, status: 'failed', message: order.message ?? `the closing order ended ${order.status}` };
  return { ...next, status: 'working' };
}
