import type { IDockviewPanelProps } from 'dockview-react';
import { useMemo, useState } from 'react';
import type { ExpiryBucket, GammaExposureUpdate } from '../../../../core/contract/analyticsView';
import { useAlphaVantageStaleReason } from '../../feeds/useAlphaVantageFreshness';
import { useFeed } from '../../feeds/useFeed';
import { formatAge } from '../../format/age';
import { formatMarketTime } from '../../format/marketTime';
import { useNow } from '../../stores/nowStore';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { GexBarChart } from './GexBarChart';
import type { GexBars } from './gexChart';
import { DEFAULT_STRIKE_RANGE, describeFlip, EXPIRY_BUCKETS, formatUsdCompact, POSITIONING_TEXT, STRIKE_RANGES, strikeWindow, strikesShown } from './gexFigures';
import './gexPanel.css';

const signClass = (value: number) => (value > 0 ? 'pos' : value < 0 ? 'neg' : '');

function Figure({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <span className="num">
      <span className="label">{label}</span>
      <span className={signClass(value)} data-testid={testId}>
        {formatUsdCompact(value)}
      </span>
    </span>
  );
}

/** Totals of the chosen bucket, the flip and walls, and when the chain and the spot were taken. */
function GexSummary({ gex, bucket }: { gex: GammaExposureUpdate; bucket: ExpiryBucket }) {
  const now = useNow();
  const figures = gex.buckets[bucket];
  return (
    <div className="gex-summary" data-testid="gex-summary">
      <div className="gex-row">
        <Figure label="net GEX" value={figures.gex} testId="gex-net" />
        <Figure label="call" value={figures.callGex} testId="gex-call" />
        <Figure label="put" value={figures.putGex} testId="gex-put" />
        <Figure label="DEX" value={figures.dex} testId="gex-dex" />
      </div>
      <div className="gex-row">
        <span className="num gex-flip" data-testid="gex-flip">
          {describeFlip(gex.flip, gex.spot)}
        </span>
        <span className="num gex-wall">
          <span className="label">walls</span>
          <span data-testid="gex-call-wall">call {gex.callWall ?? '—'}</span> · <span data-testid="gex-put-wall">put {gex.putWall ?? '—'}</span>
        </span>
      </div>
      <div className="gex-row muted">
        <span className="num" data-testid="gex-chain-as-of" title="The option chain's as-of time (New York) and its age">
          chain {formatMarketTime(gex.chainAsOf)} · {formatAge(now - gex.chainAsOf)}
        </span>
        <span className="num" data-testid="gex-spot-as-of" title="The spot the chain was priced at, its as-of time and age">
          spot {gex.spot.toFixed(2)} at {formatMarketTime(gex.spotAsOf)} · {formatAge(now - gex.spotAsOf)}
        </span>
      </div>
      <div className="gex-row muted">
        <span className="num" data-testid="gex-computed-at" title={gex.trigger === 'chain' ? 'computed for a new chain' : 'the chain re-priced because the spot moved'}>
          computed {formatMarketTime(gex.computedAt)} ({gex.trigger})
        </span>
        <span data-testid="gex-positioning">
          {POSITIONING_TEXT[gex.positioning]} · {gex.gexUnit}
        </span>
      </div>
    </div>
  );
}

/**
 * Gamma exposure by strike (net, or calls and puts) around the spot for one expiry bucket, with the spot, flip
 * level and walls marked, as the engine's GEX service computed it.
 */
export function GexPanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const feed = useFeed('gex', { symbol });
  const gex = feed.event?.value ?? null;
  const [bucket, setBucket] = useState<ExpiryBucket>('all');
  const [range, setRange] = useState<number>(DEFAULT_STRIKE_RANGE);
  const [bars, setBars] = useState<GexBars>('net');
  const staleBecause = useAlphaVantageStaleReason(symbol, ['options']);
  const freshness = useFreshness({ asOf: gex?.chainAsOf ?? null, receivedAt: null, symbol, staleBecause, resyncedAt: lastResync(feed.event) });

  const view = useMemo(() => {
    if (!gex) return null;
    const window = strikeWindow(gex, range);
    return { gex, window, rows: strikesShown(gex.buckets[bucket].byStrike, window), bars };
  }, [gex, bucket, range, bars]);

  return (
    <div className={`panel gex-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="gex-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        <label>
          Expiry{' '}
          <select data-testid="gex-bucket" value={bucket} onChange={(e) => setBucket(e.target.value as ExpiryBucket)}>
            {EXPIRY_BUCKETS.map(({ bucket: value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Strikes{' '}
          <select data-testid="gex-range" value={range} onChange={(e) => setRange(Number(e.target.value))}>
            {STRIKE_RANGES.map((value) => (
              <option key={value} value={value}>
                {value === 0 ? 'all' : `±${value}%`}
              </option>
            ))}
          </select>
        </label>
        <label>
          Bars{' '}
          <select data-testid="gex-bars" value={bars} onChange={(e) => setBars(e.target.value as GexBars)}>
            <option value="net">net</option>
            <option value="callPut">calls & puts</option>
          </select>
        </label>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      {gex ? (
        <GexSummary gex={gex} bucket={bucket} />
      ) : (
        <p className="muted gex-empty" data-testid="gex-waiting">
          {feed.error ? `GEX unavailable: ${feed.error}` : `No GEX for ${symbol} yet: it is computed when the option chain arrives.`}
        </p>
      )}
      <GexBarChart view={view} />
    </div>
  );
}
