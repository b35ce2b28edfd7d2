import type { IDockviewPanelProps } from 'dockview-react';
import { useEffect, useRef, useState } from 'react';
import { useFeed } from '../../feeds/useFeed';
import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import { formatSize } from '../../format/numbers';
import { useNow } from '../../stores/nowStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { VpinChart } from './vpinChart';
import { formatCdf, formatVpin, VpinAlertList, VpinSettingsLine } from './VpinTables';

/**
 * VPIN (volume-synchronised probability of informed trading) of the panel's symbol: the newest reading and its CDF
 * with a TOXIC badge, both over time with the alert level, the toxicity alerts, and the service's settings.
 */
export function VpinPanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const feed = useFeed('vpin', { symbol });
  const view = feed.event?.value ?? null;
  const latest = view?.readings.at(-1) ?? null;
  const now = useNow();
  const freshness = useFreshness({ asOf: feed.event?.asOf ?? null, receivedAt: null, symbol, resyncedAt: lastResync(feed.event) });
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<VpinChart | null>(null);
  const [points, setPoints] = useState(0);

  useEffect(() => {
    const chart = new VpinChart(containerRef.current!);
    chartRef.current = chart;
    return () => {
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current!;
    chart.show(view?.readings ?? [], view?.settings.alertLevel ?? 1);
    setPoints(chart.pointCount);
  }, [view]);

  return (
    <div className={`panel vpin-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="vpin-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        {latest && (
          <>
            <span className="num strong" data-testid="vpin-latest" data-bucket={latest.bucket} title="VPIN over the last n buckets, 0..1">
              VPIN {formatVpin(latest.vpin)}
            </span>
            <span className="num" data-testid="vpin-cdf" title="VPIN's percentile among its own recent readings">
              CDF {formatCdf(latest.cdf)}
            </span>
            {latest.toxic ? (
              <span className="pill bad" data-testid="vpin-toxic">
                TOXIC
              </span>
            ) : (
              <span className="pill ok">normal</span>
            )}
            <span className="muted num" data-testid="vpin-reading-time" data-time={latest.time} title="When the newest bucket filled (New York)">
              bucket {latest.bucket} at {formatMarketTime(latest.time)} · {formatAge(now - latest.time)} ago
            </span>
          </>
        )}
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      {feed.error && !view && <p className="empty">VPIN unavailable: {feed.error}</p>}
      {view && !latest && (
        <p className="empty" data-testid="vpin-warming-up">
          No reading yet: {view.settings.buckets} buckets of {formatSize(view.settings.bucketVolume)} shares must fill.
        </p>
      )}
      <div className="vpin-chart chart-container" ref={containerRef} data-testid="vpin-chart" data-points={points} />
      <div className="vpin-footer">
        {view && <VpinSettingsLine settings={view.settings} />}
        <h3 className="section-title">Toxicity alerts</h3>
        <VpinAlertList alerts={view?.alerts ?? []} />
      </div>
    </div>
  );
}
