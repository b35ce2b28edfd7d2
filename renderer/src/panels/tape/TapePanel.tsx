import type { IDockviewPanelProps } from 'dockview-react';
import { formatSize } from '../../format/numbers';
import { isPrintInSweep, useSweepStore } from '../../stores/sweepStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { BLOCK_SIZE, printKey } from './tapeBuffer';
import { TapeRow } from './TapeRow';
import { useTape } from './useTape';

const KEEP = 200;
/** The tape scrolls as a whole on every print: ten redraws a second read the same and cost half as much. */
const TAPE_REDRAW_MS = 100;

/** Time and sales: newest print on top, blocks (≥ 10,000) and sweep prints highlighted. */
export function TapePanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const { trades, receivedAt, asOf } = useTape(symbol, KEEP, TAPE_REDRAW_MS);
  const sweeps = useSweepStore((s) => s.sweeps);
  const freshness = useFreshness({ asOf, receivedAt, symbol });

  const symbolSweeps = sweeps.filter((sweep) => sweep.symbol === symbol);
  return (
    <div className={`panel tape-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="tape-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <span className="muted">blocks ≥ {formatSize(BLOCK_SIZE)}</span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      <div className="panel-body">
        <table className="grid-table tape" data-testid="tape-table">
          <thead>
            <tr>
              <th>Time</th>
              <th className="right">Price</th>
              <th className="right">Size</th>
              <th>Side</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {trades.map((trade) => (
              <TapeRow key={printKey(trade)} trade={trade} sweep={symbolSweeps.some((sweep) => isPrintInSweep(sweep, trade))} />
            ))}
          </tbody>
        </table>
        {trades.length === 0 && <p className="empty">Waiting for prints of {symbol}…</p>}
      </div>
    </div>
  );
}
