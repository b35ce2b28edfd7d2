import type { Bar } from '../market/bar';
import type { SymbolDiscovery } from '../market/discoveryReading';
import type { GammaExposureUpdate } from '../market/gammaExposureReading';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { OptionsFlowReading } from '../market/optionsFlow';
import type { Quote } from '../market/quote';
import type { SentimentScore } from '../market/sentiment';
import type { SweepEvent } from '../market/sweep';
import type { TechnicalsBySymbol } from '../market/technicals';
import type { VpinReading } from '../market/vpinReading';

/**
 * Everything a strategy may look at for one symbol at one moment. A strategy is a pure function of this: the same
 * snapshot gives the same proposals (replay depends on it). Missing inputs are null, never guessed.
 */
export interface StrategySnapshot {
  symbol: string;
  now: number;
  /** The New York session date (YYYY-MM-DD) and minutes since New York midnight. */
  marketDate: string;
  marketMinute: number;
  quote: Quote | null;
  /** The newest five-second bars, oldest first. */
  bars: readonly Bar[];
  /** Book imbalance in [−1, 1] (bid-heavy positive), null without depth. */
  imbalance: number | null;
  gex: GammaExposureUpdate | null;
  vpin: VpinReading | null;
  flow: OptionsFlowReading | null;
  /** Sweeps of this symbol in the last minutes, newest first. */
  sweeps: readonly SweepEvent[];
  chain: OptionChainSnapshot | null;
  /** The latest discovery for the symbol, with each value's as-of time; null before the first run. */
  discovered: SymbolDiscovery | null;
  /** Alpha Vantage's indicators (daily RSI, MACD, Bollinger bands, ATR) and news sentiment; null when not fetched. */
  technicals: TechnicalsBySymbol | null;
  sentiment: SentimentScore | null;
  /** Signed shares (or contracts) already held in this symbol's instruments. */
  positionQuantity: number;
  /** This symbol's orders still working (not filled, cancelled or rejected), a bracket's legs each. */
  workingOrders: number;
}
