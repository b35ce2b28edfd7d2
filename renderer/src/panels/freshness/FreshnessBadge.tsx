import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import type { Freshness } from './useFreshness';

/**
 * "as of 14:03:07 · 0.4 s" and, when stale, a STALE badge saying why: a dead feed never looks quiet. For a few
 * seconds after an update was lost and the feed resubscribed, it says so.
 */
export function FreshnessBadge({ freshness }: { freshness: Freshness }) {
  return (
    <span className="freshness" data-testid="freshness">
      {freshness.asOf !== null ? (
        <span className="muted num" data-testid="as-of" title="Engine as-of time (New York)">
          as of {formatMarketTime(freshness.asOf)} · {formatAge(freshness.ageMs ?? 0)}
        </span>
      ) : (
        !freshness.stale && <span className="muted">waiting for data…</span>
      )}
      {freshness.resynced && (
        <span className="pill warn" data-testid="resynced-badge" title="An update from the engine was lost; this panel's stream was subscribed again and shows a fresh value.">
          ⟳ resynced after a gap
        </span>
      )}
      {freshness.stale && (
        <span className="pill stale" data-testid="stale-badge" title={freshness.why ?? ''}>
          STALE — {freshness.why}
        </span>
      )}
    </span>
  );
}
