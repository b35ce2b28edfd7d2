import { create } from 'zustand';

/** One shared ticking clock for every age and the market clock, so they agree and tick together. */
export const useNowStore = create<{ now: number }>(() => ({ now: Date.now() }));

let timer: ReturnType<typeof setInterval> | undefined;

export function startNowTicker(periodMs = 250): void {
  if (timer) return;
  timer = setInterval(() => useNowStore.setState({ now: Date.now() }), periodMs);
}

export const useNow = (): number => useNowStore((s) => s.now);
