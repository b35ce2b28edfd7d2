import type { SweepEvent } from '../../../../core/contract/contract';
import { useNow } from '../../stores/nowStore';
import { useSweepStore } from '../../stores/sweepStore';

/** How long a sweep stays flagged on the ladder. */
const FLAG_MS = 15_000;

export function useRecentSweep(symbol: string): SweepEvent | null {
  const now = useNow();
  const sweep = useSweepStore((s) => s.sweeps.findLast((candidate) => candidate.symbol === symbol) ?? null);
  return sweep && now - sweep.detectedAt <= FLAG_MS ? sweep : null;
}

export function sweptPrice(sweep: SweepEvent | null, side: 'bid' | 'ask', price: number): boolean {
  if (!sweep || (sweep.direction === 'buy') !== (side === 'ask')) return false;
  const low = Math.min(sweep.fromPrice, sweep.toPrice);
  const high = Math.max(sweep.fromPrice, sweep.toPrice);
  return price >= low - 1e-9 && price <= high + 1e-9;
}
