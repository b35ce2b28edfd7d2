import { useFeed } from '../../feeds/useFeed';
import { useSessionSymbols } from '../../feeds/useSessionSymbols';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { selectSymbol, useSelectedSymbolStore } from '../../stores/selectedSymbolStore';
import { WatchlistRow } from './WatchlistRow';

/** The configured symbols with last, change, spread and a stale marker; a click selects the symbol. */
export function WatchlistPanel() {
  const symbols = useSessionSymbols();
  const selected = useSelectedSymbolStore((s) => s.symbol);
  const ingestion = useFeed('ingestion', {}).event;
  const freshness = useFreshness({ asOf: ingestion?.asOf ?? null, receivedAt: ingestion?.receivedAt ?? null, resyncedAt: lastResync(ingestion) });
  return (
    <div className={`panel watchlist-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="watchlist-panel" data-stale={freshness.stale}>
      <div className="panel-toolbar">
        <span className="muted">Alt+1…9 / Alt+↑↓ select</span>
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      <div className="panel-body">
        <table className="grid-table watchlist">
          <thead>
            <tr>
              <th>Symbol</th>
              <th className="right">Last</th>
              <th className="right" title="Change since the previous session's close">
                Chg
              </th>
              <th className="right">Spread</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {symbols.map((s) => (
              <WatchlistRow key={s.symbol} symbol={s.symbol} etf={s.etf} level2={s.dataClass === 'level2'} selected={s.symbol === selected} onSelect={selectSymbol} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
