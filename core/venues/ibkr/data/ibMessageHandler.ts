import type { ContractBook } from './contractBook';
import type { IbErrorLog, IbErrorRecord } from '../connection/ibErrorLog';
import { classifyIbCode } from '../connection/ibErrorTable';
import type { IngestMetrics } from './ingestMetrics';
import type { MarketDataPublisher } from './marketDataPublisher';
import type { SessionSubscriptions } from './sessionSubscriptions';
import type { SubscriptionRegistry } from './subscriptionRegistry';

/** Connection-level conditions the IB messages report (the connection owner handles 326, 502 and closes). */
export class UpstreamStatus {
  connectivityLost = false;
  marketDataFarmDown = false;
  /** Symbols TWS serves delayed data for (10167 on one of their requests) until they are requested again. */
  readonly delayedSymbols = new Set<string>();

  /** Why live data is interrupted right now, or null. */
  get interruption(): string | null {
    if (this.connectivityLost) return 'connectivity between IB and TWS lost (1100)';
    if (this.marketDataFarmDown) return 'market-data farm down (2103)';
    return null;
  }
}

export interface MessageHandlerDeps {
  log: IbErrorLog;
  metrics: IngestMetrics;
  registry: SubscriptionRegistry;
  contracts: ContractBook;
  subscriptions: SessionSubscriptions;
  publisher: MarketDataPublisher;
  upstream: UpstreamStatus;
  /** Every recorded error or notice, for monitoring:ibkr:errors (published on the bus). */
  reportError(record: IbErrorRecord): void;
  reportBadInput(problem: string): void;
  level2Symbols: readonly string[];
}

/** Reacts to one IB error/info message as the error table classifies it. */
export function handleIbMessage(d: MessageHandlerDeps, code: number, reqId: number, message: string): void {
  const now = Date.now();
  const sub = reqId >= 0 ? d.registry.lookup(reqId) : undefined;
  d.metrics.updates.errors++;
  d.reportError(d.log.record(code, reqId, message, sub?.spec.id ?? null, now));
  const cls = classifyIbCode(code);
  switch (cls.action) {
    case 'connectivityLost':
      d.upstream.connectivityLost = true;
      return;
    case 'restoredDataLost':
      d.upstream.connectivityLost = false;
      d.upstream.delayedSymbols.clear();
      for (const symbol of d.level2Symbols) d.publisher.clearBook(symbol, now);
      d.subscriptions.resubscribeAll();
      return;
    case 'restoredDataKept':
      d.upstream.connectivityLost = false;
      return;
    case 'farmDown':
      if (code === 2103 || code === 10182) d.upstream.marketDataFarmDown = true;
      return;
    case 'farmUp':
      if (code === 2104) d.upstream.marketDataFarmDown = false;
      return;
    case 'delayedData':
      if (sub) d.upstream.delayedSymbols.add(sub.spec.symbol);
      return;
    case 'depthReset':
      if (sub) d.publisher.resetDepth(sub.spec.symbol, now);
      return;
    case 'decodeError':
      d.metrics.decodeErrors++;
      d.reportBadInput(`IB message could not be decoded (${code}): ${message}`);
      if (lostDepthUpdate(message)) for (const symbol of d.level2Symbols) d.subscriptions.rebuildDepth(symbol, now);
      return;
    default:
      return refuseIfSubscription(d, reqId, code, message, cls.action === 'pacing', cls.severity === 'error');
  }
}

/** stoqey drops a message it cannot read to the end ("Underrun"); a lost depth update leaves the book wrong. */
function lostDepthUpdate(message: string): boolean {
  return message.includes('Underrun') && message.includes('MARKET_DEPTH');
}

function refuseIfSubscription(d: MessageHandlerDeps, reqId: number, code: number, message: string, pacing: boolean, isError: boolean): void {
  if (reqId < 0) return;
  if (d.contracts.onError(reqId, code, message)) return;
  const sub = d.registry.lookup(reqId);
  if (sub && (pacing || isError)) d.subscriptions.refused(sub, code, message, pacing);
}
