/**
 * The latched breakers at the order gate (core/risk/breakerLatches.ts): after the live checks (VENUE_NOT_READY,
 * NOT_RECONCILED, STALE_DATA), an order is refused BREAKER_TRIPPED while the connection breaker, or its symbol's
 * stale-data breaker, is tripped and not yet reset by a trader. An order that only shrinks a position passes, as it
 * passes STALE_DATA: closing out must not wait for a reset (while disconnected the live checks still stop it).
 */
import { etDateTime } from '../market/newYorkTime';
import { deny, enteringOrder, reducesPosition } from './checkHelpers';
import type { OrderCheck } from './orderGate';

const BLOCKED_WHAT = { place: 'no new order is sent', modify: 'no order is changed' } as const;
const PASSING = 'Cancels and orders that only shrink a position still go through.';

export const connectionLatchCheck: OrderCheck = (request, context) => {
  const latch = context.latched?.connection;
  if (!latch || reducesPosition(request, context)) return null;
  return deny(
    'BREAKER_TRIPPED',
    `The connection breaker tripped at ${etDateTime(latch.at)} New York time (${latch.reason}): ${BLOCKED_WHAT[request.action]} until a trader resets it (Risk panel, or resetBreaker connection, confirmed) once the connection is back and reconciled. ${PASSING}`,
  );
};

export const staleLatchCheck: OrderCheck = (request, context) => {
  const symbol = enteringOrder(request).instrument.symbol;
  const latch = context.latched?.stale(symbol);
  if (!latch || reducesPosition(request, context)) return null;
  return deny(
    'BREAKER_TRIPPED',
    `The stale-data breaker for ${symbol} tripped at ${etDateTime(latch.at)} New York time (${latch.reason}): ${BLOCKED_WHAT[request.action]} for ${symbol} until a trader resets it (Risk panel, or resetBreaker staleData ${symbol}, confirmed) once its quotes are fresh again. ${PASSING}`,
  );
};
