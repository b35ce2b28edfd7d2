import { encodeAccountValue, encodePortfolioValue, encodePosition } from './encoders/accountEncoders';
import { encodeCommissionReport, encodeExecution, encodeOpenOrder, encodeOrderStatus } from './encoders/orderEncoders';
import type { OrderListener } from './orders/orderEngine';
import type { GatewayContext } from './session/gatewayContext';
import { accountValues } from './session/handlers/accountValues';
import type { Session } from './session/session';

function sessionsOf(ctx: GatewayContext, clientId: number): Session[] {
  return [...ctx.sessions].filter((s) => s.started && s.clientId === clientId);
}

/** Routes order events to the sessions of the clientId that owns the order, and position changes to subscribers. */
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
    portfolioChanged: (conId) => {
      const ctx = getCtx();
      const position = ctx.portfolio.position(conId);
      const holding = ctx.portfolio.portfolio().find((p) => p.contract.conId === conId);
      for (const s of ctx.sessions) {
        if (!s.started) continue;
        if (s.subs.positions && position) s.send(encodePosition, position);
        if (s.subs.accountUpdates && holding) {
          s.send(encodePortfolioValue, holding);
          for (const v of accountValues(ctx.portfolio).slice(1, 3)) {
            s.send(encodeAccountValue, { key: v.tag, value: v.value, currency: v.currency, account: ctx.portfolio.account });
          }
        }
      }
    },
  };
}
