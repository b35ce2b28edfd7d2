/**
 * Gamma exposure (GEX) and delta exposure (DEX) of a symbol's option chain, seen from the dealers' side.
 *
 * Units: GEX in US dollars per 1% move of the underlying — per contract gamma × open interest × 100 × spot² × 0.01 —
 * so +1,000,000 means dealers would buy $1M of the underlying for a 1% fall (and sell for a 1% rise) to stay hedged.
 * DEX in US dollars of the underlying: delta × open interest × 100 × spot. Gamma and delta are our own BSM figures at
 * the given spot with each contract's own implied vol (contracts without one are skipped and counted), so the same
 * chain can be re-priced at a live spot between refreshes. Dealer sign: by default dealers are long the calls and
 * short the puts the public trades; `dealersShortCallsLongPuts` flips both.
 */
import type { OptionChainSnapshot } from '../market/optionChain';
import { normalCdf, normalPdf } from './normalisedBlack';
import { bucketsOf, EXPIRY_BUCKETS, expiryClock, type ExpiryBucket } from './expiryTime';
import { addToFlipGrid, createFlipGrid, DEFAULT_FLIP_GRID, fillFlipGrid, findFlip, type FlipGrid, type FlipGridSettings, type FlipLevel } from './gexFlip';

export { fillFlipGrid, totalGexAt, type FlipLevel, type FlipGridSettings } from './gexFlip';

export type DealerPositioning = 'dealersLongCallsShortPuts' | 'dealersShortCallsLongPuts';

export interface GammaExposureSettings {
  positioning: DealerPositioning;
  rate: number;
  dividendYield: number;
  flipGrid: FlipGridSettings;
}

export const DEFAULT_GEX_SETTINGS: GammaExposureSettings = { positioning: 'dealersLongCallsShortPuts', rate: 0.04, dividendYield: 0, flipGrid: DEFAULT_FLIP_GRID };

export interface GammaExposureInputs {
  chain: OptionChainSnapshot;
  spot: number;
  /** When the spot was observed (epoch ms). */
  spotAsOf: number;
  /** The moment the figures are for (epoch ms): sets each time to expiry and "today" (New York) for the buckets. */
  now: number;
}

export interface Exposure {
  callGex: number;
  putGex: number;
  /** callGex + putGex. */
  gex: number;
  dex: number;
}

export interface StrikeExposure extends Exposure {
  strike: number;
}

export interface BucketExposure extends Exposure {
  contracts: number;
  /** Ascending by strike. */
  byStrike: StrikeExposure[];
}

export interface GammaExposure {
  symbol: string;
  spot: number;
  spotAsOf: number;
  chainAsOf: number;
  positioning: DealerPositioning;
  gexUnit: 'USD per 1% move';
  dexUnit: 'USD';
  /** 0DTE, 1DTE, ≤ 7 days, ≤ 35 days (calendar days, nested), and all expiries. */
  buckets: Record<ExpiryBucket, BucketExposure>;
  /** The `all` bucket's figures. */
  totals: Exposure;
  /** Strikes with the largest call and put gamma exposure (by size, either sign), null without contracts. */
  callWall: number | null;
  putWall: number | null;
  flip: FlipLevel;
  /** `invalid`: a strike or open interest that is not a positive / non-negative number. */
  contracts: { used: number; withoutIv: number; expired: number; invalid: number };
}

/** The chain priced at the spot, with the flip grid still to fill (fillFlipGrid, in slices if need be). */
export interface PreparedGammaExposure {
  report: Omit<GammaExposure, 'flip' | 'callWall' | 'putWall' | 'totals'>;
  grid: FlipGrid;
}

function emptyBucket(): BucketExposure {
  return { callGex: 0, putGex: 0, gex: 0, dex: 0, contracts: 0, byStrike: [] };
}

function addExposure(target: Exposure, type: 'call' | 'put', gex: number, dex: number): void {
  if (type === 'call') target.callGex += gex;
  else target.putGex += gex;
  target.gex += gex;
  target.dex += dex;
}

function dealerSign(positioning: DealerPositioning, type: 'call' | 'put'): number {
  const longCalls = positioning === 'dealersLongCallsShortPuts';
  return (type === 'call') === longCalls ? 1 : -1;
}

export function prepareGammaExposure(inputs: GammaExposureInputs, settings: GammaExposureSettings = DEFAULT_GEX_SETTINGS): PreparedGammaExposure {
  const { chain, spot, now } = inputs;
  if (!(spot > 0)) throw new RangeError(`gamma exposure needs a positive spot (got ${spot})`);
  const { rate, dividendYield: q } = settings;
  const clock = expiryClock(now);
  const grid = createFlipGrid(spot, chain.contracts.length, settings.flipGrid);
  const byStrike = new Map<ExpiryBucket, Map<number, StrikeExposure>>(EXPIRY_BUCKETS.map((b) => [b, new Map()]));
  const buckets = Object.fromEntries(EXPIRY_BUCKETS.map((b) => [b, emptyBucket()])) as Record<ExpiryBucket, BucketExposure>;
  const counts = { used: 0, withoutIv: 0, expired: 0, invalid: 0 };
  const expiryFacts = new Map<string, { years: number; dq: number; rows: Map<number, StrikeExposure>[]; totals: BucketExposure[] }>();
  for (const c of chain.contracts) {
    if (!(c.strike > 0) || !(c.openInterest >= 0) || !Number.isFinite(c.strike) || !Number.isFinite(c.openInterest)) {
      counts.invalid++;
      continue;
    }
    if (!(c.iv > 0) || !Number.isFinite(c.iv)) {
      counts.withoutIv++;
      continue;
    }
    let facts = expiryFacts.get(c.expiry);
    if (!facts) {
      const years = clock.years(c.expiry);
      const inBuckets = bucketsOf(clock.calendarDays(c.expiry));
      facts = { years, dq: Math.exp(-q * years), rows: inBuckets.map((b) => byStrike.get(b)!), totals: inBuckets.map((b) => buckets[b]) };
      expiryFacts.set(c.expiry, facts);
    }
    const t = facts.years;
    if (!(t > 0)) {
      counts.expired++;
      continue;
    }
    counts.used++;
    const totalVol = c.iv * Math.sqrt(t);
    const d1 = (Math.log(spot / c.strike) + (rate - q) * t) / totalVol + 0.5 * totalVol;
    const exposure = dealerSign(settings.positioning, c.type) * c.openInterest * facts.dq;
    addToFlipGrid(grid, d1, totalVol, exposure);
    const gex = (exposure * normalPdf(d1) * spot) / totalVol;
    const delta = c.type === 'call' ? normalCdf(d1) : -normalCdf(-d1);
    const dex = exposure * delta * 100 * spot;
    for (let b = 0; b < facts.rows.length; b++) {
      const strikes = facts.rows[b]!;
      let row = strikes.get(c.strike);
      if (!row) strikes.set(c.strike, (row = { strike: c.strike, callGex: 0, putGex: 0, gex: 0, dex: 0 }));
      addExposure(row, c.type, gex, dex);
      addExposure(facts.totals[b]!, c.type, gex, dex);
      facts.totals[b]!.contracts++;
    }
  }
  for (const bucket of EXPIRY_BUCKETS) buckets[bucket].byStrike = [...byStrike.get(bucket)!.values()].sort((a, b) => a.strike - b.strike);
  return {
    report: { symbol: chain.symbol, spot, spotAsOf: inputs.spotAsOf, chainAsOf: chain.asOf, positioning: settings.positioning, gexUnit: 'USD per 1% move', dexUnit: 'USD', buckets, contracts: counts },
    grid,
  };
}

function wall(rows: StrikeExposure[], side: 'callGex' | 'putGex'): number | null {
  let best: StrikeExposure | null = null;
  for (const row of rows) if (row[side] !== 0 && (!best || Math.abs(row[side]) > Math.abs(best[side]))) best = row;
  return best ? best.strike : null;
}

/** Walls and flip level once the grid is filled. */
export function finishGammaExposure(prepared: PreparedGammaExposure): GammaExposure {
  const { report, grid } = prepared;
  const all = report.buckets.all;
  return {
    ...report,
    totals: { callGex: all.callGex, putGex: all.putGex, gex: all.gex, dex: all.dex },
    callWall: wall(all.byStrike, 'callGex'),
    putWall: wall(all.byStrike, 'putGex'),
    flip: findFlip(grid),
  };
}

/** Everything at once (a 10,000-contract chain: see docs/benchmarks.md; slice fillFlipGrid to keep the loop free). */
export function computeGammaExposure(inputs: GammaExposureInputs, settings: GammaExposureSettings = DEFAULT_GEX_SETTINGS): GammaExposure {
  const prepared = prepareGammaExposure(inputs, settings);
  fillFlipGrid(prepared.grid);
  return finishGammaExposure(prepared);
}

/** Whether the spot has moved more than `relativeStep` (e.g. 0.002 = 0.2%) since the figures were priced. */
export function spotMovedBeyond(pricedAt: number, spot: number, relativeStep: number): boolean {
  return Math.abs(spot / pricedAt - 1) > relativeStep;
}
