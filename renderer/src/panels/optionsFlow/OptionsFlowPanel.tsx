import type { IDockviewPanelProps } from 'dockview-react';
import { useEffect, useRef } from 'react';
import type { OptionsFlowReading } from '../../../../core/contract/contract';
import { useAlphaVantageStaleReason } from '../../feeds/useAlphaVantageFreshness';
import { useFeed } from '../../feeds/useFeed';
import { formatNumber, formatPrice, formatSize } from '../../format/numbers';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { formatDollars, formatIv, formatRatio, formatVolPoints } from './flowFormat';
import { ExpiryTable, PremiumChangeList, UnusualEventList, UnusualNowList } from './FlowTables';
import { TermStructureChart } from './termStructureChart';
import { VendorGreeksSection } from './VendorGreeks';

/** The headline figures: P/C by volume and premium, the 30-day ATM IV with its rank and percentile, the skew. */
function FlowSummary({ reading }: { reading: OptionsFlowReading }) {
  const { all } = reading.putCall;
  const { atm } = reading;
  return (
    <div className="flow-summary num" data-testid="flow-summary">
      <span title={`puts ${formatSize(all.putVolume)} / calls ${formatSize(all.callVolume)} contracts`}>
        P/C vol <b data-testid="flow-pc-volume">{formatRatio(all.volumeRatio)}</b>
      </span>
      <span title={`puts ${formatDollars(all.putPremium)} / calls ${formatDollars(all.callPremium)}`}>
        P/C prem <b data-testid="flow-pc-premium">{formatRatio(all.premiumRatio)}</b>
      </span>
      <span>
        ATM IV {atm.targetDays}d <b data-testid="flow-atm-iv">{formatIv(atm.iv)}</b>
      </span>
      <span title="IV rank: where today's IV sits between the stored history's low and high (0–100)">
        rank <b>{formatNumber(atm.rank, 0)}</b>
      </span>
      <span title="IV percentile: share of stored past days with a lower IV">
        pct <b>{formatNumber(atm.percentile, 0)}</b>
      </span>
      <span className="muted">({atm.historyDays} d history)</span>
      <span title="25-delta risk reversal (call IV − put IV), vol points; negative: puts richer">
        25Δ RR <b>{formatVolPoints(reading.skew25)}</b>
      </span>
      <span className="muted">spot {formatPrice(reading.spot)}</span>
      <span className="muted" title="contracts · priced with our own IV · skipped · awaiting pace history">
        {formatSize(reading.counts.contracts)} contracts
      </span>
    </div>
  );
}

/**
 * Options flow of the panel's symbol at each chain refresh: put/call ratios, ATM IV with rank and percentile, the
 * term structure and skew, the vendor-greek check, unusual activity and the largest premium changes.
 */
export function OptionsFlowPanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const feed = useFeed('optionsFlow', { symbol });
  const reading = feed.event?.value.reading ?? null;
  const events = feed.event?.value.unusualEvents ?? [];
  const staleBecause = useAlphaVantageStaleReason(symbol, ['options']);
  const freshness = useFreshness({ asOf: reading?.asOf ?? null, receivedAt: null, staleBecause, resyncedAt: lastResync(feed.event) });
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<TermStructureChart | null>(null);

  useEffect(() => {
    const chart = new TermStructureChart(canvasRef.current!);
    chartRef.current = chart;
    return () => {
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => chartRef.current!.show(reading?.termStructure ?? [], reading?.atm.targetDays ?? 30), [reading]);

  return (
    <div className={`panel flow-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="options-flow-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <span className="muted num" data-testid="flow-chain-as-of" data-as-of={reading?.asOf ?? ''} data-computed-at={reading?.computedAt ?? ''}>
          {reading ? `${reading.termStructure.length} expiries` : ''}
        </span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      {reading ? <FlowSummary reading={reading} /> : <p className="empty">{feed.error ? `Options flow unavailable: ${feed.error}` : 'Waiting for the first option chain of this symbol…'}</p>}
      <div className="panel-body flow-body">
        <div className="flow-column">
          <div className="flow-chart" data-testid="flow-term-chart" data-points={reading?.termStructure.filter((e) => e.atmIv !== null).length ?? 0}>
            <canvas ref={canvasRef} />
          </div>
          {reading && <ExpiryTable reading={reading} />}
          <h3 className="section-title">Vendor greeks</h3>
          {reading && <VendorGreeksSection check={reading.vendorGreeks} />}
        </div>
        <div className="flow-column">
          <h3 className="section-title">Unusual activity (newest first)</h3>
          <UnusualEventList events={events} />
          <h3 className="section-title">Unusual at this refresh</h3>
          {reading && <UnusualNowList unusual={reading.unusual} />}
          <h3 className="section-title">Largest premium changes</h3>
          {reading && <PremiumChangeList reading={reading} />}
        </div>
      </div>
    </div>
  );
}
