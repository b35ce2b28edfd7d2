/**
 * The morning analysis without an LLM: a summary written by fixed rules from the same inputs, used when no API key is
 * set or the API failed. Its heading says it is rule-based, so nobody mistakes it for the model's answer.
 */
import type { MorningInputs, MorningSymbol } from '../../market/morningInputs';
import { dollars, flipText, gapText, positionText, price, technicalText, vpinText } from './morningFormat';

export const RULES_HEADING = 'Rule-based summary (no LLM)';
/** A gap smaller than this (percent, either way) is called flat; larger than LARGE_GAP_PERCENT, large. */
const FLAT_GAP_PERCENT = 0.25;
const LARGE_GAP_PERCENT = 1;

function gapReading(s: MorningSymbol): string {
  if (!s.gap) return 'Overnight gap: not available (no prior close or pre-market price yet).';
  const size = Math.abs(s.gap.percent);
  const kind = size < FLAT_GAP_PERCENT ? 'flat open' : `${size >= LARGE_GAP_PERCENT ? 'large ' : ''}gap ${s.gap.percent > 0 ? 'up' : 'down'}`;
  return `Overnight gap: ${gapText(s.gap)}: ${kind}.`;
}

function gexReading(s: MorningSymbol): string {
  const gex = s.gex;
  if (!gex) return 'GEX: not available (no option chain priced yet).';
  const gamma = gex.totalGex >= 0 ? 'dealers long gamma: moves tend to be damped' : 'dealers short gamma: moves tend to be amplified';
  const side = gex.flip === null ? '' : `; spot ${price(gex.spot)} is ${gex.spot >= gex.flip ? 'above' : 'below'} the flip`;
  const walls = `call wall ${gex.callWall === null ? 'none' : price(gex.callWall)}, put wall ${gex.putWall === null ? 'none' : price(gex.putWall)}`;
  return `GEX ${dollars(gex.totalGex)} per 1% (${gamma}); flip ${flipText(gex)}${side}; ${walls}.`;
}

function flowReading(s: MorningSymbol): string {
  if (!s.vpin) return 'VPIN: not available yet.';
  return `VPIN ${vpinText(s.vpin)}${s.vpin.toxic ? ': one-sided, possibly informed flow; expect wider spreads' : ''}.`;
}

function symbolSection(s: MorningSymbol): string[] {
  const regime = s.regime ? `Volatility regime: ${s.regime.regime} (${(s.regime.volatility * 100).toFixed(1)}% annualized).` : 'Volatility regime: not discovered yet.';
  const sentiment = s.sentiment ? `News sentiment: ${s.sentiment.label} (${s.sentiment.score.toFixed(3)}, ${s.sentiment.articles} articles).` : 'News sentiment: not available.';
  const technicals = s.technicals.length > 0 ? `Technicals: ${s.technicals.map(technicalText).join('; ')}.` : 'Technicals: not available.';
  return [`## ${s.symbol}`, '', ...[gapReading(s), gexReading(s), flowReading(s), regime, sentiment, technicals].map((line) => `- ${line}`), ''];
}

/** The rule-based summary as Markdown; `error` (why the LLM was not used, when it was asked) is quoted at the top. */
export function ruleSummary(inputs: MorningInputs, error: string | null): string {
  const lines = [`# Morning analysis for ${inputs.tradingDay}`, '', `*${RULES_HEADING}.*`, ''];
  if (error) lines.push(`> The LLM was not used: ${error}`, '');
  for (const s of inputs.symbols) lines.push(...symbolSection(s));
  lines.push('## Open positions', '');
  if (inputs.positions.length === 0) lines.push('- none');
  for (const p of inputs.positions) lines.push(`- ${positionText(p)}`);
  return `${lines.join('\n')}\n`;
}
