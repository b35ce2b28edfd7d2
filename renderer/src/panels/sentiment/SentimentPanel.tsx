import type { IDockviewPanelProps } from 'dockview-react';
import { useAlphaVantageStaleReason } from '../../feeds/useAlphaVantageFreshness';
import { useFeed } from '../../feeds/useFeed';
import { FreshnessBadge } from '../freshness/FreshnessBadge';
import { lastResync, useFreshness } from '../freshness/useFreshness';
import { PanelSymbolControl } from '../PanelSymbolControl';
import { usePanelSymbol, type SymbolPanelParams } from '../usePanelSymbol';
import { ArticleList, scoreClass, scoreText } from './ArticleList';
import { TechnicalsTable } from './TechnicalsTable';

/** News sentiment (score, label, articles; "not covered" for ETFs) and the latest technical indicators. */
export function SentimentPanel(props: IDockviewPanelProps<SymbolPanelParams>) {
  const panelSymbol = usePanelSymbol(props);
  const { symbol } = panelSymbol;
  const sentiment = useFeed('sentiment', { symbol }).event;
  const technicals = useFeed('technicals', { symbol }).event;
  const view = sentiment?.value;
  const covered = view?.covered === true ? view.snapshot : null;
  const staleBecause = useAlphaVantageStaleReason(symbol, covered ? ['sentiment', 'rsi', 'macd', 'bbands', 'atr'] : ['rsi', 'macd', 'bbands', 'atr']);
  const asOf = covered?.score.asOf ?? technicals?.asOf ?? null;
  const freshness = useFreshness({ asOf, receivedAt: null, staleBecause, resyncedAt: lastResync(sentiment, technicals) });

  return (
    <div className={`panel sentiment-panel ${freshness.stale ? 'is-stale' : ''}`} data-testid="sentiment-panel" data-stale={freshness.stale} data-symbol={symbol}>
      <div className="panel-toolbar">
        <PanelSymbolControl panelSymbol={panelSymbol} />
        {covered && (
          <span className={`pill num ${scoreClass(covered.score.score)}`} data-testid="sentiment-score">
            {scoreText(covered.score.score)} {covered.score.label}
          </span>
        )}
        {covered && <span className="muted">{covered.score.articles} articles</span>}
        <span className="toolbar-spacer" />
        <FreshnessBadge freshness={freshness} />
      </div>
      <div className="panel-body">
        <h3 className="section-title">Technicals</h3>
        <TechnicalsTable technicals={technicals?.value} />
        <h3 className="section-title">News sentiment</h3>
        {!view && <p className="empty">Waiting for sentiment…</p>}
        {view?.covered === false && (
          <p className="empty not-covered" data-testid="sentiment-not-covered">
            Not covered — {view.reason}
          </p>
        )}
        {covered && <ArticleList articles={covered.articles} />}
      </div>
    </div>
  );
}
