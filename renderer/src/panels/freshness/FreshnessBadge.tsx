import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import type { Freshness } from './useFreshness';

/** "as of 14:03:07 · 0.4 s" and, when stale, a STALE badge saying why: a dead feed never looks quiet. */
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
      {freshness.stale && (
        <span className="pill stale" data-testid="stale-badge" title={freshness.why ?? ''}>
          STALE — {freshness.why}
        </span>
      )}
    </span>
  );
}
