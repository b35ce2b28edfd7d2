import type {
  DiscoveryRefusal,
  DiscoveryWindow,
  MarketMakerProfiles,
  PairCorrelation,
  TemporalStructure,
  TradeSizeClusters,
  VolatilityRegime,
} from '../market/discoveryReading';
import type { SymbolHistory } from '../market/marketHistory';
import { classifiedBarVolumes, fiveSecondReturns, signedVolumes } from './barSeries';
import { returnCorrelations } from './correlations';
import { profileMarketMakers } from './marketMakerProfiles';
import { temporalStructure } from './temporalStructure';
import { discoverTradeSizeClusters } from './tradeSizeClusters';
import { discoverVolatilityRegime } from './volatilityRegime';

/** What one run's methods gave for a symbol: each a value or the refusal saying why not (before any value is kept). */
export interface SymbolFindings {
  symbol: string;
  tradeSizes: TradeSizeClusters | DiscoveryRefusal;
  returnStructure: TemporalStructure | DiscoveryRefusal;
  signedVolumeStructure: TemporalStructure | DiscoveryRefusal;
  volatility: VolatilityRegime | DiscoveryRefusal;
  marketMakers: MarketMakerProfiles | DiscoveryRefusal;
}

/** What one run's methods gave across symbols. */
export interface DiscoveryFindings {
  symbols: SymbolFindings[];
  correlations: PairCorrelation[] | DiscoveryRefusal;
}

/** How a symbol is discovered: Level 2 or not (market makers), and the configured daily volume (the paper's bucket). */
export interface SymbolSetup {
  symbol: string;
  level2: boolean;
  averageDailyVolume?: number;
}

/**
 * Every method on one symbol's history: the VPIN bucket from trade-size clusters, the temporal structure of 5-second
 * returns and of signed volume per bar, the volatility regime, and (Level 2 symbols) the market makers' profiles.
 * Pure: the same history and `now` give the same findings.
 */
export function discoverSymbol(history: SymbolHistory, setup: SymbolSetup, now: number): SymbolFindings {
  const { bars, trades, books } = history;
  const returns = fiveSecondReturns(bars);
  const signed = signedVolumes(classifiedBarVolumes(bars, trades));
  return {
    symbol: setup.symbol,
    tradeSizes: discoverTradeSizeClusters(trades, { averageDailyVolume: setup.averageDailyVolume, now }),
    returnStructure: temporalStructure(returns.map((r) => r.value), spanOf(returns.map((r) => r.time)), now),
    signedVolumeStructure: temporalStructure(signed, spanOf(bars.map((b) => b.time)), now),
    volatility: discoverVolatilityRegime(bars, { now }),
    marketMakers: setup.level2
      ? profileMarketMakers(books, { now })
      : notApplicable(`${setup.symbol} is a standard (top-of-book) symbol: it has no Level 2 book to profile`),
  };
}

/** A method that does not apply to the symbol: a refusal that needs nothing (needed and got 0), not counted as one. */
export function notApplicable(reason: string): DiscoveryRefusal {
  return { ok: false, reason, needed: 0, got: 0 };
}

export function isNotApplicable(refusal: DiscoveryRefusal | null): boolean {
  return refusal !== null && refusal.needed === 0 && refusal.got === 0;
}

/** Correlations of every pair of the symbols' five-second returns over the run's window; a refusal with fewer than two symbols. */
export function discoverCorrelations(histories: ReadonlyArray<Pick<SymbolHistory, 'symbol' | 'bars'>>, window: DiscoveryWindow, now: number): PairCorrelation[] | DiscoveryRefusal {
  if (histories.length < 2) return { ok: false, reason: `correlations need at least 2 symbols (${histories.length} configured)`, needed: 2, got: histories.length };
  return returnCorrelations(new Map(histories.map((h) => [h.symbol, h.bars])), window, now);
}

/** First and last of ascending times; an empty list spans nothing (0, 0). */
function spanOf(times: readonly number[]): DiscoveryWindow {
  return { from: times[0] ?? 0, to: times.at(-1) ?? 0 };
}
