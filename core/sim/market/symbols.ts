import type { SymbolSpec } from './marketFeed';

/** A symbol's spec plus the parameters the model drives it with. */
export interface SymbolModel extends SymbolSpec {
  startPrice: number;
  /** Annualised volatility in the normal regime. */
  annualVol: number;
  /** Correlation of the symbol's returns with the common factor (VXX is negative). */
  factorLoading: number;
  /** Noise trades per second in the normal regime. */
  tradesPerSecond: number;
  spreadTicks: number;
  dividendYield: number;
  /** Strike step of the listed options near the money. */
  strikeStep: number;
  /** SPY/QQQ/IWM list an expiry every weekday; single names list Fridays. */
  dailyExpiries: boolean;
}

type Row = [string, number, boolean, boolean, string, number, number, number, number, number, number, number, string];

// symbol, conId, isEtf, level2, primary, price, vol, loading, trades/s, spreadTicks, divYield, strikeStep, name
const ROWS: Row[] = [
  ['SPY', 756733, true, true, 'ARCA', 590, 0.15, 0.95, 40, 1, 0.013, 1, 'SPDR S&P 500 ETF TRUST'],
  ['QQQ', 320227571, true, true, 'NASDAQ', 515, 0.2, 0.9, 30, 1, 0.006, 1, 'INVESCO QQQ TRUST SERIES 1'],
  ['IWM', 9579970, true, true, 'ARCA', 225, 0.22, 0.8, 15, 1, 0.012, 1, 'ISHARES RUSSELL 2000 ETF'],
  ['AAPL', 265598, false, false, 'NASDAQ', 243, 0.25, 0.65, 20, 1, 0.004, 2.5, 'APPLE INC'],
  ['MSFT', 272093, false, false, 'NASDAQ', 420, 0.24, 0.65, 15, 2, 0.007, 5, 'MICROSOFT CORP'],
  ['NVDA', 4815747, false, false, 'NASDAQ', 138, 0.5, 0.6, 30, 1, 0.0003, 1, 'NVIDIA CORP'],
  ['TSLA', 76792991, false, false, 'NASDAQ', 410, 0.6, 0.45, 25, 3, 0, 5, 'TESLA INC'],
  ['META', 107113386, false, false, 'NASDAQ', 600, 0.35, 0.55, 10, 5, 0.003, 5, 'META PLATFORMS INC-CLASS A'],
  ['AMZN', 3691937, false, false, 'NASDAQ', 220, 0.32, 0.6, 15, 1, 0, 2.5, 'AMAZON.COM INC'],
  ['GOOGL', 208813719, false, false, 'NASDAQ', 190, 0.3, 0.6, 12, 1, 0.004, 2.5, 'ALPHABET INC-CL A'],
  ['AMD', 4391, false, false, 'NASDAQ', 125, 0.5, 0.5, 15, 1, 0, 1, 'ADVANCED MICRO DEVICES'],
  ['VXX', 319357119, true, false, 'BATS', 47, 0.7, -0.75, 6, 1, 0, 1, 'IPATH SERIES B S&P 500 VIX'],
];

export const DEFAULT_SYMBOLS: readonly SymbolModel[] = ROWS.map(
  ([symbol, conId, isEtf, level2, primaryExchange, startPrice, annualVol, factorLoading, tradesPerSecond, spreadTicks, dividendYield, strikeStep, longName]) => ({
    symbol, conId, secType: 'STK', isEtf, primaryExchange, currency: 'USD', minTick: 0.01, longName, level2,
    startPrice, annualVol, factorLoading, tradesPerSecond, spreadTicks, dividendYield, strikeStep,
    dailyExpiries: isEtf && symbol !== 'VXX',
  }),
);

export const RISK_FREE_RATE = 0.043;

/** The SymbolSpec part alone, as the feed hands it out. */
export function toSpec(model: SymbolModel): SymbolSpec {
  const { symbol, conId, secType, isEtf, primaryExchange, currency, minTick, longName, level2 } = model;
  return { symbol, conId, secType, isEtf, primaryExchange, currency, minTick, longName, level2 };
}

export function selectSymbols(names?: string[]): SymbolModel[] {
  if (!names) return [...DEFAULT_SYMBOLS];
  return names.map((name) => {
    const found = DEFAULT_SYMBOLS.find((s) => s.symbol === name.toUpperCase());
    if (!found) throw new Error(`unknown simulated symbol ${name}; known: ${DEFAULT_SYMBOLS.map((s) => s.symbol).join(', ')}`);
    return found;
  });
}

