import { create } from 'zustand';
import type { SweepEvent } from '../../../core/contract/contract';

const KEEP = 100;

/** Sweeps as the engine detected them, newest last, all symbols. */
export const useSweepStore = create<{ sweeps: readonly SweepEvent[] }>(() => ({ sweeps: [] }));

const sameSweep = (a: SweepEvent, b: SweepEvent) => a.symbol === b.symbol && a.detectedAt === b.detectedAt && a.startTs === b.startTs;

/** Adds a sweep once: a resubscription (after a reconnect) replays the newest one. */
export function addSweep(sweep: SweepEvent): void {
  useSweepStore.setState((s) => (s.sweeps.some((known) => sameSweep(known, sweep)) ? s : { sweeps: [...s.sweeps.slice(-(KEEP - 1)), sweep] }));
}

export function isPrintInSweep(sweep: SweepEvent, print: { symbol: string; ts: number; aggressor: string }): boolean {
  return sweep.symbol === print.symbol && sweep.direction === print.aggressor && print.ts >= sweep.startTs && print.ts <= sweep.endTs;
}
