/** Small pieces the risk checks share: the orders of a request, an order's price and whether it reduces a position. */
import { instrumentKey, multiplierOf, type DenialCode, type OrderDenial, type OrderSide } from '../market/order';
import type { GateContext, GateOrder, GateRequest } from './orderGate';

export type CheckedRequest = Exclude<GateRequest, { action: 'cancel' }>;

export const deny = (code: DenialCode, message: string): OrderDenial => ({ code, message });

/** The orders a request would send: every leg of a bracket, or the one order being changed. */
export function ordersOf(request: CheckedRequest): readonly GateOrder[] {
  return request.action === 'place' ? request.orders : [request.order];
}

/** The order that can open or add to a position: a single order or a bracket's parent (its exits only close). */
export function enteringOrder(request: CheckedRequest): GateOrder {
  return request.action === 'place' ? request.orders[0]! : request.order;
}

export const nameOf = (order: GateOrder): string => instrumentKey(order.instrument);

/** "$1,250", "-$1,000": whole dollars. */
export const money = (n: number): string => `${n < 0 ? '-' : ''}$${Math.abs(Math.round(n)).toLocaleString('en-US')}`;

const sign = (side: OrderSide): number => (side === 'buy' ? 1 : -1);

/** What the market would charge (a buy: the ask) or pay (a sell: the bid), else the last (an option: the chain's mark). */
export function marketPrice(order: GateOrder, { market }: GateContext): number | null {
  if (order.instrument.kind === 'option') {
    const option = market.option(order.instrument);
    if (!option) return null;
    return (order.side === 'buy' ? option.ask : option.bid) ?? option.mark;
  }
  const quote = market.quote(order.instrument.symbol);
  if (!quote) return null;
  const touch = order.side === 'buy' ? quote.ask : quote.bid;
  return touch ?? quote.last;
}

/** The price an order is valued at: its limit, else its stop, else the market's. */
export function orderPrice(order: GateOrder, context: GateContext): number | null {
  return order.limitPrice ?? order.stopPrice ?? marketPrice(order, context);
}

/** The signed position of the order's instrument once it and the working orders on its side have filled. */
export function positionAfter(request: CheckedRequest, context: GateContext): { held: number; after: number } {
  const order = enteringOrder(request);
  const held = context.exposure.position(order.instrument);
  const working =
    request.action === 'modify'
      ? context.exposure.working(order.instrument, order.side, { orderId: request.orderId, quantity: order.quantity })
      : context.exposure.working(order.instrument, order.side) + order.quantity;
  return { held, after: held + sign(order.side) * working };
}

/** An order that only shrinks the position it trades (the working orders on its side counted): loss limits let it pass. */
export function reducesPosition(request: CheckedRequest, context: GateContext): boolean {
  if (request.action === 'place' && request.orders.length > 1) return false;
  const { held, after } = positionAfter(request, context);
  return held !== 0 && Math.sign(after) !== -Math.sign(held) && Math.abs(after) < Math.abs(held);
}

/** Shares, counting an option contract as its multiplier (100). */
export const shares = (order: GateOrder, quantity: number): number => Math.abs(quantity) * multiplierOf(order.instrument);

export const signedQuantity = (order: GateOrder): number => sign(order.side) * order.quantity;
