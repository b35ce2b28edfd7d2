import type { IDockviewPanelProps } from 'dockview-react';
import type { Trade } from '../../../../core/contract/contract';
import { formatSize } from '../../format/numbers';
import { isPrintInSweep, useSweepStore } from '../../stores/sweepStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { BLOCK_SIZE } from './tapeBuffer';
import { TapeRow } from './TapeRow';
import { useRowWindow } from './useRowWindow';
import { useTape } from './useTape';

const KEEP = 200;
/** The tape scrolls as a whole on every print: ten redraws a second read the same and cost half as much. */
const TAPE_REDRAW_MS = 100;
/** Row height in px (see .tape-row in cockpit.css): the tape draws only the rows in view, plus a margin. */
const ROW_PX = 18;
/** A print's identity: cumulative volume grows with every print of a session (the tape restarts with a session). */
const printKey = (trade: Trade) => `${trade.ts}:${trade.totalVolume}`;

/** Time and sales: newest print on top, blocks (≥ 10,000) and sweep prints highlighted. */
export function TapePanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const { trades, receivedAt, asOf, resyncedAt } = useTape(symbol, KEEP, TAPE_REDRAW_MS);
  const sweeps = useSweepStore((s) => s.sweeps);
  const freshness = useFreshness({ asOf, receivedAt, symbol, resyncedAt });

  const { bodyRef, onScroll, first, count } = useRowWindow(ROW_PX);
  const symbolSweeps = sweeps.filter((sweep) => sweep.symbol === symbol);
  const drawn = trades.slice(first, first + count);
  return (
    <div className={`panel tape-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="tape-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <span className="muted">blocks ≥ {formatSize(BLOCK_SIZE)}</span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      <div className="tape" role="table" data-testid="tape-table">
        <div role="row" className="tape-head">
          <span role="columnheader" className="tape-time">Time</span>
          <span role="columnheader" className="tape-price">Price</span>
          <span role="columnheader" className="tape-size">Size</span>
          <span role="columnheader" className="tape-side">Side</span>
          <span role="columnheader" className="tape-tags" />
        </div>
        {/* Rows are keyed by print and sit in a list of fixed-height rows: a redraw mounts the new prints' rows and
            drops as many at the bottom, and the rows in between keep their text (no re-layout, no new glyphs). */}
        <div className="panel-body" ref={bodyRef} onScroll={onScroll}>
          <div role="rowgroup" className="tape-rows" style={{ height: trades.length * ROW_PX, paddingTop: first * ROW_PX }}>
            {drawn.map((trade) => (
              <TapeRow key={printKey(trade)} trade={trade} sweep={symbolSweeps.some((sweep) => isPrintInSweep(sweep, trade))} />
            ))}
          </div>
          {trades.length === 0 && <p className="empty">Waiting for prints of {symbol}…</p>}
        </div>
      </div>
    </div>
  );
}
