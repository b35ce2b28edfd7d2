import type { SentimentView } from '../../../../core/contract/contract';
import { formatMarketDate, formatMarketTime } from '../../format/marketTime';
import { formatNumber } from '../../format/numbers';

type Article = Extract<SentimentView, { covered: true }>['snapshot']['articles'][number];

const scoreClass = (score: number) => (score > 0.05 ? 'up' : score < -0.05 ? 'down' : '');
const scoreText = (score: number) => `${score > 0.05 ? '▲' : score < -0.05 ? '▼' : '·'} ${score >= 0 ? '+' : '−'}${formatNumber(Math.abs(score), 3)}`;

/**
 * Articles newest first. Links leave the app: target=_blank in a browser tab, and in Electron the shell's
 * window-open handler hands http(s) to the system browser.
 */
export function ArticleList({ articles }: { articles: readonly Article[] }) {
  return (
    <ul className="article-list" data-testid="article-list">
      {articles.map((article) => (
        <li key={`${article.url}-${article.publishedAt}`} data-testid="article">
          <a href={article.url} target="_blank" rel="noopener noreferrer" title={article.summary}>
            {article.title}
          </a>
          <div className="article-meta">
            <span className="muted">{article.source}</span>
            <span className="muted num">
              {formatMarketDate(article.publishedAt)} {formatMarketTime(article.publishedAt)}
            </span>
            <span className={`num ${scoreClass(article.tickerScore)}`} title={`${article.tickerLabel} · relevance ${formatNumber(article.tickerRelevance, 2)}`}>
              {scoreText(article.tickerScore)} {article.tickerLabel}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

export { scoreClass, scoreText };
