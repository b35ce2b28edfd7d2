/**
 * The morning analysis's data, assembled from what the engine already holds: a pure function of the strategies'
 * snapshots (signals/snapshotBook keeps each symbol's quote, GEX, VPIN, technicals, sentiment and discovery) and the
 * open positions. A missing input is null, never guessed.
 */
import type { GammaExposureUpdate } from '../../market/gammaExposureReading';
import type { MorningGap, MorningGex, MorningInputs, MorningPosition, MorningSymbol, MorningTechnical } from '../../market/morningInputs';
import { instrumentKey, type Position } from '../../market/order';
import type { Quote } from '../../market/quote';
import { INDICATORS } from '../../market/technicals';
import type { StrategySnapshot } from '../../signals/strategySnapshot';

/** The latest price before the open: the mid of a sane two-sided quote, else the last trade; null without either. */
export function preMarketPrice(quote: Quote): number | null {
  const { bid, ask } = quote;
  if (bid !== null && ask !== null && bid > 0 && ask >= bid) return (bid + ask) / 2;
  return quote.last !== null && quote.last > 0 ? quote.last : null;
}

/** The overnight gap: the pre-market price against the previous session's close; null while either is missing. */
export function overnightGap(quote: Quote | null): MorningGap | null {
  if (!quote || quote.close === null || !(quote.close > 0)) return null;
  const price = preMarketPrice(quote);
  if (price === null) return null;
  const change = price - quote.close;
  return { priorClose: quote.close, price, change, percent: (change / quote.close) * 100 };
}

const FLIP_NOTES = {
  'positive-across-grid': 'GEX stays positive across the searched range',
  'negative-across-grid': 'GEX stays negative across the searched range',
  'no-contracts': 'no option contracts to compute it from',
} as const;

function gexOf(gex: GammaExposureUpdate | null): MorningGex | null {
  if (!gex) return null;
  const flip = gex.flip.level;
  return {
    spot: gex.spot, totalGex: gex.totals.gex, callWall: gex.callWall, putWall: gex.putWall, flip,
    flipNote: gex.flip.level === null ? FLIP_NOTES[gex.flip.reason] : null, positioning: gex.positioning, asOf: gex.computedAt,
  };
}

function technicalsOf(snapshot: StrategySnapshot): MorningTechnical[] {
  const out: MorningTechnical[] = [];
  for (const indicator of INDICATORS) {
    const t = snapshot.technicals?.[indicator];
    if (t) out.push({ indicator, values: { ...t.latest.values }, signal: t.interpretation.signal, asOf: t.dataAsOf ?? t.latest.ts });
  }
  return out;
}

export function morningSymbol(snapshot: StrategySnapshot): MorningSymbol {
  const { sentiment, vpin } = snapshot;
  const volatility = snapshot.discovered?.volatility.value ?? null;
  return {
    symbol: snapshot.symbol,
    gap: overnightGap(snapshot.quote),
    sentiment: sentiment && { label: sentiment.label, score: sentiment.score, articles: sentiment.articles, asOf: sentiment.asOf },
    technicals: technicalsOf(snapshot),
    gex: gexOf(snapshot.gex),
    vpin: vpin && { vpin: vpin.vpin, cdf: vpin.cdf, toxic: vpin.toxic, asOf: vpin.time },
    regime: volatility && { regime: volatility.regime, volatility: volatility.volatility, computedAt: volatility.computedAt },
  };
}

export function morningPosition(p: Position): MorningPosition {
  return { instrument: instrumentKey(p.instrument), symbol: p.instrument.symbol, quantity: p.quantity, avgCost: p.avgCost, marketPrice: p.marketPrice, unrealizedPnl: p.unrealizedPnl };
}

export function assembleMorningInputs(input: { tradingDay: string; now: number; snapshots: readonly StrategySnapshot[]; positions: readonly Position[] }): MorningInputs {
  return {
    tradingDay: input.tradingDay,
    assembledAt: input.now,
    symbols: input.snapshots.map(morningSymbol),
    positions: input.positions.filter((p) => p.quantity !== 0).map(morningPosition),
  };
}
