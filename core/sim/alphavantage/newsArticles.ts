import { deriveSeed, Rng } from '../market/rng';
import { newsTime } from './avFormat';

export type ArticleSentimentLabel = 'Bearish' | 'Somewhat-Bearish' | 'Neutral' | 'Somewhat-Bullish' | 'Bullish';

/** Alpha Vantage's published thresholds (its definition string spells one label with an underscore). */
export function sentimentLabel(score: number): ArticleSentimentLabel {
  if (score <= -0.35) return 'Bearish';
  if (score <= -0.15) return 'Somewhat-Bearish';
  if (score < 0.15) return 'Neutral';
  if (score < 0.35) return 'Somewhat-Bullish';
  return 'Bullish';
}

export interface TickerSentiment {
  ticker: string;
  relevance_score: string;
  ticker_sentiment_score: string;
  ticker_sentiment_label: ArticleSentimentLabel;
}

export interface Article {
  title: string;
  url: string;
  time_published: string;
  authors: string[];
  summary: string;
  banner_image: string;
  source: string;
  category_within_source: string;
  source_domain: string;
  topics: Array<{ topic: string; relevance_score: string }>;
  overall_sentiment_score: number;
  overall_sentiment_label: ArticleSentimentLabel;
  ticker_sentiment: TickerSentiment[];
}

/** An article plus what the query filters on. */
export interface GeneratedArticle {
  ts: number;
  primary: string;
  relevance: number;
  article: Article;
}

export const TOPICS: Record<string, string> = {
  blockchain: 'Blockchain', earnings: 'Earnings', ipo: 'IPO', mergers_and_acquisitions: 'Mergers & Acquisitions',
  financial_markets: 'Financial Markets', economy_fiscal: 'Economy - Fiscal', economy_monetary: 'Economy - Monetary',
  economy_macro: 'Economy - Macro', energy_transportation: 'Energy & Transportation', finance: 'Finance',
  life_sciences: 'Life Sciences', manufacturing: 'Manufacturing', real_estate: 'Real Estate & Construction',
  retail_wholesale: 'Retail & Wholesale', technology: 'Technology',
};
const TOPIC_NAMES = Object.values(TOPICS);
const SOURCES: Array<[string, string, string]> = [
  ['Benzinga', 'www.benzinga.com', 'News'], ['Motley Fool', 'www.fool.com', 'n/a'], ['Zacks Commentary', 'www.zacks.com', 'n/a'],
  ['Business Standard', 'www.business-standard.com', 'Markets'], ['CNBC', 'www.cnbc.com', 'Top News'], ['Investing.com', 'www.investing.com', 'Stock Market News'],
];
const AUTHORS = ['Alex Morgan', 'Priya Natarajan', 'Sam Whitfield', 'Jordan Lee', 'Maria Alvarez', 'Chen Wu'];
const HEADLINES: Record<ArticleSentimentLabel, string[]> = {
  Bearish: ['{T} slides as analysts cut targets', 'Why {T} stock is sinking today', '{T} faces probe; shares drop'],
  'Somewhat-Bearish': ['{T} guidance disappoints some investors', 'Is {T} losing momentum?', 'Caution builds around {T}'],
  Neutral: ['{T}: what to watch this week', '{T} options traders position ahead of data', 'Here is how {T} traded today'],
  'Somewhat-Bullish': ['{T} edges higher on upbeat outlook', 'Analyst nudges {T} target up', '{T} gains as demand holds'],
  Bullish: ['{T} soars after blowout quarter', '{T} hits record as buyers pile in', 'Why {T} stock is rallying hard'],
};

export const SLOT_MS = 2 * 3_600_000;

/**
 * The article (if any) a ticker got in one 2-hour slot. Seeded by (seed, ticker, slot), so an article keeps
 * its time, text and scores however often and whenever it is asked for.
 */
export function articleInSlot(seed: number, ticker: string, slot: number, coverage: readonly string[]): GeneratedArticle | undefined {
  const rng = new Rng(deriveSeed(seed, `news:${ticker}:${slot}`));
  if (!rng.chance(0.45)) return undefined;
  const ts = slot * SLOT_MS + rng.int(0, SLOT_MS / 1000 - 1) * 1000;
  const score = Math.max(-0.9, Math.min(0.9, 0.3 * rng.normal()));
  const label = sentimentLabel(score);
  const relevance = 0.3 + 0.7 * rng.uniform();
  const tickers: TickerSentiment[] = [sentimentOf(ticker, relevance, score)];
  const others = coverage.filter((t) => t !== ticker);
  if (others.length > 0 && rng.chance(0.3)) {
    tickers.push(sentimentOf(rng.pick(others), 0.05 + 0.3 * rng.uniform(), Math.max(-0.9, Math.min(0.9, 0.25 * rng.normal()))));
  }
  const [source, domain, category] = rng.pick(SOURCES);
  const title = rng.pick(HEADLINES[label]).replace('{T}', ticker);
  const overall = Math.round((score * 0.8 + 0.1 * rng.normal()) * 1e6) / 1e6;
  return {
    ts, primary: ticker, relevance,
    article: {
      title, url: `https://${domain}/news/${ticker.toLowerCase()}-${slot}`, time_published: newsTime(ts), authors: [rng.pick(AUTHORS)],
      summary: `${title}. Simulated coverage of ${ticker} for the AlphaTrader practice market.`, banner_image: `https://${domain}/images/${slot}.jpg`,
      source, category_within_source: category, source_domain: domain,
      topics: [{ topic: rng.pick(TOPIC_NAMES), relevance_score: (0.5 + 0.5 * rng.uniform()).toFixed(6) }, { topic: 'Financial Markets', relevance_score: '0.5' }],
      overall_sentiment_score: overall, overall_sentiment_label: sentimentLabel(overall), ticker_sentiment: tickers,
    },
  };
}

function sentimentOf(ticker: string, relevance: number, score: number): TickerSentiment {
  return { ticker, relevance_score: relevance.toFixed(6), ticker_sentiment_score: score.toFixed(6), ticker_sentiment_label: sentimentLabel(score) };
}
