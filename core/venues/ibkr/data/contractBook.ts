import { SecType, type Contract, type ContractDetails } from '@stoqey/ib';
import type { IbSession } from '../connection/ibConnection';

interface Qualified {
  conId: number;
  primaryExch: string | undefined;
}

interface Pending {
  symbol: string;
  found: Qualified | undefined;
  done: () => void;
}

/**
 * Qualifies stock contracts (SMART/USD) to their conIds before anything is subscribed. Qualified symbols are
 * remembered across reconnects; a refused symbol (200, 354, …) is retried on the next session.
 */
export class ContractBook {
  private readonly qualified = new Map<string, Qualified>();
  private readonly pending = new Map<number, Pending>();
  readonly refused = new Map<string, string>();

  contract(symbol: string): Contract | undefined {
    const q = this.qualified.get(symbol);
    if (!q) return undefined;
    return { conId: q.conId, symbol, secType: SecType.STK, exchange: 'SMART', primaryExch: q.primaryExch, currency: 'USD' };
  }

  isQualified(symbol: string): boolean {
    return this.qualified.has(symbol);
  }

  /** Asks for every unqualified symbol; resolves when each has answered or the timeout passed. */
  async qualify(session: IbSession, symbols: readonly string[], nextReqId: () => number, timeoutMs: number): Promise<void> {
    const waits: Array<Promise<void>> = [];
    for (const symbol of symbols) {
      if (this.qualified.has(symbol)) continue;
      const reqId = nextReqId();
      waits.push(new Promise<void>((resolve) => this.pending.set(reqId, { symbol, found: undefined, done: resolve })));
      session.pacer.enqueue(() => session.api.reqContractDetails(reqId, { symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' }));
    }
    if (waits.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(waits), timeout]);
    clearTimeout(timer);
    for (const [reqId, p] of this.pending) {
      this.refused.set(p.symbol, 'no contract details before the timeout');
      this.pending.delete(reqId);
      p.done();
    }
  }

  onDetails(reqId: number, details: ContractDetails): void {
    const p = this.pending.get(reqId);
    const conId = details.contract?.conId;
    if (p && conId && !p.found) p.found = { conId, primaryExch: details.contract.primaryExch };
  }

  onEnd(reqId: number): void {
    const p = this.pending.get(reqId);
    if (!p) return;
    this.pending.delete(reqId);
    if (p.found) {
      this.qualified.set(p.symbol, p.found);
      this.refused.delete(p.symbol);
    } else {
      this.refused.set(p.symbol, 'no contract matched');
    }
    p.done();
  }

  /** An error on a qualification request; returns the symbol when the request id was one of ours. */
  onError(reqId: number, code: number, message: string): string | undefined {
    const p = this.pending.get(reqId);
    if (!p) return undefined;
    this.pending.delete(reqId);
    this.refused.set(p.symbol, `${code}: ${message}`);
    p.done();
    return p.symbol;
  }

  /** Drops requests of a dead session (they will never be answered). */
  abandon(): void {
    for (const p of this.pending.values()) p.done();
    this.pending.clear();
  }
}
