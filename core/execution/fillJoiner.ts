import type { Fill } from '../market/order';

/** A fill as the engine keeps it: whether another client (or TWS) placed its order. */
export interface RecordedFill {
  fill: Fill;
  external: boolean;
}

/** What a fill or commission report brought that the engine did not know. */
export interface FillNews {
  recorded: RecordedFill;
  /** First time this execId is seen: its quantity counts now. */
  newFill: boolean;
  /** A commission joined to it now (null: none yet, or it was known). */
  newCommission: number | null;
}

/** Commissions whose fill has not arrived yet, at most this many (the oldest are forgotten first). */
const WAITING_COMMISSIONS = 1_000;

/**
 * Joins fills and their commissions by execId, whichever arrives first, and knows every execId seen: a fill the
 * venue reports again (reconciliation lists the day's executions) counts once.
 */
export class FillJoiner {
  private readonly fills = new Map<string, RecordedFill>();
  private readonly waiting = new Map<string, number>();

  load(fills: readonly RecordedFill[]): void {
    for (const f of fills) this.fills.set(f.fill.execId, f);
  }

  fill(fill: Fill, external: boolean): FillNews | null {
    const seen = this.fills.get(fill.execId);
    if (!seen) {
      const commission = fill.commission ?? this.waiting.get(fill.execId) ?? null;
      this.waiting.delete(fill.execId);
      const recorded = { fill: { ...fill, commission }, external };
      this.fills.set(fill.execId, recorded);
      return { recorded, newFill: true, newCommission: commission };
    }
    return fill.commission === null ? null : this.join(seen, fill.commission);
  }

  commission(execId: string, commission: number): FillNews | null {
    const seen = this.fills.get(execId);
    if (seen) return this.join(seen, commission);
    this.waiting.delete(execId);
    this.waiting.set(execId, commission);
    if (this.waiting.size > WAITING_COMMISSIONS) this.waiting.delete(this.waiting.keys().next().value!);
    return null;
  }

  /** This engine's fills of one order. */
  fillsOf(orderId: number): Fill[] {
    return [...this.fills.values()].filter((f) => !f.external && f.fill.orderId === orderId).map((f) => f.fill);
  }

  /** The newest fill time known, null before the first fill. */
  lastFillTime(): number | null {
    let last: number | null = null;
    for (const { fill } of this.fills.values()) if (last === null || fill.time > last) last = fill.time;
    return last;
  }

  private join(seen: RecordedFill, commission: number): FillNews | null {
    if (seen.fill.commission !== null) return null;
    const recorded = { ...seen, fill: { ...seen.fill, commission } };
    this.fills.set(seen.fill.execId, recorded);
    return { recorded, newFill: false, newCommission: commission };
  }
}
