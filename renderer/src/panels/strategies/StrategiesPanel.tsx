import type { StrategyView } from '../../../../core/contract/proposalView';
import { useFeed } from '../../feeds/useFeed';
import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import { formatSignedPrice } from '../../format/numbers';
import { useNow } from '../../stores/nowStore';
import { strategyTitles } from '../approvals/proposalFormat';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { AutomationSwitch } from './AutomationSwitch';
import { TableHead } from '../TableHead';

const none: readonly StrategyView[] = [];
const pnlClass = (value: number | null) => (value === null ? '' : value > 0 ? 'up' : value < 0 ? 'down' : '');

/**
 * Each strategy: its automation mode (switching is confirmed and audited), its limits and the orders it placed on
 * its own this hour, its report card from the signal history, and why it is quiet on each symbol.
 */
export function StrategiesPanel() {
  const feed = useFeed('strategies', {});
  const strategies = feed.event?.value ?? none;
  const freshness = useFreshness({ asOf: feed.event?.asOf ?? null, receivedAt: null, resyncedAt: lastResync(feed.event) });

  return (
    <div className={`panel strategies-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="strategies-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <span className="muted">Automation, limits, report card</span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      {feed.error && (
        <p className="ticket-error panel-notice" role="alert" data-testid="strategies-unavailable">
          {feed.error}
        </p>
      )}
      <div className="panel-body">
        {strategies.length === 0 ? (
          <p className="empty">{feed.event ? 'No strategies configured.' : feed.error ? 'The strategies are not available.' : 'Waiting for the strategies…'}</p>
        ) : (
          <>
            <StrategiesTable strategies={strategies} />
            <h3 className="section-title">Report card</h3>
            <ReportCardTable strategies={strategies} />
            <h3 className="section-title">Why quiet (last reason per symbol)</h3>
            <QuietTable strategies={strategies} />
          </>
        )}
      </div>
    </div>
  );
}

function StrategiesTable({ strategies }: { strategies: readonly StrategyView[] }) {
  return (
    <table className="grid-table compact" aria-label="Strategies">
      <TableHead columns={['Strategy', 'Symbols', 'Automation', 'Max qty (auto)', 'Auto orders this hour']} left={3} />
      <tbody>
        {strategies.map((s) => (
          <tr key={s.name} data-testid={`strategy-row-${s.name}`} className={s.enabled ? '' : 'muted'}>
            <td className="strong">
              {strategyTitles[s.name]}
              {!s.enabled && <span className="pill tag-mini">disabled</span>}
            </td>
            <td>{s.symbols.join(', ') || '—'}</td>
            <td>
              <AutomationSwitch strategy={s} />
            </td>
            <td className="num right">{s.maxQuantity}</td>
            <td className="num right" data-testid="strategy-orders-this-hour">
              {s.ordersThisHour} / {s.maxOrdersPerHour}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`);

function ReportCardTable({ strategies }: { strategies: readonly StrategyView[] }) {
  return (
    <table className="grid-table compact" aria-label="Report card">
      <TableHead columns={['Strategy', 'Proposed', 'Approved', 'Modified', 'Rejected', 'Expired', 'Refused', 'Filled', 'Closed', 'Hit rate', 'Avg P&amp;L', 'Total P&amp;L']} />
      <tbody>
        {strategies.map(({ name, report: r }) => (
          <tr key={name} data-testid={`report-row-${name}`}>
            <td className="strong">{strategyTitles[name]}</td>
            <td className="num right" data-testid="report-proposed">{r.proposed}</td>
            <td className="num right" data-testid="report-approved">{r.approved}</td>
            <td className="num right">{r.modified}</td>
            <td className="num right" data-testid="report-rejected">{r.rejected}</td>
            <td className="num right">{r.expired}</td>
            <td className="num right">{r.refused}</td>
            <td className="num right">{r.filled}</td>
            <td className="num right">{r.closed}</td>
            <td className="num right" title={`${r.wins} of ${r.closed} closed with a gain`}>
              {percent(r.hitRate)}
            </td>
            <td className={`num right ${pnlClass(r.averagePnl)}`}>{formatSignedPrice(r.averagePnl)}</td>
            <td className={`num right ${pnlClass(r.totalPnl)}`}>{formatSignedPrice(r.totalPnl)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function QuietTable({ strategies }: { strategies: readonly StrategyView[] }) {
  const now = useNow();
  const rows = strategies.flatMap((s) => s.quiet.map((q) => ({ strategy: s.name, ...q })));
  if (rows.length === 0) return <p className="empty">No strategy has looked at a symbol yet.</p>;
  return (
    <table className="grid-table compact" aria-label="Why quiet">
      <TableHead columns={['Strategy', 'Symbol', 'Last word', 'When']} left={3} />
      <tbody>
        {rows.map((q) => (
          <tr key={`${q.strategy}-${q.symbol}`} data-testid={`quiet-${q.strategy}-${q.symbol}`}>
            <td>{strategyTitles[q.strategy]}</td>
            <td className="strong">{q.symbol}</td>
            <td>{q.why}</td>
            <td className="num right muted" title={formatMarketTime(q.at)}>
              {formatAge(now - q.at)} ago
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
