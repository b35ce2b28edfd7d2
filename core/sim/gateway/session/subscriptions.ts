import type { AccountStream } from '../accountUpdates';

export type GatewaySubscriptionKind = 'mkt' | 'depth' | 'bars' | 'summary' | 'accountMulti';

interface Entry {
  kind: GatewaySubscriptionKind;
  reqId: number;
  handle: unknown;
  cancel: () => void;
}

/** A session's live subscriptions by kind and request id; closing the session cancels them all. */
export class Subscriptions {
  private readonly entries = new Map<string, Entry>();
  positions = false;
  /** reqAccountUpdates: what the subscriber was last sent, so updates carry the values that changed. */
  accountUpdates: AccountStream | undefined = undefined;

  has(kind: GatewaySubscriptionKind, reqId: number): boolean {
    return this.entries.has(`${kind}:${reqId}`);
  }

  add(kind: GatewaySubscriptionKind, reqId: number, handle: unknown, cancel: () => void): void {
    this.entries.set(`${kind}:${reqId}`, { kind, reqId, handle, cancel });
  }

  /** Cancels one subscription; false when there was none. */
  remove(kind: GatewaySubscriptionKind, reqId: number): boolean {
    const key = `${kind}:${reqId}`;
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    e.cancel();
    return true;
  }

  count(kind: GatewaySubscriptionKind): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.kind === kind) n++;
    return n;
  }

  handles<T>(kind: GatewaySubscriptionKind): Array<{ reqId: number; handle: T }> {
    const out: Array<{ reqId: number; handle: T }> = [];
    for (const e of this.entries.values()) if (e.kind === kind) out.push({ reqId: e.reqId, handle: e.handle as T });
    return out;
  }

  removeKind(kind: GatewaySubscriptionKind): void {
    for (const e of [...this.entries.values()]) if (e.kind === kind) this.remove(e.kind, e.reqId);
  }

  clear(): void {
    for (const e of [...this.entries.values()]) this.remove(e.kind, e.reqId);
    this.positions = false;
    this.accountUpdates = undefined;
  }
}
