import { instrumentKey, type Position } from '../../../../core/contract/contract';
import { FlattenAll } from '../../flatten/FlattenAll';
import { useFeed } from '../../feeds/useFeed';
import { formatNumber, formatPrice, formatSignedPrice, formatSize } from '../../format/numbers';
import { positionTotals } from '../../trading/positionFigures';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { ConfirmOrderDialog } from '../ticket/ConfirmOrderDialog';
import { useClosePosition } from './useClosePosition';

const none: readonly Position[] = [];
const pnlClass = (value: number | null) => (value === null || value === 0 ? '' : value > 0 ? 'up' : 'down');
const greek = (value: number | undefined, decimals: number) => formatNumber(value ?? null, decimals);

/** Open positions with marks, P&L and (options) greeks; Close sends a closing order through the risk-checked path. */
export function PositionsPanel() {
  const feed = useFeed('positions', {}).event;
  const positions = feed?.value ?? none;
  const freshness = useFreshness({ asOf: feed?.asOf ?? null, receivedAt: null, resyncedAt: lastResync(feed) });
  const closing = useClosePosition();
  const totals = positionTotals(positions);
  const open = positions.filter((p) => p.quantity !== 0);

  return (
    <div className={`panel positions-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="positions-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <span className="strong" data-testid="positions-count">
          {open.length === 0 ? 'Flat' : `${open.length} open`}
        </span>
        <span className={`num ${pnlClass(totals.unrealizedPnl)}`} data-testid="positions-unrealized">
          Unrealized {formatSignedPrice(totals.unrealizedPnl)}
          {totals.unpriced > 0 && <span className="muted"> ({totals.unpriced} without a mark)</span>}
        </span>
        <span className={`num ${pnlClass(totals.realizedPnl)}`}>Realized {formatSignedPrice(totals.realizedPnl)}</span>
        <span className="toolbar-spacer" />
        <FlattenAll />
        <FreshnessBadge freshness={freshness} />
      </div>
      <div aria-live="polite">
        {closing.result && (
          <p className={closing.result.kind === 'placed' ? 'ticket-placed panel-notice' : 'ticket-error panel-notice'} role={closing.result.kind === 'placed' ? undefined : 'alert'} data-testid="positions-result">
            {closing.result.text}{' '}
            <button type="button" className="btn" onClick={closing.dismissResult}>
              Dismiss
            </button>
          </p>
        )}
      </div>
      <div className="panel-body">
        {positions.length === 0 ? (
          <p className="empty" data-testid="positions-empty">
            {feed ? 'No open positions: flat.' : 'Waiting for the positions…'}
          </p>
        ) : (
          <table className="grid-table compact positions-table" aria-label="Positions">
            <thead>
              <tr>
                <th>Instrument</th>
                <th className="right">Qty</th>
                <th className="right">Unrealized</th>
                <th className="right">Realized</th>
                <th>Close</th>
                <th className="right">Avg cost</th>
                <th className="right">Mkt price</th>
                <th className="right">Mkt value</th>
                <th className="right" title="Delta">Δ</th>
                <th className="right" title="Gamma">Γ</th>
                <th className="right" title="Theta">Θ</th>
                <th className="right">Vega</th>
                <th className="right" title="Delta in dollars">$Δ</th>
                <th className="right" title="Gamma in dollars (change of $Δ for a 1% move)">$Γ</th>
                <th className="right" title="Theta in dollars per day">$Θ</th>
                <th className="right" title="Vega in dollars per vol point">$Vega</th>
              </tr>
            </thead>
            <tbody>
              {positions.map((p) => (
                <PositionRow key={instrumentKey(p.instrument)} position={p} busy={closing.pending.has(instrumentKey(p.instrument))} onClose={closing.close} />
              ))}
            </tbody>
            <tfoot>
              <tr className="totals-row">
                <th scope="row">Total</th>
                <td />
                <td className={`num right ${pnlClass(totals.unrealizedPnl)}`}>{formatSignedPrice(totals.unrealizedPnl)}</td>
                <td className={`num right ${pnlClass(totals.realizedPnl)}`}>{formatSignedPrice(totals.realizedPnl)}</td>
                <td colSpan={3} />
                <td className="num right">{formatPrice(totals.marketValue)}</td>
                <td colSpan={4} />
                <td className="num right">{formatNumber(totals.deltaDollars, 0)}</td>
                <td className="num right">{formatNumber(totals.gammaDollars, 0)}</td>
                <td className="num right">{formatNumber(totals.thetaDollars, 0)}</td>
                <td className="num right">{formatNumber(totals.vegaDollars, 0)}</td>
              </tr>
            </tfoot>
          </table>
        )}
      </div>
      <ConfirmOrderDialog confirmation={closing.confirmation} busy={false} onConfirm={closing.confirm} onBack={closing.back} />
    </div>
  );
}

function PositionRow({ position: p, busy, onClose }: { position: Position; busy: boolean; onClose: (p: Position) => void }) {
  const key = instrumentKey(p.instrument);
  return (
    <tr className={`position-row${p.quantity === 0 ? ' flat' : ''}`} data-testid={`position-row-${key}`} data-quantity={p.quantity}>
      <th scope="row" className="strong">
        {key}
      </th>
      <td className={`num right ${p.quantity < 0 ? 'down' : ''}`} data-testid="position-quantity">
        {p.quantity < 0 ? '−' : ''}
        {formatSize(Math.abs(p.quantity))}
      </td>
      <td className={`num right ${pnlClass(p.unrealizedPnl)}`} data-testid="position-unrealized">
        {formatSignedPrice(p.unrealizedPnl)}
      </td>
      <td className={`num right ${pnlClass(p.realizedPnl)}`} data-testid="position-realized">
        {formatSignedPrice(p.realizedPnl)}
      </td>
      <td>
        {p.quantity !== 0 && (
          <button type="button" className="btn" disabled={busy} onClick={() => onClose(p)} aria-label={`Close position ${key}`}>
            {busy ? 'Closing…' : 'Close'}
          </button>
        )}
      </td>
      <td className="num right">{formatPrice(p.avgCost)}</td>
      <td className="num right">{formatPrice(p.marketPrice)}</td>
      <td className="num right">{formatPrice(p.marketValue)}</td>
      <td className="num right" data-testid="position-delta">
        {greek(p.greeks?.delta, 3)}
      </td>
      <td className="num right">{greek(p.greeks?.gamma, 4)}</td>
      <td className="num right">{greek(p.greeks?.theta, 3)}</td>
      <td className="num right">{greek(p.greeks?.vega, 3)}</td>
      <td className="num right" data-testid="position-delta-dollars">
        {greek(p.greeks?.deltaDollars, 0)}
      </td>
      <td className="num right">{greek(p.greeks?.gammaDollars, 0)}</td>
      <td className="num right">{greek(p.greeks?.thetaDollars, 0)}</td>
      <td className="num right">{greek(p.greeks?.vegaDollars, 0)}</td>
    </tr>
  );
}
