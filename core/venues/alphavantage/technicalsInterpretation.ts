import type { Indicator, TechnicalPoint } from '../../market/technicals';

export interface Interpretation {
  signal: string;
  text: string;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

function interpretRsi(latest: TechnicalPoint): Interpretation {
  const rsi = latest.values.rsi!;
  const signal = rsi >= 70 ? 'overbought' : rsi <= 30 ? 'oversold' : 'neutral';
  return { signal, text: `RSI ${round(rsi)}: ${signal} (30/70 bands)` };
}

function interpretMacd(series: TechnicalPoint[]): Interpretation {
  const hist = series[0]!.values.histogram!;
  const previous = series[1]?.values.histogram;
  const side = hist >= 0 ? 'bullish' : 'bearish';
  const crossed = previous !== undefined && Math.sign(previous) !== Math.sign(hist) && hist !== 0;
  const signal = crossed ? `${side}_crossover` : side;
  return { signal, text: `MACD histogram ${round(hist, 4)}: ${crossed ? `${side} crossover (MACD crossed its signal line)` : `${side} momentum`}` };
}

const bandwidth = (p: TechnicalPoint) => (p.values.upper! - p.values.lower!) / p.values.middle!;

/** Band width against the series' own history: a squeeze is the narrowest tenth, an expansion the widest. */
function interpretBbands(series: TechnicalPoint[]): Interpretation {
  const widths = series.map(bandwidth).filter(Number.isFinite);
  const latest = bandwidth(series[0]!);
  const rank = widths.filter((w) => w < latest).length / Math.max(1, widths.length - 1);
  const signal = widths.length < 5 ? 'normal' : rank <= 0.1 ? 'squeeze' : rank >= 0.9 ? 'expansion' : 'normal';
  return { signal, text: `Bollinger bandwidth ${round(latest * 100)}% of the middle band: ${signal}` };
}

/** ATR against its own average over the series. */
function interpretAtr(series: TechnicalPoint[]): Interpretation {
  const latest = series[0]!.values.atr!;
  const mean = series.reduce((s, p) => s + p.values.atr!, 0) / series.length;
  const ratio = mean > 0 ? latest / mean : 1;
  const signal = ratio >= 1.25 ? 'elevated' : ratio <= 0.8 ? 'subdued' : 'normal';
  return { signal, text: `ATR ${round(latest, 4)} is ${round(ratio)}× its average: ${signal} volatility` };
}

/** The latest value read as a trader would (series newest first, at least one point). */
export function interpretIndicator(indicator: Indicator, series: TechnicalPoint[]): Interpretation {
  switch (indicator) {
    case 'rsi':
      return interpretRsi(series[0]!);
    case 'macd':
      return interpretMacd(series);
    case 'bbands':
      return interpretBbands(series);
    case 'atr':
      return interpretAtr(series);
  }
}
