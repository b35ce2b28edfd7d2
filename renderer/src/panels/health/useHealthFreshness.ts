import { useConnectionStore } from '../../stores/connectionStore';
import { HEALTH_STALE_AFTER_MS, useHealthStore } from '../../stores/healthStore';
import { useNow } from '../../stores/nowStore';

export interface Freshness {
  ageMs: number | null;
  stale: boolean;
  why: string | null;
}

/** Health is stale when it is older than a few seconds or the engine link is down: a dead feed never looks quiet. */
export function useHealthFreshness(): Freshness {
  const now = useNow();
  const asOf = useHealthStore((s) => s.asOf);
  const connected = useConnectionStore((s) => s.status === 'connected');
  const ageMs = asOf === null ? null : now - asOf;
  if (!connected) return { ageMs, stale: true, why: 'engine connection lost' };
  if (ageMs === null) return { ageMs, stale: true, why: 'no health report yet' };
  if (ageMs > HEALTH_STALE_AFTER_MS) return { ageMs, stale: true, why: 'no update for a while' };
  return { ageMs, stale: false, why: null };
}
