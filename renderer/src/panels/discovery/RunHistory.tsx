import type { DiscoveryRunSummary } from '../../../../core/contract/contract';
import { formatMarketTime } from '../../format/marketTime';
import { formatDurationMs } from './discoveryFormat';

/** The last runs, newest first: when, what started it (who asked and why), how long, what changed, what refused, a failure. */
export function RunHistory({ runs }: { runs: readonly DiscoveryRunSummary[] }) {
  if (runs.length === 0) return <p className="empty">No run recorded yet.</p>;
  return (
    <table className="grid-table compact" data-testid="discovery-runs" aria-label="Recent discovery runs">
      <thead>
        <tr>
          <th className="right">Run</th>
          <th>Started</th>
          <th>Trigger</th>
          <th className="right">Took</th>
          <th className="right">Changes</th>
          <th className="right">Refusals</th>
          <th>Error</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} data-testid="discovery-run-row" data-run-id={run.id}>
            <td className="num right">#{run.id}</td>
            <td className="num">{formatMarketTime(run.startedAt)}</td>
            <td className="wrap-cell" data-testid="discovery-run-trigger">
              {run.trigger}
              {run.requestedBy ? ` by ${run.requestedBy}` : ''}
              {run.reason ? <span className="muted"> “{run.reason}”</span> : null}
            </td>
            <td className="num right">{formatDurationMs(run.finishedAt - run.startedAt)}</td>
            <td className="num right">{run.changes}</td>
            <td className={`num right ${run.refusals > 0 ? 'warn' : ''}`}>{run.refusals}</td>
            <td className={run.error ? 'error-cell' : 'muted'} title={run.error ?? ''}>
              {run.error ?? '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
