import type { OptionSpec } from './marketFeed';
import { expiryTs, isMonthly, listExpiries, yearsToExpiry } from './expiries';
import { weekday } from '../../market/newYorkTime';
import { Rng } from './rng';
import type { SymbolModel } from './symbols';

/** A listed contract with the day's facts that do not move with the underlying. */
export interface ListedOption {
  spec: OptionSpec;
  expiryCloseTs: number;
  /** 09:30 of the session this listing is for: volume accrues over the session from here. */
  sessionOpenTs: number;
  openInterest: number;
  /** Volume the contract trades over a whole session, spread over the day (before unusual activity). */
  sessionVolume: number;
  /** What it traded the session before (shown before this session opens, as vendors show the last session's). */
  priorVolume: number;
  /** Displayed sizes at the bid and ask. */
  bidSize: number;
  askSize: number;
}

export function occId(root: string, expiry: string, right: 'C' | 'P', strike: number): string {
  const yymmdd = expiry.slice(2).replaceAll('-', '');
  return `${root}${yymmdd}${right}${String(Math.round(strike * 1000)).padStart(8, '0')}`;
}

/** A stable conId from the OCC id (FNV-1a into the range TWS uses for options). */
export function optionConId(occ: string): number {
  let h = 2166136261;
  for (let i = 0; i < occ.length; i++) h = Math.imul(h ^ occ.charCodeAt(i), 16777619) >>> 0;
  return 400_000_000 + (h % 1_700_000_000);
}

function strikesAround(spot: number, step: number, years: number, vol: number): number[] {
  const range = Math.min(0.4, Math.max(0.04, 4.5 * vol * Math.sqrt(Math.max(years, 1 / 252))));
  const wide = step * 5;
  const nearBand = 40 * step;
  const out: number[] = [];
  const lo = Math.max(step, Math.ceil((spot * (1 - range)) / step) * step);
  for (let k = lo; k <= spot * (1 + range); k += step) {
    const strike = Math.round(k * 100) / 100;
    // Far from the money only every fifth strike is listed, as on real chains.
    if (Math.abs(strike - spot) <= nearBand || Math.abs(strike / wide - Math.round(strike / wide)) < 1e-9) out.push(strike);
  }
  return out;
}

/**
 * The simulated positioning's pivot: the public holds more puts than calls at strikes below it and more calls than puts
 * above it, so with dealers on the other side (long the calls, short the puts) their total gamma exposure turns from
 * negative below to positive above close to it: the flip level. A round strike (a multiple of five strike steps) about
 * 1% below the spot the session's listing is built around (its open).
 */
export function gammaPivot(spot: number, strikeStep: number): number {
  const round = 5 * strikeStep;
  return Math.round((spot * 0.99) / round) * round;
}

/** How far calls outweigh puts at a strike (−0.6 far below the pivot … +0.6 far above); put OI is 1 − this, call OI 1 + this. */
export function positioningTilt(strike: number, pivot: number): number {
  return 0.6 * Math.tanh(Math.log(strike / pivot) / 0.015);
}

/**
 * Open interest of a strike before the call/put split: it piles up at round strikes, around the pivot (near the money),
 * in near expiries and in monthlies. `noise` is shared by the strike's call and put, so the split alone decides which
 * one outweighs; centred on the pivot, the two sides of it balance there.
 */
function openInterestAt(strike: number, centre: number, years: number, vol: number, expiry: string, noise: number): number {
  const width = Math.max(0.02, 1.2 * vol * Math.sqrt(Math.max(years, 1 / 52)));
  const z = Math.log(strike / centre) / width;
  const roundness = strike % 50 === 0 ? 6 : strike % 10 === 0 ? 3.5 : strike % 5 === 0 ? 2 : 1;
  const cycle = isMonthly(expiry) ? 3 : weekday(expiry) === 5 ? 1.5 : 1;
  const nearness = 1 + 2 * Math.exp((-years * 365) / 7);
  return 4000 * Math.exp(-0.5 * z * z) * roundness * cycle * nearness * noise;
}

/**
 * A session's volume: most near the money (within about one standard deviation of the expiry's move) and near expiry
 * (0DTE most of all), with lognormal noise. Independent of open interest: volume is today's trading, open interest
 * the positions carried in.
 */
export function sessionVolumeFor(strike: number, spot: number, years: number, vol: number, isZeroDte: boolean, noise: number): number {
  const width = Math.max(0.01, vol * Math.sqrt(Math.max(years, 1 / 252)));
  const z = Math.log(strike / spot) / width;
  const nearExpiry = isZeroDte ? 3 : 1 / (1 + 26 * years); // a week out ≈ 0.67, a month ≈ 0.32, three months ≈ 0.1
  return Math.max(0, Math.round(2500 * Math.exp(-0.5 * z * z) * nearExpiry * Math.exp(0.5 * noise)));
}

/** The contracts listed for a session, around the spot at its open (`now` is that open). */
export function listChain(model: SymbolModel, session: string, spot: number, now: number, seed: number): ListedOption[] {
  const rng = new Rng(seed);
  // The prior session's volumes come from a stream of their own, so the listing's other draws stay as they were.
  const priorRng = new Rng(seed ^ 0x5bd1e995);
  const out: ListedOption[] = [];
  const pivot = gammaPivot(spot, model.strikeStep);
  for (const expiry of listExpiries(session, model.dailyExpiries)) {
    const closeTs = expiryTs(expiry);
    const years = yearsToExpiry(closeTs, now);
    const isZeroDte = expiry === session;
    for (const strike of strikesAround(spot, model.strikeStep, years, model.annualVol)) {
      const atStrike = openInterestAt(strike, pivot, years, model.annualVol, expiry, Math.exp(0.4 * rng.normal()));
      const tilt = positioningTilt(strike, pivot);
      for (const right of ['C', 'P'] as const) {
        const occ = occId(model.symbol, expiry, right, strike);
        const openInterest = Math.max(0, Math.round(atStrike * (right === 'C' ? 1 + tilt : 1 - tilt)));
        out.push({
          spec: {
            conId: optionConId(occ), underlying: model.symbol, expiry: expiry.replaceAll('-', ''), strike, right,
            tradingClass: model.symbol, multiplier: 100, occId: occ,
          },
          expiryCloseTs: closeTs, sessionOpenTs: now, openInterest,
          sessionVolume: sessionVolumeFor(strike, spot, years, model.annualVol, isZeroDte, rng.normal()),
          priorVolume: sessionVolumeFor(strike, spot, years + 1 / 365, model.annualVol, false, priorRng.normal()),
          bidSize: rng.int(1, 60) * (rng.chance(0.3) ? 10 : 1),
          askSize: rng.int(1, 60) * (rng.chance(0.3) ? 10 : 1),
        });
      }
    }
  }
  return out;
}
