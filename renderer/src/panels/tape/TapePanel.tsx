import type { IDockviewPanelProps } from 'dockview-react';
import { useState, type UIEvent } from 'react';
import { formatSize } from '../../format/numbers';
import { isPrintInSweep, useSweepStore } from '../../stores/sweepStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { BLOCK_SIZE } from './tapeBuffer';
import { TapeRow } from './TapeRow';
import { useTape } from './useTape';

const KEEP = 200;
/** The tape scrolls as a whole on every print: ten redraws a second read the same and cost half as much. */
const TAPE_REDRAW_MS = 100;
/** Row height in px (see .tape-row in cockpit.css): the tape draws only the rows in view, plus a margin. */
const ROW_PX = 18;
const ROWS_DRAWN = 60;

/** Time and sales: newest print on top, blocks (≥ 10,000) and sweep prints highlighted. */
export function TapePanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const { trades, receivedAt, asOf } = useTape(symbol, KEEP, TAPE_REDRAW_MS);
  const sweeps = useSweepStore((s) => s.sweeps);
  const freshness = useFreshness({ asOf, receivedAt, symbol });

  const [firstRow, setFirstRow] = useState(0);
  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const first = Math.max(0, Math.floor(event.currentTarget.scrollTop / ROW_PX) - 10);
    if (Math.abs(first - firstRow) >= 10 || first === 0) setFirstRow(first);
  };
  const symbolSweeps = sweeps.filter((sweep) => sweep.symbol === symbol);
  const drawn = trades.slice(firstRow, firstRow + ROWS_DRAWN);
  return (
    <div className={`panel tape-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="tape-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <span className="muted">blocks ≥ {formatSize(BLOCK_SIZE)}</span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      <div className="panel-body" onScroll={onScroll}>
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
          {/* Rows are slots (keyed by position), so a new print rewrites the text of the drawn rows instead of
              inserting a row and moving every row below it: the tape's cost per print no longer grows with its length. */}
          <tbody>
            {firstRow > 0 && <tr style={{ height: firstRow * ROW_PX }} aria-hidden="true" />}
            {drawn.map((trade, slot) => (
              <TapeRow key={slot} trade={trade} sweep={symbolSweeps.some((sweep) => isPrintInSweep(sweep, trade))} />
            ))}
            {trades.length > firstRow + drawn.length && <tr style={{ height: (trades.length - firstRow - drawn.length) * ROW_PX }} aria-hidden="true" />}
          </tbody>
        </table>
        {trades.length === 0 && <p className="empty">Waiting for prints of {symbol}…</p>}
      </div>
    </div>
  );
}
