import { WhatToShow } from '@stoqey/ib';
import type { ContractBook } from './contractBook';
import type { IbSession } from '../connection/ibConnection';
import type { IngestMetrics } from './ingestMetrics';
import { subscriptionPlan, type PlannedSymbol, type SubscriptionSpec } from './subscriptionPlan';
import type { ActiveSubscription, SubscriptionRegistry } from './subscriptionRegistry';
import { DEPTH_ROWS } from './symbolState';

const QUALIFY_TIMEOUT_MS = 15_000;
/** TWS refuses an identical real-time request within 15 s (420/162): wait it out, then request once more. */
const PACING_RETRY_MS = 16_000;
/** A broken book is re-requested at most this often per symbol. */
const REBUILD_MIN_GAP_MS = 1_000;
const ACCOUNT_TAGS = 'NetLiquidation,TotalCashValue,BuyingPower,AvailableFunds,ExcessLiquidity';

/**
 * Sends the subscription plan on a session, exactly once per session: every request goes through the
 * registry (one live request id per subscription) and the session's pacer (below 50 messages/s).
 */
export class SessionSubscriptions {
  readonly plan: SubscriptionSpec[];
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly lastRebuild = new Map<string, number>();

  constructor(
    symbols: readonly PlannedSymbol[],
    private readonly registry: SubscriptionRegistry,
    private readonly contracts: ContractBook,
    private readonly metrics: IngestMetrics,
    private readonly current: () => IbSession | undefined,
    private readonly clearBook: (symbol: string) => void,
    private readonly pacingRetryMs = PACING_RETRY_MS,
  ) {
    this.plan = subscriptionPlan(symbols);
  }

  /** A new session: qualify what is not yet qualified, then subscribe everything. */
  async begin(session: IbSession): Promise<void> {
    this.cancelRetries();
    this.registry.clear();
    const symbols = [...new Set(this.plan.map((s) => s.symbol))];
    await this.contracts.qualify(session, symbols, () => this.registry.oneOffReqId(), QUALIFY_TIMEOUT_MS);
    if (this.current() !== session) return;
    const accountReqId = this.registry.oneOffReqId();
    session.pacer.enqueue(() => session.api.reqAccountSummary(accountReqId, 'All', ACCOUNT_TAGS));
    for (const spec of this.plan) this.subscribe(session, spec);
  }

  end(): void {
    this.cancelRetries();
    this.registry.clear();
    this.contracts.abandon();
  }

  /** 1101: TWS dropped every subscription; request them all again on the same session. */
  resubscribeAll(): void {
    const session = this.current();
    if (!session) return;
    this.metrics.resubscribes++;
    for (const spec of this.plan) this.subscribe(session, spec);
  }

  /** A book that could not take an update: cancel its depth request and ask for the whole book again. */
  rebuildDepth(symbol: string, now: number): boolean {
    const session = this.current();
    const spec = this.plan.find((s) => s.symbol === symbol && s.kind === 'depth');
    if (!session || !spec || now - (this.lastRebuild.get(symbol) ?? 0) < REBUILD_MIN_GAP_MS) return false;
    this.lastRebuild.set(symbol, now);
    const old = this.registry.retire(spec.id);
    if (old && !old.refused) session.pacer.enqueue(() => session.api.cancelMktDepth(old.reqId, true));
    this.clearBook(symbol);
    this.subscribe(session, spec);
    this.metrics.depthRebuilds++;
    return true;
  }

  /** The venue refused a subscription; pacing refusals are retried once the pacing window has passed. */
  refused(sub: ActiveSubscription, code: number, reason: string, pacing: boolean): void {
    sub.refused = { code, reason };
    this.metrics.refusedRequests++;
    if (!pacing) return;
    this.metrics.pacingViolations++;
    const session = this.current();
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      if (session && this.current() === session && this.registry.current(sub.spec.id) === sub) this.subscribe(session, sub.spec);
    }, this.pacingRetryMs);
    timer.unref();
    this.retryTimers.add(timer);
  }

  private subscribe(session: IbSession, spec: SubscriptionSpec): void {
    const contract = this.contracts.contract(spec.symbol);
    if (!contract) return;
    const { reqId } = this.registry.register(spec, session.id, Date.now());
    const api = session.api;
    switch (spec.kind) {
      case 'ticker':
      case 'trades':
        return session.pacer.enqueue(() => api.reqMktData(reqId, contract, spec.genericTicks, false, false));
      case 'depth':
        return session.pacer.enqueue(() => api.reqMktDepth(reqId, contract, DEPTH_ROWS, true, []));
      case 'bars':
        return session.pacer.enqueue(() => api.reqRealTimeBars(reqId, contract, 5, WhatToShow.TRADES, false));
    }
  }

  private cancelRetries(): void {
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.retryTimers.clear();
  }
}
