/** How the morning analysis writes its figures, the same in the prompt and in the rule-based summary. */
import type { MorningGap, MorningGex, MorningPosition, MorningTechnical, MorningVpin } from '../../market/morningInputs';

export const price = (value: number): string => value.toFixed(2);
export const signedPercent = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(2)}%`;

/** Dollars in millions or billions: "+$1.25B", "-$340.0M". */
export function dollars(value: number): string {
  const sign = value >= 0 ? '+' : '-';
  const size = Math.abs(value);
  if (size >= 1e9) return `${sign}$${(size / 1e9).toFixed(2)}B`;
  if (size >= 1e6) return `${sign}$${(size / 1e6).toFixed(1)}M`;
  return `${sign}$${Math.round(size)}`;
}

export function gapText(gap: MorningGap): string {
  return `${signedPercent(gap.percent)} (${price(gap.price)} vs prior close ${price(gap.priorClose)})`;
}

export function flipText(gex: MorningGex): string {
  return gex.flip === null ? `none (${gex.flipNote ?? 'not found'})` : price(gex.flip);
}

export function gexText(gex: MorningGex): string {
  const wall = (w: number | null) => (w === null ? 'none' : price(w));
  return `total ${dollars(gex.totalGex)} per 1% move, flip ${flipText(gex)}, call wall ${wall(gex.callWall)}, put wall ${wall(gex.putWall)}, spot ${price(gex.spot)}`;
}

export function vpinText(vpin: MorningVpin): string {
  const rank = vpin.cdf === null ? 'rank not yet known' : `rank ${Math.round(vpin.cdf * 100)}% of its recent readings`;
  return `${vpin.vpin.toFixed(3)} (${rank})${vpin.toxic ? ', TOXIC' : ''}`;
}

export function technicalText(t: MorningTechnical): string {
  const name = t.indicator.toUpperCase();
  const entries = Object.entries(t.values);
  // RSI and ATR have one value named after themselves: "RSI 71.40", not "RSI RSI 71.40".
  const values = entries.length === 1 && entries[0]![0].toUpperCase() === name ? `${name} ${entries[0]![1].toFixed(2)}` : `${name} ${entries.map(([n, v]) => `${n} ${v.toFixed(2)}`).join(', ')}`;
  return `${values} (${t.signal})`;
}

export function positionText(p: MorningPosition): string {
  const pnl = p.unrealizedPnl === null ? 'unrealized P&L unknown' : `unrealized ${dollars(p.unrealizedPnl)}`;
  return `${p.instrument}: ${p.quantity} at ${price(p.avgCost)}${p.marketPrice === null ? '' : `, now ${price(p.marketPrice)}`}, ${pnl}`;
}
