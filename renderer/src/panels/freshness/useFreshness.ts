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
  /** When a feed shown here was last resubscribed after a sequence gap (FeedEvent.resyncedAt; see lastResync). */
  resyncedAt?: number | null;
}

export interface Freshness {
  asOf: number | null;
  ageMs: number | null;
  stale: boolean;
  why: string | null;
  /** A feed shown here was resubscribed after a sequence gap within the last RESYNC_NOTICE_MS: the panel says so. */
  resynced: boolean;
}

/** How long a panel says "resynced after a gap". */
export const RESYNC_NOTICE_MS = 5_000;

/** The latest resync of the feed events a panel shows (any may be absent). */
export function lastResync(...events: Array<{ resyncedAt: number | null } | null | undefined>): number | null {
  const times = events.map((event) => event?.resyncedAt ?? null).filter((at): at is number => at !== null);
  return times.length ? Math.max(...times) : null;
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
  const resynced = input.resyncedAt != null && now - input.resyncedAt < RESYNC_NOTICE_MS;
  const result = (why: string | null): Freshness => ({ asOf: input.asOf, ageMs, stale: why !== null, why, resynced });
  if (!connected) return result('engine connection lost');
  if (input.symbol && staleSymbols.includes(input.symbol)) return result(`ingestion reports ${input.symbol} stale`);
  if (input.staleBecause) return result(input.staleBecause);
  if (quietMs !== null && quietMs > limit) return result(`no update for ${Math.round(quietMs / 1000)} s`);
  return result(null);
}
