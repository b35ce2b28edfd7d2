import { EventName, type Contract, type Execution, type IBApi, type Order, type OrderState } from '@stoqey/ib';
import type { VenueFill, VenueOrderReport, VenuePosition } from '../../../bus/catalogue';
import type { VenueSnapshot } from '../../../execution/executionVenue';
import { describeIbOrder, executionFilterTime, fillOf, instrumentOf } from './ibOrderMapping';

/** How long each part of a snapshot may take before it fails by name. */
const PART_TIMEOUT_MS = 10_000;

/**
 * Asks the gateway what it knows (all open orders, executions since a time, positions) and collects the answers until
 * each part's end message. `send` passes each request through the socket's send budget. The live listeners publish the same messages as they arrive; this only gathers them.
 */
export async function takeSnapshot(api: IBApi, send: (message: () => void) => void, clientId: number, executionsReqId: number, since: number): Promise<VenueSnapshot> {
  const openOrders = await collect<VenueOrderReport>(api, 'open orders', (add, done) => {
    const onOrder = (orderId: number, contract: Contract, order: Order, state: OrderState) =>
      add({
        venue: 'ibkr', orderId, status: state.status ?? null, filled: null, remaining: null, avgFillPrice: null,
        permId: order.permId ?? null, order: describeIbOrder(contract, order), error: null, external: order.clientId !== clientId, at: Date.now(),
      });
    return listen(api, [[EventName.openOrder, onOrder], [EventName.openOrderEnd, done]], () => send(() => api.reqAllOpenOrders()));
  });
  const fills = await collect<VenueFill>(api, 'executions', (add, done) => {
    const onExec = (reqId: number, contract: Contract, execution: Execution) => {
      const fill = reqId === executionsReqId ? fillOf(contract, execution) : null;
      if (fill) add({ venue: 'ibkr', fill, external: execution.clientId !== clientId });
    };
    const onEnd = (reqId: number) => reqId === executionsReqId && done();
    return listen(api, [[EventName.execDetails, onExec], [EventName.execDetailsEnd, onEnd]], () =>
      send(() => api.reqExecutions(executionsReqId, { time: executionFilterTime(since) })));
  });
  const positions = await collect<VenuePosition>(api, 'positions', (add, done) => {
    const onPosition = (account: string, contract: Contract, quantity: number, avgCost?: number) => {
      const instrument = instrumentOf(contract);
      if (instrument) add({ venue: 'ibkr', account, instrument, quantity, avgCost: perShare(avgCost ?? 0, instrument.kind), marketPrice: null, at: Date.now() });
    };
    const onEnd = () => {
      send(() => api.cancelPositions());
      done();
    };
    return listen(api, [[EventName.position, onPosition], [EventName.positionEnd, onEnd]], () => send(() => api.reqPositions()));
  });
  return { openOrders, fills, positions };
}

/** TWS reports an option's average cost per contract (× multiplier); the engine keeps it per share. */
export function perShare(avgCost: number, kind: 'stock' | 'option'): number {
  return kind === 'option' ? avgCost / 100 : avgCost;
}

type Handler = (...args: never[]) => void;
/** IBApi's overloads name each event's arguments; here handlers of several events are added and removed alike. */
type Emitter = { on(event: string, handler: Handler): void; off(event: string, handler: Handler): void };

function listen(api: IBApi, handlers: Array<[EventName, Handler]>, send: () => void): () => void {
  const emitter = api as unknown as Emitter;
  for (const [event, handler] of handlers) emitter.on(event, handler);
  send();
  return () => {
    for (const [event, handler] of handlers) emitter.off(event, handler);
  };
}

function collect<T>(api: IBApi, what: string, start: (add: (item: T) => void, done: () => void) => () => void): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const items: T[] = [];
    let stop = () => undefined as void;
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`TWS did not finish sending ${what} within ${PART_TIMEOUT_MS} ms`));
    }, PART_TIMEOUT_MS);
    const onClosed = () => {
      clearTimeout(timer);
      stop();
      reject(new Error(`the TWS session ended while it sent ${what}`));
    };
    api.once(EventName.disconnected, onClosed);
    stop = start(
      (item) => items.push(item),
      () => {
        clearTimeout(timer);
        stop();
        api.off(EventName.disconnected, onClosed);
        resolve(items);
      },
    );
  });
}
