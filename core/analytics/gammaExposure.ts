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
import type { OptionChainSnapshot, OptionContractQuote } from '../market/optionChain';
import { normalCdf, normalPdf } from './normalisedBlack';
import type { BucketExposure, DealerPositioning, Exposure, ExpiryBucket, GammaExposure, StrikeExposure } from '../market/gammaExposureReading';
import { bucketsOf, EXPIRY_BUCKETS, expiryClock } from './expiryTime';
import { addToFlipGrid, createFlipGrid, DEFAULT_FLIP_GRID, fillFlipGrid, findFlip, type FlipGrid, type FlipGridSettings } from './gexFlip';

export { fillFlipGrid, totalGexAt, type FlipLevel, type FlipGridSettings } from './gexFlip';

export type { BucketExposure, DealerPositioning, Exposure, GammaExposure, StrikeExposure } from '../market/gammaExposureReading';

export interface GammaExposureSettings {
  positioning: DealerPositioning;
  rate: number;
  dividendYield: number;
  flipGrid: FlipGridSettings;
}

export const DEFAULT_GEX_SETTINGS: GammaExposureSettings = { positioning: 'dealersLongCallsShortPuts', rate: 0.04, dividendYield: 0, flipGrid: DEFAULT_FLIP_GRID };

/** What the computation reads of a contract (a whole OptionContractQuote will do). */
export type GexContract = Pick<OptionContractQuote, 'expiry' | 'strike' | 'type' | 'openInterest' | 'iv'>;

/** What the computation reads of a chain (a whole OptionChainSnapshot will do). */
export interface GexChain extends Pick<OptionChainSnapshot, 'symbol' | 'asOf'> {
  contracts: readonly GexContract[];
  /** Contracts whose IV is the engine's own (the vendor sent none); reported in the figures' counts. */
  ownIv?: number;
}

export interface GammaExposureInputs {
  chain: GexChain;
  spot: number;
  /** When the spot was observed (epoch ms). */
  spotAsOf: number;
  /** The moment the figures are for (epoch ms): sets each time to expiry and "today" (New York) for the buckets. */
  now: number;
}

interface ExpiryFacts {
  years: number;
  dq: number;
  rows: Map<number, StrikeExposure>[];
  totals: BucketExposure[];
}

/**
 * Work in progress, in three steps that each take a range so that a caller can yield between slices: price the
 * contracts at spot (priceContracts), fill the flip grid (fillFlipGrid(work.grid, from, to)), then finishGammaExposure.
 */
export interface GammaExposureWork {
  inputs: GammaExposureInputs;
  settings: GammaExposureSettings;
  grid: FlipGrid;
  /** Index of the next contract to price. */
  next: number;
  clock: ReturnType<typeof expiryClock>;
  expiries: Map<string, ExpiryFacts>;
  byStrike: Map<ExpiryBucket, Map<number, StrikeExposure>>;
  buckets: Record<ExpiryBucket, BucketExposure>;
  counts: GammaExposure['contracts'];
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

export function startGammaExposure(inputs: GammaExposureInputs, settings: GammaExposureSettings = DEFAULT_GEX_SETTINGS): GammaExposureWork {
  if (!(inputs.spot > 0)) throw new RangeError(`gamma exposure needs a positive spot (got ${inputs.spot})`);
  return {
    inputs, settings, next: 0,
    grid: createFlipGrid(inputs.spot, inputs.chain.contracts.length, settings.flipGrid),
    clock: expiryClock(inputs.now),
    expiries: new Map(),
    byStrike: new Map(EXPIRY_BUCKETS.map((b) => [b, new Map()])),
    buckets: Object.fromEntries(EXPIRY_BUCKETS.map((b) => [b, emptyBucket()])) as Record<ExpiryBucket, BucketExposure>,
    counts: { used: 0, withoutIv: 0, expired: 0, invalid: 0, ownIv: inputs.chain.ownIv ?? 0 },
  };
}

function expiryFacts(work: GammaExposureWork, expiry: string): ExpiryFacts {
  let facts = work.expiries.get(expiry);
  if (!facts) {
    const years = work.clock.years(expiry);
    const inBuckets = bucketsOf(work.clock.calendarDays(expiry));
    facts = { years, dq: Math.exp(-work.settings.dividendYield * years), rows: inBuckets.map((b) => work.byStrike.get(b)!), totals: inBuckets.map((b) => work.buckets[b]) };
    work.expiries.set(expiry, facts);
  }
  return facts;
}

/** Prices up to `count` more contracts at spot; answers whether every contract is now priced. */
export function priceContracts(work: GammaExposureWork, count = Infinity): boolean {
  const { contracts } = work.inputs.chain;
  const { spot } = work.inputs;
  const { rate, dividendYield: q, positioning } = work.settings;
  const { counts } = work;
  const end = Math.min(contracts.length, work.next + count);
  for (; work.next < end; work.next++) {
    const c = contracts[work.next]!;
    if (!(c.strike > 0) || !(c.openInterest >= 0) || !Number.isFinite(c.strike) || !Number.isFinite(c.openInterest)) {
      counts.invalid++;
      continue;
    }
    if (!(c.iv > 0) || !Number.isFinite(c.iv)) {
      counts.withoutIv++;
      continue;
    }
    const facts = expiryFacts(work, c.expiry);
    const t = facts.years;
    if (!(t > 0)) {
      counts.expired++;
      continue;
    }
    counts.used++;
    const totalVol = c.iv * Math.sqrt(t);
    const d1 = (Math.log(spot / c.strike) + (rate - q) * t) / totalVol + 0.5 * totalVol;
    const exposure = dealerSign(positioning, c.type) * c.openInterest * facts.dq;
    addToFlipGrid(work.grid, d1, totalVol, exposure);
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
  return work.next >= contracts.length;
}

function wall(rows: StrikeExposure[], side: 'callGex' | 'putGex'): number | null {
  let best: StrikeExposure | null = null;
  for (const row of rows) if (row[side] !== 0 && (!best || Math.abs(row[side]) > Math.abs(best[side]))) best = row;
  return best ? best.strike : null;
}

/** Strike tables, walls and the flip level, once every contract is priced and the grid filled. */
export function finishGammaExposure(work: GammaExposureWork): GammaExposure {
  const { inputs, settings, buckets } = work;
  if (work.next < inputs.chain.contracts.length) throw new Error(`gamma exposure finished with ${inputs.chain.contracts.length - work.next} contracts still to price`);
  for (const bucket of EXPIRY_BUCKETS) buckets[bucket].byStrike = [...work.byStrike.get(bucket)!.values()].sort((a, b) => a.strike - b.strike);
  const all = buckets.all;
  return {
    symbol: inputs.chain.symbol, spot: inputs.spot, spotAsOf: inputs.spotAsOf, chainAsOf: inputs.chain.asOf,
    positioning: settings.positioning, gexUnit: 'USD per 1% move', dexUnit: 'USD',
    buckets,
    totals: { callGex: all.callGex, putGex: all.putGex, gex: all.gex, dex: all.dex },
    callWall: wall(all.byStrike, 'callGex'),
    putWall: wall(all.byStrike, 'putGex'),
    flip: findFlip(work.grid),
    contracts: { ...work.counts },
  };
}

/** Everything at once (a 10,000-contract chain: see docs/benchmarks.md; the three steps can be sliced instead). */
export function computeGammaExposure(inputs: GammaExposureInputs, settings: GammaExposureSettings = DEFAULT_GEX_SETTINGS): GammaExposure {
  const work = startGammaExposure(inputs, settings);
  priceContracts(work);
  fillFlipGrid(work.grid);
  return finishGammaExposure(work);
}

/** Whether the spot has moved more than `relativeStep` (e.g. 0.002 = 0.2%) since the figures were priced. */
export function spotMovedBeyond(pricedAt: number, spot: number, relativeStep: number): boolean {
  return Math.abs(spot / pricedAt - 1) > relativeStep;
}
