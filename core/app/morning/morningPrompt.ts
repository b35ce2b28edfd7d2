/**
 * The prompt the morning analysis sends to the chat-completions API: one system message (the analyst's brief) and one
 * user message (the day's data, as text). Everything the provider receives is built here: README "Morning analysis"
 * lists it, because the positions go to a third party.
 */
import type { MorningInputs, MorningSymbol } from '../../market/morningInputs';
import { gapText, gexText, positionText, technicalText, vpinText } from './morningFormat';

export const MORNING_SYSTEM_PROMPT = [
  'You are a sell-side options strategist writing a pre-market note for one professional trader.',
  'Use only the data given; say so when a figure is missing rather than guessing.',
  'Write Markdown: a one-line summary, then per symbol the key levels (GEX flip, call and put walls), what the overnight',
  'gap, sentiment, technicals, VPIN toxicity and volatility regime imply for the open, and a risk note on each open',
  'position. Be concise (under 400 words). Dealer gamma: positive total GEX dampens moves, negative amplifies them.',
  'This is not investment advice; do not tell the trader to buy or sell.',
].join(' ');

function symbolLines(s: MorningSymbol): string[] {
  const missing = 'not available';
  return [
    `## ${s.symbol}`,
    `- overnight gap: ${s.gap ? gapText(s.gap) : missing}`,
    `- news sentiment: ${s.sentiment ? `${s.sentiment.label} (score ${s.sentiment.score.toFixed(3)}, ${s.sentiment.articles} articles)` : missing}`,
    `- technicals: ${s.technicals.length > 0 ? s.technicals.map(technicalText).join('; ') : missing}`,
    `- GEX: ${s.gex ? gexText(s.gex) : missing}`,
    `- VPIN: ${s.vpin ? vpinText(s.vpin) : missing}`,
    `- volatility regime: ${s.regime ? `${s.regime.regime} (realized ${(s.regime.volatility * 100).toFixed(1)}% annualized)` : missing}`,
  ];
}

/** The user message: the trading day, each symbol's figures, and the open positions. */
export function morningUserPrompt(inputs: MorningInputs): string {
  const lines = [`Pre-market data for the US session of ${inputs.tradingDay} (prices in USD).`, ''];
  for (const s of inputs.symbols) lines.push(...symbolLines(s), '');
  lines.push('## Open positions');
  if (inputs.positions.length === 0) lines.push('- none');
  for (const p of inputs.positions) lines.push(`- ${positionText(p)}`);
  return lines.join('\n');
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export function morningMessages(inputs: MorningInputs): ChatMessage[] {
  return [
    { role: 'system', content: MORNING_SYSTEM_PROMPT },
    { role: 'user', content: morningUserPrompt(inputs) },
  ];
}
