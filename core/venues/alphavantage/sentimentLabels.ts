import { SENTIMENT_LABELS, type SentimentLabel } from '../../market/sentiment';

/** "Somewhat_Bullish" (as AV's own definition string spells it) and "somewhat-bullish" are "Somewhat-Bullish". */
export function normalizeLabel(value: unknown): SentimentLabel | null {
  if (typeof value !== 'string') return null;
  const wanted = value.trim().replace(/[_\s]+/g, '-').toLowerCase();
  return SENTIMENT_LABELS.find((label) => label.toLowerCase() === wanted) ?? null;
}

/** AV's own thresholds (its `sentiment_score_definition`). */
export function labelForScore(score: number): SentimentLabel {
  if (score <= -0.35) return 'Bearish';
  if (score <= -0.15) return 'Somewhat-Bearish';
  if (score < 0.15) return 'Neutral';
  if (score < 0.35) return 'Somewhat-Bullish';
  return 'Bullish';
}
