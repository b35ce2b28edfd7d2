import type { FlattenLegStatus, FlattenProgress } from '../../../core/contract/contract';
import { formatMarketTimestamp } from '../format/marketTime';
import { formatSize } from '../format/numbers';

const stateText: Record<FlattenProgress['state'], string> = { idle: 'Not started', running: 'Flattening…', flat: '✔ Flat', incomplete: '✖ Incomplete' };
const legClass: Record<FlattenLegStatus, string> = { sending: 'warn', working: 'warn', flat: 'up', refused: 'down', failed: 'down' };
const signed = (quantity: number) => `${quantity < 0 ? '−' : ''}${formatSize(Math.abs(quantity))}`;

/**
 * Flatten all's progress, position by position, beside the cockpit rather than over it: the kill switch and every
 * panel stay usable while it runs. Closable once it has ended (flat or incomplete).
 */
export function FlattenProgressView({ progress, onClose }: { progress: FlattenProgress; onClose: () => void }) {
  const running = progress.state === 'running' || progress.state === 'idle';
  return (
    <section className={`flatten-progress flatten-${progress.state}`} role="region" aria-label="Flatten all progress" data-testid="flatten-progress" data-state={progress.state}>
      <header className="flatten-progress-head">
        <strong data-testid="flatten-state">{stateText[progress.state]}</strong>
        {progress.startedAt !== null && (
          <span className="muted">
            started {formatMarketTimestamp(progress.startedAt)}
            {progress.requestedBy ? ` by ${progress.requestedBy}` : ''}
            {progress.finishedAt !== null ? ` · ended ${formatMarketTimestamp(progress.finishedAt)}` : ''}
          </span>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="btn btn-mini" onClick={onClose} disabled={running} title={running ? 'Closable once flatten all has ended' : 'Close'}>
          Close
        </button>
      </header>
      {progress.reason && <p className="muted flatten-reason">“{progress.reason}”</p>}
      {progress.legs.length === 0 ? (
        <p className="empty">No position to close.</p>
      ) : (
        <table className="grid-table compact" aria-label="Flatten legs">
          <thead>
            <tr>
              <th>Instrument</th>
              <th className="right">Start</th>
              <th className="right">Remaining</th>
              <th className="right">Order</th>
              <th>Status</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {progress.legs.map((leg) => (
              <tr key={leg.instrumentKey} data-testid={`flatten-leg-${leg.instrumentKey}`} data-status={leg.status}>
                <th scope="row">{leg.instrumentKey}</th>
                <td className="num right">{signed(leg.startQuantity)}</td>
                <td className="num right" data-testid="flatten-leg-remaining">
                  {signed(leg.remaining)}
                </td>
                <td className="num right">{leg.orderId === null ? '—' : `#${leg.orderId}`}</td>
                <td className={legClass[leg.status]}>{leg.status}</td>
                <td className="wrap-cell">{leg.message ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
