import type { DataType } from './callClasses';
import type { FreshnessEntry } from '../../contract/alphaVantageStatus';
import type { Timeliness } from '../../market/technicals';

interface Slot {
  symbol: string;
  dataType: DataType;
  windowMs: number;
  lastSuccess: number | null;
  /** No attempt before this (start-up stagger, or a failure's back-off). */
  notBefore: number;
  /** How long the stored data is meant to serve when longer than the window (a previous session's chain), else null. */
  spanMs: number | null;
  /** What the stored data is as of, by itself, and how current that is (set by `observed`). */
  dataAsOf: number | null;
  timeliness: Timeliness | null;
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
    this.slots.set(slotId(symbol, dataType), { symbol, dataType, windowMs, lastSuccess: null, notBefore, spanMs: null, dataAsOf: null, timeliness: null });
  }

  /** Success times remembered from an earlier run (Redis), so a restart does not refetch fresh data. */
  restore(symbol: string, dataType: DataType, lastSuccess: number): void {
    const slot = this.slots.get(slotId(symbol, dataType));
    if (slot && Number.isFinite(lastSuccess)) slot.lastSuccess = Math.max(slot.lastSuccess ?? 0, lastSuccess);
  }

  /** `nextAt`: the data serves until then, past its window (it is not due, nor stale, before). */
  succeeded(symbol: string, dataType: DataType, at: number, nextAt?: number): void {
    const slot = this.slots.get(slotId(symbol, dataType));
    if (!slot) return;
    slot.lastSuccess = at;
    slot.spanMs = nextAt !== undefined && nextAt - at > slot.windowMs ? nextAt - at : null;
    if (nextAt !== undefined) slot.notBefore = nextAt;
  }

  /** What the stored data says about itself: its own as-of time and how current that is. */
  observed(symbol: string, dataType: DataType, timeliness: Timeliness, dataAsOf: number | null = null): void {
    const slot = this.slots.get(slotId(symbol, dataType));
    if (!slot) return;
    slot.timeliness = timeliness;
    slot.dataAsOf = dataAsOf;
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
      const maxAgeMs = Math.max(s.windowMs, s.spanMs ?? 0) * this.staleFactor;
      return {
        symbol: s.symbol, dataType: s.dataType, lastSuccess: s.lastSuccess, ageMs, windowMs: s.windowMs,
        maxAgeMs, stale: ageMs === null || ageMs > maxAgeMs,
        dataAsOf: s.dataAsOf, timeliness: s.timeliness,
      };
    });
  }
}
