import { useIngestionStaleSymbols } from '../../feeds/useIngestionStaleSymbols';
import { useStaleAfterMs } from '../../feeds/useStaleAfterMs';
import { useConnectionStore } from '../../stores/connectionStore';
import { useNow } from '../../stores/nowStore';

export interface FreshnessInput {
  /** The engine's as-of time of what the panel shows (epoch ms), null before the first value. */
  asOf: number | null;
  /** When this page last received an update (epoch ms): a live feed keeps this moving. Null: not judged by quiet. */
  receivedAt: number | null;
  /** The IBKR symbol the data belongs to, checked against the ingestion's stale list. */
  symbol?: string | null;
  /** Overrides the configured staleness (e.g. data refreshed once a minute). */
  staleAfterMs?: number;
  /** A reason from elsewhere (Alpha Vantage freshness) that already makes this stale. */
  staleBecause?: string | null;
}

export interface Freshness {
  asOf: number | null;
  ageMs: number | null;
  stale: boolean;
  why: string | null;
}

/** Stale when the engine link is down, the feed went quiet, the ingestion says so, or an outside reason applies. */
export function useFreshness(input: FreshnessInput): Freshness {
  const now = useNow();
  const connected = useConnectionStore((s) => s.status === 'connected');
  const configured = useStaleAfterMs();
  const staleSymbols = useIngestionStaleSymbols();
  const limit = input.staleAfterMs ?? configured;
  const ageMs = input.asOf === null ? null : Math.max(0, now - input.asOf);
  const quietMs = input.receivedAt === null ? null : now - input.receivedAt;
  const result = (why: string | null): Freshness => ({ asOf: input.asOf, ageMs, stale: why !== null, why });
  if (!connected) return result('engine connection lost');
  if (input.symbol && staleSymbols.includes(input.symbol)) return result(`ingestion reports ${input.symbol} stale`);
  if (input.staleBecause) return result(input.staleBecause);
  if (quietMs !== null && quietMs > limit) return result(`no update for ${Math.round(quietMs / 1000)} s`);
  return result(null);
}
