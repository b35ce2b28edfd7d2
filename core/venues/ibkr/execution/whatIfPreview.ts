import { EventName, type Contract, type IBApi, type Order, type OrderState } from '@stoqey/ib';
import type { OrderPreview } from '../../../market/order';

/**
 * Sends a what-if order and waits for the gateway's answer: an openOrder for that id whose order state carries the
 * margin and commission impact, or an error for that id (the gateway's reason).
 */
export function whatIfPreview(api: IBApi, orderId: number, timeoutMs: number, send: () => void): Promise<OrderPreview> {
  return new Promise((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      api.off(EventName.openOrder, onOrder);
      api.off(EventName.error, onError);
    };
    const onOrder = (id: number, _contract: Contract, order: Order, state: OrderState) => {
      if (id !== orderId || !order.whatIf) return;
      finish();
      resolve(previewOf(state));
    };
    const onError = (error: Error, code: number, reqId: number) => {
      if (reqId !== orderId) return;
      finish();
      reject(new Error(`TWS refused the what-if order (${code}): ${error?.message ?? String(error)}`));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`TWS did not answer the what-if order within ${timeoutMs} ms`));
    }, timeoutMs);
    api.on(EventName.openOrder, onOrder);
    api.on(EventName.error, onError);
    send();
  });
}

function previewOf(state: OrderState): OrderPreview {
  return {
    initMarginChange: money(state.initMarginChange),
    maintMarginChange: money(state.maintMarginChange),
    equityWithLoanChange: money(state.equityWithLoanChange),
    commission: money(state.commission),
    minCommission: money(state.minCommission),
    maxCommission: money(state.maxCommission),
    notional: null,
    warning: state.warningText || null,
  };
}

/** TWS sends Double.MAX_VALUE (or nothing) for figures it does not know. */
function money(value: number | string | undefined): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return n !== undefined && Number.isFinite(n) && Math.abs(n) < 1e300 ? n : null;
}
