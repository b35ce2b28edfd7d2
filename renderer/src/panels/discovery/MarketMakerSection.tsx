import { AgGridReact } from 'ag-grid-react';
import type { DiscoveredValue, MarketMakerProfile, MarketMakerProfiles } from '../../../../core/contract/contract';
import { chainTheme } from '../optionChain/chainGrid';
import { marketMakerColumns } from './marketMakerColumns';
import { MethodStatus } from './MethodStatus';

const rowId = (params: { data: MarketMakerProfile }) => `${params.data.exchange}|${params.data.marketMaker}`;
const defaultColDef = { sortable: true, resizable: true, flex: 1 };

/** Who makes the market on each exchange, from the Level 2 history: top-of-book share, presence, size, quote life. */
export function MarketMakerSection({ found }: { found: DiscoveredValue<MarketMakerProfiles> }) {
  const profiles = found.value?.profiles ?? [];
  return (
    <section className="discovery-section discovery-wide" aria-label="Market makers">
      <h3 className="section-title">Market makers · Level 2 profiles</h3>
      <MethodStatus found={found} unit="book snapshots" testId="status-market-makers" />
      {profiles.length > 0 && (
        <div className="discovery-grid" data-testid="market-maker-grid" data-rows={profiles.length}>
          <AgGridReact<MarketMakerProfile> theme={chainTheme} rowData={profiles} columnDefs={marketMakerColumns} defaultColDef={defaultColDef} getRowId={rowId} domLayout="autoHeight" animateRows={false} />
        </div>
      )}
    </section>
  );
}
