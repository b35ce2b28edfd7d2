import { encodeCommissionReport, encodeExecution, encodeOpenOrder, encodeOrderStatus } from './encoders/orderEncoders';
import type { OrderListener } from './orders/orderEngine';
import type { GatewayContext } from './session/gatewayContext';
import type { Session } from './session/session';

function sessionsOf(ctx: GatewayContext, clientId: number): Session[] {
  return [...ctx.sessions].filter((s) => s.started && s.clientId === clientId);
}

/** Routes order events to the sessions of the clientId that owns the order, and position changes to account subscribers. */
export function orderRouting(getCtx: () => GatewayContext): OrderListener {
  return {
    openOrder: (clientId, view) => sessionsOf(getCtx(), clientId).forEach((s) => s.send(encodeOpenOrder, view)),
    orderStatus: (clientId, view) => sessionsOf(getCtx(), clientId).forEach((s) => s.send(encodeOrderStatus, view)),
    execution: (clientId, exec, commission) =>
      sessionsOf(getCtx(), clientId).forEach((s) => {
        s.send(encodeExecution, exec);
        s.send(encodeCommissionReport, commission);
      }),
    error: (clientId, id, code, message) => sessionsOf(getCtx(), clientId).forEach((s) => s.error(id, code, message)),
    portfolioChanged: (conId) => getCtx().accountUpdates.positionChanged(conId),
  };
}
