import type { SubscriptionSpec } from './subscriptionPlan';

export interface ActiveSubscription {
  reqId: number;
  spec: SubscriptionSpec;
  session: number;
  requestedAt: number;
  /** Set when the venue refused it (code and reason); the entry stays for the Health panel. */
  refused: { code: number; reason: string } | null;
}

/**
 * The one place that knows which request id belongs to which subscription. Each spec has at most one live
 * request id; subscribing again retires the old id first, so a resubscribe can never double a subscription.
 * Request ids only grow, so a late message for a retired id is recognised and ignored.
 */
export class SubscriptionRegistry {
  private readonly byReqId = new Map<number, ActiveSubscription>();
  private readonly bySpec = new Map<string, ActiveSubscription>();
  private nextReqId: number;
  requestsSent = 0;

  /** Order ids (from nextValidId) share TWS's error channel with request ids: data requests live far above them. */
  constructor(firstReqId = 1_000_000_000) {
    this.nextReqId = firstReqId;
  }

  /** Allocates a request id for a spec, retiring any earlier one; returns it for the caller to send. */
  register(spec: SubscriptionSpec, session: number, now: number): ActiveSubscription {
    this.retire(spec.id);
    const active: ActiveSubscription = { reqId: this.nextReqId++, spec, session, requestedAt: now, refused: null };
    this.byReqId.set(active.reqId, active);
    this.bySpec.set(spec.id, active);
    this.requestsSent++;
    return active;
  }

  /** A request id for a one-off request (contract details, account summary), never a subscription. */
  oneOffReqId(): number {
    return this.nextReqId++;
  }

  lookup(reqId: number): ActiveSubscription | undefined {
    return this.byReqId.get(reqId);
  }

  current(specId: string): ActiveSubscription | undefined {
    return this.bySpec.get(specId);
  }

  retire(specId: string): ActiveSubscription | undefined {
    const old = this.bySpec.get(specId);
    if (!old) return undefined;
    this.bySpec.delete(specId);
    this.byReqId.delete(old.reqId);
    return old;
  }

  /** Forgets every live id (the session that held them is gone). */
  clear(): void {
    this.byReqId.clear();
    this.bySpec.clear();
  }

  all(): ActiveSubscription[] {
    return [...this.bySpec.values()];
  }

  /** Live, not refused subscriptions. */
  get activeCount(): number {
    let n = 0;
    for (const s of this.bySpec.values()) if (!s.refused) n++;
    return n;
  }
}
