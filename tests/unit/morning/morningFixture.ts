import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import type { Position } from '../../../core/market/order';
import { emptyQuote, type Quote } from '../../../core/market/quote';
import type { SymbolDiscovery, VolatilityRegime } from '../../../core/market/discoveryReading';
import type { StrategySnapshot } from '../../../core/signals/strategySnapshot';
import { emptySnapshot, NOW } from '../signals/snapshotFixture';

export { NOW };

export function quote(fields: Partial<Quote>): Quote {
  return { ...emptyQuote('SPY'), ts: NOW, ...fields };
}

const bucket = { callGex: 0, putGex: 0, gex: 0, dex: 0, contracts: 0, byStrike: [] };

export function gex(fields: Partial<GammaExposureUpdate> = {}): GammaExposureUpdate {
  return {
    symbol: 'SPY', spot: 601.2, spotAsOf: NOW, chainAsOf: NOW, positioning: 'dealersLongCallsShortPuts', gexUnit: 'USD per 1% move', dexUnit: 'USD',
    buckets: { '0dte': bucket, '1dte': bucket, upTo7d: bucket, upTo35d: bucket, all: bucket },
    totals: { callGex: 2.1e9, putGex: -0.85e9, gex: 1.25e9, dex: 3e9 },
    callWall: 610, putWall: 590, flip: { level: 597.35, low: 480, high: 720 },
    contracts: { used: 4000, withoutIv: 0, expired: 0, invalid: 0, ownIv: 0 }, trigger: 'chain', computedAt: NOW,
    ...fields,
  };
}

export function regime(value: Pick<VolatilityRegime, 'regime' | 'volatility'>): SymbolDiscovery {
  const volatility: VolatilityRegime = {
    ok: true, ...value, thresholds: { low: 0.1, high: 0.3, lowPercentile: 20, highPercentile: 80 }, historyWindows: 50, windowBars: 720, series: [],
    window: { from: NOW - 3_600_000, to: NOW }, sampleSize: 720, computedAt: NOW - 60_000,
  };
  const none = { value: null, refusal: null };
  return { symbol: 'SPY', tradeSizes: none, returnStructure: none, signedVolumeStructure: none, volatility: { value: volatility, refusal: null }, marketMakers: none };
}

/** SPY before the open: gapped up from 598.50 to a 601.15 × 601.25 quote, long gamma, toxic flow, a HIGH regime, bullish news. */
export function spySnapshot(): StrategySnapshot {
  return emptySnapshot({
    quote: quote({ bid: 601.15, ask: 601.25, last: 601.1, close: 598.5 }),
    gex: gex(),
    vpin: { symbol: 'SPY', vpin: 0.4123, bucket: 300, time: NOW - 5_000, cdf: 0.93, toxic: true, alert: false },
    discovered: regime({ regime: 'HIGH', volatility: 0.3214 }),
    sentiment: { symbol: 'SPY', asOf: NOW, score: 0.213, label: 'Somewhat-Bullish', articles: 14, distribution: { Bearish: 0, 'Somewhat-Bearish': 1, Neutral: 5, 'Somewhat-Bullish': 6, Bullish: 2 } },
    technicals: {
      rsi: {
        symbol: 'SPY', indicator: 'rsi', interval: 'daily', asOf: NOW, lastRefreshed: '2026-12-04', series: [],
        latest: { time: '2026-12-04', ts: NOW - 86_400_000, values: { RSI: 71.4 } }, interpretation: { signal: 'overbought', text: 'RSI above 70' },
      },
    },
  });
}

export function position(fields: Partial<Position> = {}): Position {
  return {
    instrument: { kind: 'option', symbol: 'SPY', expiry: '2026-12-18', strike: 600, right: 'call' }, quantity: 5, avgCost: 4.2, multiplier: 100,
    marketPrice: 5.1, marketValue: 2550, unrealizedPnl: 450, realizedPnl: 0, dayRealizedPnl: 0, greeks: null, updatedAt: NOW,
    ...fields,
  };
}
