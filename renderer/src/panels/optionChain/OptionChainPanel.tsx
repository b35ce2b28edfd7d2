import type { CellClickedEvent, CellKeyDownEvent, GridApi, GridReadyEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { IDockviewPanelProps } from 'dockview-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAlphaVantagePlan, useAlphaVantageStaleReason } from '../../feeds/useAlphaVantageFreshness';
import { useFeed } from '../../feeds/useFeed';
import { formatPrice } from '../../format/numbers';
import { fillFromChain } from '../../stores/ticketStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { chainColumns } from './chainColumns';
import { chainPick } from './chainPick';
import { chainTheme } from './chainGrid';
import { chainRows, diffRows, expiriesOf, type ChainRow } from './chainRows';
import { ChainPlanBanner } from './ChainPlanBanner';

// Every column filters (the funnel button in its header); a click on the header text sorts.
const NO_ROWS = 'No contracts for this expiry yet';
const rowId = (params: { data: ChainRow }) => params.data.id;
// The chain only re-centres when spot crosses a strike: a slow look at the quote is enough.
const SPOT_REDRAW_MS = 1_000;
const defaultColDef = { sortable: true, filter: 'agNumberColumnFilter', resizable: true };
/**
 * A changed cell is highlighted for half a second and then drops the highlight at once. ag-grid's default fades
 * it out over a second with a CSS background transition, which the browser restyles and repaints on every frame
 * for every fading cell: with a hundred cells changing a second that was a steady share of every frame.
 */
const FLASH_MS = 500;
const FADE_MS = 0;

/**
 * Calls and puts of one expiry around the money; updates go in as grid transactions, so scroll and sort stay. A
 * click on a call or put cell fills the order ticket with that contract.
 */
export function OptionChainPanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const chain = useFeed('optionChain', { symbol }).event;
  const spot = useFeed('quote', { symbol }, SPOT_REDRAW_MS).event?.value.last ?? null;
  const [expiryChoice, setExpiryChoice] = useState<string | null>(null);
  const [around, setAround] = useState(12);
  const [api, setApi] = useState<GridApi<ChainRow> | null>(null);
  const shown = useRef(new Map<string, ChainRow>());
  const onGridReady = useCallback((event: GridReadyEvent<ChainRow>) => {
    shown.current = new Map();
    setApi(event.api);
  }, []);
  // A click on a call or put cell (or Enter on it) fills the order ticket with that contract.
  const pick = useCallback(
    (event: CellClickedEvent<ChainRow> | CellKeyDownEvent<ChainRow>) => {
      const chosen = chainPick(symbol, event.data, event.column.getColId());
      if (chosen) fillFromChain(chosen);
    },
    [symbol],
  );
  const onCellKeyDown = useCallback((event: CellKeyDownEvent<ChainRow>) => (event.event as KeyboardEvent | null)?.key === 'Enter' && pick(event), [pick]);
  const staleBecause = useAlphaVantageStaleReason(symbol, ['options']);
  const plan = useAlphaVantagePlan();
  const freshness = useFreshness({ asOf: chain?.value.asOf ?? null, receivedAt: null, symbol: null, staleBecause, resyncedAt: lastResync(chain) });

  const expiries = useMemo(() => (chain ? expiriesOf(chain.value) : []), [chain]);
  const expiry = expiryChoice && expiries.includes(expiryChoice) ? expiryChoice : (expiries[0] ?? null);
  // Re-centre on the money only when the strike nearest spot changes, not on every tick.
  const spotBucket = spot === null ? null : Math.round(spot);
  const rows = useMemo(() => (chain && expiry ? chainRows(chain.value, expiry, spotBucket, around) : []), [chain, expiry, spotBucket, around]);

  useEffect(() => {
    if (!api) return;
    const transaction = diffRows(shown.current, rows);
    if (transaction.add.length || transaction.update.length || transaction.remove.length) api.applyTransaction(transaction);
    shown.current = new Map(rows.map((row) => [row.id, row]));
  }, [api, rows]);

  // Bring the money into view once per symbol and expiry; after that the trader's scroll position stays.
  const centred = useRef<string | null>(null);
  useEffect(() => {
    const target = `${symbol}|${expiry}`;
    if (!api || rows.length === 0 || spot === null || centred.current === target) return;
    centred.current = target;
    const atm = rows.reduce((best, row) => (Math.abs(row.strike - spot) < Math.abs(best.strike - spot) ? row : best));
    const node = api.getRowNode(atm.id);
    if (node) api.ensureNodeVisible(node, 'middle');
  }, [api, rows, spot, symbol, expiry]);

  return (
    <div className={`panel chain-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="option-chain-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <label>
          Expiry{' '}
          <select data-testid="chain-expiry" value={expiry ?? ''} onChange={(e) => setExpiryChoice(e.target.value)}>
            {expiries.map((e) => (
              <option key={e} value={e}>
                {e}
              </option>
            ))}
          </select>
        </label>
        <label>
          Strikes{' '}
          <select data-testid="chain-around" value={around} onChange={(e) => setAround(Number(e.target.value))}>
            <option value={6}>±6</option>
            <option value={12}>±12</option>
            <option value={25}>±25</option>
            <option value={0}>all</option>
          </select>
        </label>
        <span className="muted num">spot {formatPrice(spot)}</span>
        <span className="muted num" data-testid="chain-count">
          {rows.length} strikes
        </span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      <ChainPlanBanner chain={chain?.value ?? null} plan={plan} />
      <div className="chain-grid" data-testid="chain-grid">
        <AgGridReact<ChainRow>
          theme={chainTheme}
          columnDefs={chainColumns}
          defaultColDef={defaultColDef}
          getRowId={rowId}
          onGridReady={onGridReady}
          onCellClicked={pick}
          onCellKeyDown={onCellKeyDown}
          overlayNoRowsTemplate={NO_ROWS}
          animateRows={false}
          cellFlashDuration={FLASH_MS}
          cellFadeDuration={FADE_MS}
        />
      </div>
    </div>
  );
}
