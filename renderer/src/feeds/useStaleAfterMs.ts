import { useConnectionStore } from '../stores/connectionStore';

/** Until the session arrives, the engine's default (schedules.staleAfterSeconds = 10). */
const DEFAULT_STALE_AFTER_MS = 10_000;

export function useStaleAfterMs(): number {
  const seconds = useConnectionStore((s) => s.session?.staleAfterSeconds);
  return seconds ? seconds * 1000 : DEFAULT_STALE_AFTER_MS;
}
