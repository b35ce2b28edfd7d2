import type { IDockviewPanelProps } from 'dockview-react';
import type { DiscoveryRun } from '../../../../core/contract/contract';
import { useFeed } from '../../feeds/useFeed';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { ChangesList } from './ChangesList';
import { CorrelationHeatmap } from './CorrelationHeatmap';
import { MarketMakerSection } from './MarketMakerSection';
import { RunHistory } from './RunHistory';
import { RunNow } from './RunNow';
import { RunTimes } from './RunTimes';
import { StructureSection } from './StructureSection';
import { TradeSizeSection } from './TradeSizeSection';
import { VolatilitySection } from './VolatilitySection';
import './discoveryPanel.css';

/** What the latest run found for the panel's symbol: the bucket, the lookback, the regime, the market makers. */
function SymbolFindings({ run, symbol }: { run: DiscoveryRun; symbol: string }) {
  const found = run.symbols.find((s) => s.symbol === symbol);
  if (!found) {
    return (
      <p className="empty" data-testid="discovery-symbol-missing">
        Run #{run.id} has no discovery for {symbol}: it covers {run.symbols.map((s) => s.symbol).join(', ') || 'no symbol'}.
      </p>
    );
  }
  return (
    <div className="discovery-columns" data-testid="discovery-symbol" data-symbol={symbol}>
      <TradeSizeSection found={found.tradeSizes} />
      <StructureSection symbol={found} />
      <VolatilitySection found={found.volatility} />
      <MarketMakerSection found={found.marketMakers} />
    </div>
  );
}

/**
 * Parameter discovery: what the engine learnt from the market and why. Per symbol (the panel's): trade-size
 * clusters and the VPIN bucket, ACF/PACF and the lookback, the volatility regime, the market makers; across symbols:
 * the correlation matrix; and the runs (what changed, when, the next one), with "Run now".
 */
export function DiscoveryPanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const feed = useFeed('discovery', {});
  const view = feed.event?.value ?? null;
  const latest = view?.latest ?? null;
  // A run changes the view every 15 minutes: judged by the connection, not by quiet.
  const freshness = useFreshness({ asOf: latest?.finishedAt ?? null, receivedAt: null, resyncedAt: lastResync(feed.event) });

  return (
    <div className={`panel discovery-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="discovery-panel" data-stale={freshness.stale} data-symbol={symbol} data-run-id={latest?.id ?? ''}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <RunNow running={view?.running ?? null} available={view !== null && view.nextRunAt !== null} />
        <span className="toolbar-spacer" />
        {!feed.error && <FreshnessBadge freshness={freshness} />}
      </div>
      {feed.error && (
        <div className="panel-notice discovery-unavailable" role="alert" data-testid="discovery-unavailable">
          <strong>Parameter discovery is unavailable.</strong> The engine says: {feed.error}.
          <br />
          Until it runs, the analytics use their configured defaults (config.yaml <code>discovery.enabled</code> switches it on).
        </div>
      )}
      <div className="panel-body">
        {!view ? (
          !feed.error && <p className="empty">Waiting for the discovery stream…</p>
        ) : (
          <>
            <RunTimes view={view} />
            {latest && (
              <>
                <SymbolFindings run={latest} symbol={symbol} />
                <div className="discovery-columns">
                  <CorrelationHeatmap found={latest.correlations} runSymbols={latest.symbols.map((s) => s.symbol)} />
                  <section className="discovery-section" aria-label="Changes since the previous run">
                    <h3 className="section-title">Changes since the previous run</h3>
                    <ChangesList changes={latest.changes} firstRun={view.runs.length <= 1} />
                  </section>
                </div>
              </>
            )}
            <h3 className="section-title">Recent runs</h3>
            <RunHistory runs={view.runs} />
          </>
        )}
      </div>
    </div>
  );
}
