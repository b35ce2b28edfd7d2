import { create } from 'zustand';
import { atNextBoundary } from '../feeds/alignedTimer';

/** One shared ticking clock for every age and the market clock, so they agree and tick together. */
export const useNowStore = create<{ now: number }>(() => ({ now: Date.now() }));

let timer: (() => void) | undefined;

export function startNowTicker(periodMs = 200): void {
  if (timer) return;
  // On the wall clock's boundaries, so the ages redraw in the same task as the throttled panel updates.
  const tick = () => {
    useNowStore.setState({ now: Date.now() });
    timer = atNextBoundary(periodMs, tick);
  };
  timer = atNextBoundary(periodMs, tick);
}

export const useNow = (): number => useNowStore((s) => s.now);
