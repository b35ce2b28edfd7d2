import type { ProposalView } from '../../../../core/contract/proposalView';
import { formatMarketTime } from '../../format/marketTime';
import { formatPrice, formatSize } from '../../format/numbers';
import { exitText, fateText, instrumentText, movedText, strategyTitles, timeLeftText } from './proposalFormat';

const sideText = (proposal: ProposalView) => (proposal.order.side === 'buy' ? '▲ BUY' : '▼ SELL');

/** The open proposals, the selected one marked; a click selects. */
export function OpenProposalsTable({ proposals, selectedId, now, onSelect }: { proposals: readonly ProposalView[]; selectedId: string | null; now: number; onSelect: (id: string) => void }) {
  return (
    <table className="grid-table compact proposals-table" aria-label="Open proposals">
      <thead>
        <tr>
          <th>Strategy</th>
          <th>Instrument</th>
          <th>Side</th>
          <th className="right">Qty</th>
          <th className="right">Limit</th>
          <th>Stop / exit</th>
          <th className="right">Conf.</th>
          <th>Pre-check</th>
          <th className="right">Left</th>
          <th className="right">Moved</th>
        </tr>
      </thead>
      <tbody>
        {proposals.map((p) => (
          <tr
            key={p.id}
            className={`proposal-row${p.id === selectedId ? ' selected' : ''}${p.status === 'snoozed' ? ' snoozed' : ''}`}
            aria-selected={p.id === selectedId}
            data-testid={`proposal-row-${p.id}`}
            data-status={p.status}
            data-precheck={p.preCheck.passed ? 'passed' : 'failed'}
            data-instrument={instrumentText(p)}
            data-quantity={p.order.quantity}
            data-limit={p.order.limitPrice}
            data-needs-confirmation={p.needsConfirmation}
            onClick={() => onSelect(p.id)}
          >
            <td className="strong" title={p.id}>
              {strategyTitles[p.strategy]}
            </td>
            <td>{instrumentText(p)}</td>
            <td className={p.order.side === 'buy' ? 'up' : 'down'}>{sideText(p)}</td>
            <td className="num right">{formatSize(p.order.quantity)}</td>
            <td className="num right">{formatPrice(p.order.limitPrice)}</td>
            <td className="num">{exitText(p)}</td>
            <td className="num right">{Math.round(p.confidence * 100)}%</td>
            <td title={p.preCheck.passed ? '' : p.preCheck.message} className={p.preCheck.passed ? 'up' : 'down'}>
              {p.preCheck.passed ? '✔ passed' : `✖ ${p.preCheck.code}`}
            </td>
            <td className="num right">{p.status === 'snoozed' && p.snoozedUntil ? `snoozed · ${timeLeftText(p, now)}` : timeLeftText(p, now)}</td>
            <td data-testid="proposal-moved" className={`num right${p.needsConfirmation ? ' down strong' : ''}`} title={p.needsConfirmation ? 'moved beyond the re-confirmation threshold: approving asks first' : ''}>
              {movedText(p.movedPercent)}
              {p.needsConfirmation ? ' !' : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The last decided proposals, greyed out, with their fate and its reason. */
export function DecidedProposalsTable({ proposals }: { proposals: readonly ProposalView[] }) {
  return (
    <table className="grid-table compact proposals-table decided" aria-label="Decided proposals">
      <thead>
        <tr>
          <th>Time</th>
          <th>Strategy</th>
          <th>Instrument</th>
          <th>Side</th>
          <th className="right">Qty</th>
          <th>Fate</th>
        </tr>
      </thead>
      <tbody>
        {proposals.map((p) => (
          <tr key={p.id} className="proposal-row decided" data-testid={`decided-row-${p.id}`} data-status={p.status}>
            <td className="num">{formatMarketTime(p.decision?.at ?? p.createdAt)}</td>
            <td title={p.id}>{strategyTitles[p.strategy]}</td>
            <td>{instrumentText(p)}</td>
            <td>{sideText(p)}</td>
            <td className="num right">{formatSize(p.decision?.changes?.quantity ?? p.order.quantity)}</td>
            <td className={`proposal-fate status-${p.status}`} data-testid="decided-fate">
              {fateText(p)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
