import type { DataType } from './callClasses';
import type { FreshnessEntry } from '../../contract/alphaVantageStatus';

interface Slot {
  symbol: string;
  dataType: DataType;
  windowMs: number;
  lastSuccess: number | null;
  /** No attempt before this (start-up stagger, or a failure's back-off). */
  notBefore: number;
}

export const slotId = (symbol: string, dataType: DataType) => `${symbol}:${dataType}`;

/**
 * When each symbol's data last arrived, and so what is due. A timestamp moves only on success, so a failed or
 * empty fetch leaves the data due (after its back-off) and, by age, eventually stale. Data counts as stale once
 * older than `staleFactor` refresh windows (one late refresh is not yet stale).
 */
export class FreshnessBook {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly staleFactor = 2) {}

  track(symbol: string, dataType: DataType, windowMs: number, notBefore: number): void {
    this.slots.set(slotId(symbol, dataType), { symbol, dataType, windowMs, lastSuccess: null, notBefore });
  }

  /** Success times remembered from an earlier run (Redis), so a restart does not refetch fresh data. */
  restore(symbol: string, dataType: DataType, lastSuccess: number): void {
    const slot = this.slots.get(slotId(symbol, dataType));
    if (slot && Number.isFinite(lastSuccess)) slot.lastSuccess = Math.max(slot.lastSuccess ?? 0, lastSuccess);
  }

  succeeded(symbol: string, dataType: DataType, at: number): void {
    const slot = this.slots.get(slotId(symbol, dataType));
    if (slot) slot.lastSuccess = at;
  }

  /** Not before `until` (a failure's back-off); the success time stays where it was. */
  deferUntil(symbol: string, dataType: DataType, until: number): void {
    const slot = this.slots.get(slotId(symbol, dataType));
    if (slot) slot.notBefore = until;
  }

  isDue(symbol: string, dataType: DataType, now: number): boolean {
    const slot = this.slots.get(slotId(symbol, dataType));
    if (!slot || now < slot.notBefore) return false;
    return slot.lastSuccess === null || now - slot.lastSuccess >= slot.windowMs;
  }

  windowOf(symbol: string, dataType: DataType): number {
    return this.slots.get(slotId(symbol, dataType))?.windowMs ?? 0;
  }

  lastSuccess(symbol: string, dataType: DataType): number | null {
    return this.slots.get(slotId(symbol, dataType))?.lastSuccess ?? null;
  }

  entries(now: number): FreshnessEntry[] {
    return [...this.slots.values()].map((s) => {
      const ageMs = s.lastSuccess === null ? null : now - s.lastSuccess;
      return {
        symbol: s.symbol, dataType: s.dataType, lastSuccess: s.lastSuccess, ageMs, windowMs: s.windowMs,
        maxAgeMs: s.windowMs * this.staleFactor, stale: ageMs === null || ageMs > s.windowMs * this.staleFactor,
      };
    });
  }
}
