import type { Health } from '../../../../core/contract/contract';
import { formatAge } from '../../format/age';
import { formatMarketTimestamp } from '../../format/marketTime';
import { useHealthStore } from '../../stores/healthStore';
import { useFeed } from '../../feeds/useFeed';
import { AlphaVantageSection } from './AlphaVantageSection';
import { DataFreshnessTable } from './DataFreshnessTable';
import { IbIngestionSection } from './IbIngestionSection';
import { ModuleTable } from './ModuleTable';
import { useHealthFreshness } from './useHealthFreshness';

const statusLabels: Record<Health['status'], string> = { ok: '● OK', degraded: '▲ DEGRADED', down: '✖ DOWN' };

/** The engine's health, live: overall status, Redis, and each module's state and heartbeat. */
export function HealthPanel() {
  const health = useHealthStore((s) => s.health);
  const asOf = useHealthStore((s) => s.asOf);
  const freshness = useHealthFreshness();
  const ingestion = useFeed('ingestion', {}).event?.value ?? null;
  const alphaVantage = useFeed('alphaVantage', {}).event?.value ?? null;

  return (
    <div className={`panel health-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="health-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <span className={`pill status-${health?.status ?? 'unknown'}`} data-testid="health-status">
          {health ? statusLabels[health.status] : 'waiting for the engine…'}
        </span>
        {health && (
          <span className={`pill ${health.redis.connected ? 'ok' : 'bad'}`} data-testid="health-redis">
            Redis {health.redis.connected ? '● connected' : '✖ disconnected'}
          </span>
        )}
        <span className="toolbar-spacer" />
        {asOf !== null && (
          <span className="muted num" data-testid="health-as-of">
            as of {formatMarketTimestamp(asOf)} · {formatAge(freshness.ageMs ?? 0)} ago
          </span>
        )}
        {freshness.stale && (
          <span className="pill stale" data-testid="health-stale" title={freshness.why ?? ''}>
            STALE — {freshness.why}
          </span>
        )}
      </div>
      <div className="panel-body">
        {health ? <ModuleTable modules={health.modules} /> : <p className="empty">No health report received yet.</p>}
        {ingestion && <IbIngestionSection state={ingestion} />}
        {alphaVantage && <AlphaVantageSection status={alphaVantage} />}
        <DataFreshnessTable ingestion={ingestion} alphaVantage={alphaVantage} />
      </div>
    </div>
  );
}
