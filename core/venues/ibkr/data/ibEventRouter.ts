import { EventName, type ContractDetails, type IBApi } from '@stoqey/ib';
import type { DepthUpdate } from './depthBook';
import type { MarketDataPublisher } from './marketDataPublisher';
import type { SubscriptionRegistry } from './subscriptionRegistry';
import { liveTick, TICK } from '../../../market/tickTypes';

export interface RouterHandlers {
  onIbMessage(code: number, reqId: number, message: string): void;
  onAccounts(accounts: string): void;
  onAccountSummary(account: string, tag: string, value: string, currency: string): void;
  onContractDetails(reqId: number, details: ContractDetails): void;
  onContractDetailsEnd(reqId: number): void;
  /** A listener threw: a bug or input nobody foresaw. Reported, never allowed into the IB decoder loop. */
  onHandlerFailure(event: string, error: unknown): void;
}

/**
 * Translates one IBApi's events into domain updates, by request id. Every listener is guarded: an exception
 * escaping into @stoqey/ib's decoder would be re-thrown from its socket handler and take the engine down.
 */
export function routeIbEvents(api: IBApi, registry: SubscriptionRegistry, publisher: MarketDataPublisher, handlers: RouterHandlers): void {
  const guard = <A extends unknown[]>(event: string, fn: (...args: A) => void) => (...args: A): void => {
    try {
      fn(...args);
    } catch (error) {
      handlers.onHandlerFailure(event, error);
    }
  };
  const depth: DepthUpdate = { position: 0, operation: 0, side: 0, price: 0, size: 0, exchange: '', marketMaker: '' };

  api.on(EventName.tickPrice, guard('tickPrice', (reqId: number, tickType: number, price: number) => {
    const sub = registry.lookup(reqId);
    if (sub?.spec.kind === 'ticker') publisher.onPrice(sub.spec.symbol, liveTick(tickType), price, Date.now());
  }));
  api.on(EventName.tickSize, guard('tickSize', (reqId: number, tickType?: number, size?: number) => {
    const sub = registry.lookup(reqId);
    if (sub?.spec.kind === 'ticker' && tickType !== undefined) publisher.onSize(sub.spec.symbol, liveTick(tickType), size, Date.now());
  }));
  api.on(EventName.tickGeneric, guard('tickGeneric', (reqId: number, tickType: number, value: number) => {
    const sub = registry.lookup(reqId);
    if (sub?.spec.kind === 'ticker' && tickType === TICK.HALTED) publisher.onHalted(sub.spec.symbol, value, Date.now());
  }));
  api.on(EventName.tickString, guard('tickString', (reqId: number, tickType: number, value: string) => {
    const sub = registry.lookup(reqId);
    if (sub?.spec.printsFromRtVolume && tickType === TICK.RT_VOLUME) publisher.onRtVolume(sub.spec.symbol, value, Date.now());
  }));
  api.on(EventName.updateMktDepthL2, guard('updateMktDepthL2', (reqId: number, position: number, marketMaker: string, operation: number, side: number, price: number, size: number, isSmartDepth?: boolean) => {
    const sub = registry.lookup(reqId);
    if (sub?.spec.kind !== 'depth') return;
    depth.position = position;
    depth.operation = operation;
    depth.side = side;
    depth.price = price;
    depth.size = size;
    depth.marketMaker = marketMaker;
    depth.exchange = isSmartDepth === false ? 'SMART' : marketMaker;
    publisher.onDepth(sub.spec.symbol, depth, Date.now());
  }));
  api.on(EventName.updateMktDepth, guard('updateMktDepth', (reqId: number, position: number, operation: number, side: number, price: number, size: number) => {
    const sub = registry.lookup(reqId);
    if (sub?.spec.kind !== 'depth') return;
    Object.assign(depth, { position, operation, side, price, size, exchange: 'SMART', marketMaker: '' });
    publisher.onDepth(sub.spec.symbol, depth, Date.now());
  }));
  api.on(EventName.realtimeBar, guard('realtimeBar', (reqId: number, time: number, open: number, high: number, low: number, close: number, volume: number, wap: number, count: number) => {
    const sub = registry.lookup(reqId);
    if (sub?.spec.kind !== 'bars') return;
    publisher.onBar(sub.spec.symbol, { symbol: sub.spec.symbol, time: time * 1000, open, high, low, close, volume, wap, count }, Date.now());
  }));
  api.on(EventName.error, guard('error', (error: Error, code: number, reqId: number) => handlers.onIbMessage(code, reqId, error?.message ?? String(error))));
  api.on(EventName.info, guard('info', (message: string, code: number) => handlers.onIbMessage(code, -1, message)));
  api.on(EventName.managedAccounts, guard('managedAccounts', (accounts: string) => handlers.onAccounts(accounts)));
  api.on(EventName.accountSummary, guard('accountSummary', (_reqId: number, account: string, tag: string, value: string, currency: string) =>
    handlers.onAccountSummary(account, tag, value, currency)));
  api.on(EventName.contractDetails, guard('contractDetails', (reqId: number, details: ContractDetails) => handlers.onContractDetails(reqId, details)));
  api.on(EventName.contractDetailsEnd, guard('contractDetailsEnd', (reqId: number) => handlers.onContractDetailsEnd(reqId)));
}
