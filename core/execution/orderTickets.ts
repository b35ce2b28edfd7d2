/**
 * From a request to the orders the venue is asked to place: validation (every source, not only the cockpit, whose
 * input the contract has already checked), the records of a single order or a bracket, and a closing order.
 */
import { orderTicketInput } from '../contract/orderInputs';
import { instrumentKey, type BracketLegs, type OrderDenial, type OrderRecord, type OrderRequest, type OrderRole, type OrderSide, type OrderType } from '../market/order';
import type { GateOrder } from '../risk/orderGate';
import type { VenueOrder } from './executionVenue';
import type { BookedPosition } from './positionBook';

const SOURCES = new Set(['ticket', 'approval', 'strategy', 'close', 'flatten', 'reconciliation']);
const BRACKET_PARENT_TYPES: ReadonlySet<OrderType> = new Set(['LMT', 'MKT']);
export const LIMIT_TYPES: ReadonlySet<OrderType> = new Set(['LMT', 'STP LMT', 'LOC']);
export const STOP_TYPES: ReadonlySet<OrderType> = new Set(['STP', 'STP LMT']);

const invalid = (message: string): OrderDenial => ({ code: 'INVALID_ORDER', message });

/** The order ticket's rules (core/contract/orderInputs) for any source, plus who asked; null when valid. */
export function validateOrder(request: OrderRequest): OrderDenial | null {
  const { source, requestedBy, ...ticket } = request;
  if (!SOURCES.has(source)) return invalid(`unknown order source ${JSON.stringify(source)}`);
  if (typeof requestedBy !== 'string' || requestedBy.trim() === '') return invalid('the order does not say who asked for it');
  const parsed = orderTicketInput.safeParse(ticket);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
    return invalid(`The order is not valid: ${problems.join('; ')}.`);
  }
  if (request.bracket && !BRACKET_PARENT_TYPES.has(request.type)) return invalid(`The order is not valid: a bracket's entry must be LMT or MKT, not ${request.type}.`);
  return null;
}

const opposite = (side: OrderSide): OrderSide => (side === 'buy' ? 'sell' : 'buy');

/** The legs as the gate sees them (before ids are known). */
export function gateOrders(request: OrderRequest): GateOrder[] {
  const { instrument, side, quantity, type, bracket } = request;
  const entry = { instrument, side, quantity, type, limitPrice: request.limitPrice ?? null, stopPrice: request.stopPrice ?? null };
  if (!bracket) return [{ ...entry, role: 'single' }];
  const exit = { instrument, side: opposite(side), quantity };
  return [
    { ...entry, role: 'parent' },
    { ...exit, ...exitLeg(bracket) },
    { ...exit, role: 'stopLoss', type: 'STP', limitPrice: null, stopPrice: bracket.stopLossPrice },
  ];
}

/** The bracket's exit besides its stop: a profit taker at its limit, or a market-on-close order. */
function exitLeg(bracket: BracketLegs): Pick<GateOrder, 'role' | 'type' | 'limitPrice' | 'stopPrice'> {
  if ('exitAtClose' in bracket) return { role: 'exitAtClose', type: bracket.exitAtClose, limitPrice: null, stopPrice: null };
  return { role: 'takeProfit', type: 'LMT', limitPrice: bracket.takeProfitPrice, stopPrice: null };
}

/**
 * The records to place, one id each (a bracket: parent, its exit — profit taker or market-on-close — and its stop; the
 * children share an OCA group, so whichever fills first cancels the other).
 */
export function orderRecords(request: OrderRequest, ids: readonly number[], now: number): OrderRecord[] {
  const base = (orderId: number, role: OrderRole, parentId: number | null): OrderRecord => ({
    orderId,
    clientOrderKey: request.clientOrderKey,
    role,
    parentId,
    instrument: request.instrument,
    side: request.side,
    quantity: request.quantity,
    type: request.type,
    limitPrice: request.limitPrice ?? null,
    stopPrice: request.stopPrice ?? null,
    tif: request.tif,
    outsideRth: request.outsideRth,
    ocaGroup: request.ocaGroup ?? null,
    status: 'PendingSubmit',
    filled: 0,
    avgFillPrice: null,
    commission: 0,
    message: null,
    permId: null,
    source: request.source,
    requestedBy: request.requestedBy,
    external: false,
    createdAt: now,
    updatedAt: now,
  });
  if (!request.bracket) return [base(ids[0]!, 'single', null)];
  const [parentId, exitId, stopId] = ids as [number, number, number];
  const oca = request.ocaGroup ?? `bracket-${parentId}`;
  const child = { side: opposite(request.side), ocaGroup: oca, stopPrice: null, limitPrice: null };
  const exit = exitLeg(request.bracket);
  return [
    base(parentId, 'parent', null),
    { ...base(exitId, exit.role, parentId), ...child, type: exit.type, limitPrice: exit.limitPrice },
    { ...base(stopId, 'stopLoss', parentId), ...child, type: 'STP', stopPrice: request.bracket.stopLossPrice },
  ];
}

/** In placing order; only the last transmits, so nothing of a bracket is live before all of it is at the venue. */
export function venueOrders(records: readonly OrderRecord[]): VenueOrder[] {
  return records.map((record, i) => ({ orderId: record.orderId, record, transmit: i === records.length - 1 }));
}

export interface CloseInput {
  clientOrderKey: string;
  limitPrice?: number;
  requestedBy: string;
  reason: string;
}

/** The order that closes the whole position: opposite side, all of it, MKT (or LMT at the given price), DAY. */
export function closingRequest(position: BookedPosition, input: CloseInput): OrderRequest {
  return {
    clientOrderKey: input.clientOrderKey,
    instrument: position.instrument,
    side: position.quantity > 0 ? 'sell' : 'buy',
    quantity: Math.abs(position.quantity),
    type: input.limitPrice === undefined ? 'MKT' : 'LMT',
    ...(input.limitPrice === undefined ? {} : { limitPrice: input.limitPrice }),
    tif: 'DAY',
    outsideRth: false,
    source: 'close',
    requestedBy: input.requestedBy,
    reason: input.reason || `close ${instrumentKey(position.instrument)}`,
  };
}

/** The request an order would have been (for the orderDenied event of a refused change). */
export function requestOf(order: OrderRecord, requestedBy: string, reason: string): OrderRequest {
  return {
    clientOrderKey: order.clientOrderKey,
    instrument: order.instrument,
    side: order.side,
    quantity: order.quantity,
    type: order.type,
    ...(order.limitPrice === null ? {} : { limitPrice: order.limitPrice }),
    ...(order.stopPrice === null ? {} : { stopPrice: order.stopPrice }),
    tif: order.tif,
    outsideRth: order.outsideRth,
    ...(order.ocaGroup === null ? {} : { ocaGroup: order.ocaGroup }),
    source: order.source,
    requestedBy,
    reason,
  };
}
