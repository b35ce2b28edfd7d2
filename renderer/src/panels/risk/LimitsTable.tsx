import type { RiskLimitView } from '../../../../core/contract/contract';
import { formatMarketTime, formatMarketTimestamp } from '../../format/marketTime';
import { formatLimitValue, useOf } from '../../trading/riskLimits';

/** Each runtime limit: in force now, its standing use with a bar (red near or over it), config vs runtime, Edit. */
export function LimitsTable({ limits, onEdit }: { limits: readonly RiskLimitView[]; onEdit: (limit: RiskLimitView) => void }) {
  return (
    <table className="grid-table compact risk-limits" aria-label="Risk limits">
      <thead>
        <tr>
          <th>Limit</th>
          <th className="right">Value</th>
          <th>Use</th>
          <th />
          <th>Set by</th>
        </tr>
      </thead>
      <tbody>
        {limits.map((limit) => (
          <LimitRow key={limit.name} limit={limit} onEdit={onEdit} />
        ))}
      </tbody>
    </table>
  );
}

function LimitRow({ limit, onEdit }: { limit: RiskLimitView; onEdit: (limit: RiskLimitView) => void }) {
  const use = useOf(limit);
  const runtime = limit.setBy !== null;
  return (
    <tr className={`limit-row${use ? ` use-${use.level}` : ''}`} data-testid={`limit-row-${limit.name}`} data-use={use?.level ?? 'none'}>
      <th scope="row">{limit.name}</th>
      <td className={`num right strong${runtime ? ' runtime-value' : ''}`} data-testid="limit-value">
        {formatLimitValue(limit.value, limit.unit)}
      </td>
      <td className="limit-use" title={limit.usedLabel ?? ''}>
        {limit.used !== null && (
          <>
            {use && (
              <span className="use-bar" aria-hidden="true">
                <span style={{ width: `${Math.min(1, use.fraction) * 100}%` }} />
              </span>
            )}
            <span className="num">{formatLimitValue(limit.used, limit.unit)}</span>
            {use && <span className="num muted"> {Math.round(use.fraction * 100)}%</span>}
            {limit.usedLabel && <span className="muted"> · {limit.usedLabel}</span>}
          </>
        )}
      </td>
      <td>
        <button type="button" className="btn btn-mini" onClick={() => onEdit(limit)} aria-label={`Edit ${limit.name}`}>
          Edit
        </button>
      </td>
      <td className="muted" data-testid="limit-set-by" title={limit.setBy ? `Set by ${limit.setBy.by} at ${formatMarketTimestamp(limit.setBy.at)}: “${limit.setBy.reason}”` : ''}>
        {limit.setBy ? (
          <>
            <span className="pill warn">runtime</span> config {formatLimitValue(limit.configured, limit.unit)} · {limit.setBy.by} {formatMarketTime(limit.setBy.at)}
          </>
        ) : (
          'config.yaml'
        )}
      </td>
    </tr>
  );
}
