import type { IDockviewPanelProps } from 'dockview-react';
import { useEffect, useRef, useState } from 'react';
import { FeedHub } from '../../feeds/feedHub';
import { useEngineClient } from '../../engine/engineContext';
import { useFeed, useFeedHub } from '../../feeds/useFeed';
import { formatMarketTime } from '../../format/marketTime';
import { formatPrice, formatSize } from '../../format/numbers';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { CandleChart } from './candleChart';
import { ChartHistory, HISTORY_EDGE_BARS } from './chartHistory';

/** Bars asked for per step when the chart is scrolled back past what it holds. */
const HISTORY_STEP_BARS = 100;

/**
 * 5-second candles and volume: the last 100 bars on open, then live; bars seen since stay, and scrolling back to the
 * oldest loads older ones from the engine (what Redis holds: the last hour).
 */
export function ChartPanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const hub = useFeedHub();
  const client = useEngineClient();
  const bars = useFeed('bars', { symbol }).event;
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<CandleChart | null>(null);
  const [barCount, setBarCount] = useState(0);
  const [firstBarTime, setFirstBarTime] = useState<number | null>(null);
  // Bars arrive every 5 s: allow two missed bars before calling the feed stale.
  const freshness = useFreshness({ asOf: bars?.asOf ?? null, receivedAt: bars?.receivedAt ?? null, symbol, staleAfterMs: 15_000, resyncedAt: lastResync(bars) });

  useEffect(() => {
    const chart = new CandleChart(containerRef.current!);
    chartRef.current = chart;
    return () => {
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  // Bars go straight from the feed into the chart (series.update), not through React state.
  useEffect(() => {
    const chart = chartRef.current!;
    chart.reset();
    const key = FeedHub.key('bars', { symbol });
    const shown = () => {
      setBarCount(chart.barCount);
      setFirstBarTime(chart.firstBarTime);
    };
    const take = () => {
      const event = hub.latest<'bars'>(key);
      if (!event) return;
      chart.apply(event.value);
      shown();
    };
    const history = new ChartHistory(chart, (before) => client.call('getBars', { symbol, before, count: HISTORY_STEP_BARS }), shown);
    const stopHistory = chart.onNearStart(HISTORY_EDGE_BARS, () => void history.loadOlder());
    const stop = hub.watch('bars', { symbol }, take);
    take();
    return () => {
      stop();
      stopHistory();
      history.dispose();
    };
  }, [hub, client, symbol]);

  const last = bars?.value.at(-1);
  return (
    <div className={`panel chart-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="chart-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <span className="muted">5 s bars</span>
        {last && (
          <span className="num" data-testid="chart-last-bar" data-bar-time={last.time}>
            {formatMarketTime(last.time)} O {formatPrice(last.open)} H {formatPrice(last.high)} L {formatPrice(last.low)} C {formatPrice(last.close)} V{' '}
            {formatSize(last.volume)}
          </span>
        )}
        <span className="muted num" data-testid="chart-bar-count" data-first-bar-time={firstBarTime ?? ''}>
          {barCount} bars
        </span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      <div className="chart-container" ref={containerRef} data-testid="chart-canvas" />
    </div>
  );
}
