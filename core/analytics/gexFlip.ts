/**
 * The zero-gamma ("flip") level: the spot at which the dealers' total gamma exposure would change sign.
 *
 * Every contract's gamma is re-priced, with its own implied vol and expiry, at each spot of a grid of hypothetical
 * spots around the current one; the flip is where that total changes sign, interpolated between the two grid points
 * that bracket it and then polished to ~1e-10 of spot by regula falsi (Illinois) on the exact total. Neither the first
 * sign change of GEX by strike nor a cumulative sum by strike answers this question: both keep every gamma at today's
 * spot, so they give other, wrong levels.
 *
 * Cost: the grid is log-spaced with a fixed step dy, so a contract's d1 at the j-th spot is d + j·k, k = dy/(σ√T), and
 * its Gaussian e^(−(d+jk)²/2) follows from the previous one by two multiplications (g ← g·r, r ← r·e^(−k²)): one pair
 * of exponentials per contract, not one per grid point. Each contract is summed only over the grid points where
 * |d1| ≤ 8.5 (beyond, its gamma is below e^(−36) of its peak). fillFlipGrid computes any range of grid points, so a
 * caller can split the work into slices that each stay well under 5 ms (see tests/bench/gex.bench.ts).
 */

import type { FlipLevel } from '../market/gammaExposureReading';

export type { FlipLevel } from '../market/gammaExposureReading';

export interface FlipGridSettings {
  /** Hypothetical spots from spot·(1 − range) to at least spot·(1 + range) (the last step may overshoot it). */
  range: number;
  /** Relative step between neighbouring grid spots (log-spaced). */
  step: number;
}

export const DEFAULT_FLIP_GRID: FlipGridSettings = { range: 0.2, step: 0.005 };

export interface FlipGrid {
  spot: number;
  /** Hypothetical spots, ascending. */
  spots: Float64Array;
  /** Total GEX (USD per 1% move) at each hypothetical spot; valid once fillFlipGrid has covered every index. */
  totals: Float64Array;
  logMoves: Float64Array;
  /** The log step between neighbouring grid spots. */
  dy: number;
  count: number;
  d1: Float64Array;
  inverseTotalVol: Float64Array;
  weight: Float64Array;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

export function createFlipGrid(spot: number, capacity: number, settings: FlipGridSettings = DEFAULT_FLIP_GRID): FlipGrid {
  if (!(settings.range > 0 && settings.range < 1) || !(settings.step > 0)) {
    throw new RangeError(`flip grid needs 0 < range < 1 and step > 0 (range ${settings.range}, step ${settings.step})`);
  }
  const low = Math.log(1 - settings.range);
  const high = Math.log(1 + settings.range);
  const dy = Math.log(1 + settings.step);
  const points = Math.ceil((high - low) / dy) + 1;
  const logMoves = new Float64Array(points);
  const spots = new Float64Array(points);
  for (let j = 0; j < points; j++) {
    logMoves[j] = low + j * dy;
    spots[j] = spot * Math.exp(logMoves[j]!);
  }
  return {
    spot, spots, logMoves, dy, totals: new Float64Array(points), count: 0,
    d1: new Float64Array(capacity), inverseTotalVol: new Float64Array(capacity), weight: new Float64Array(capacity),
  };
}

/**
 * One contract: d1 at the current spot, total vol σ√T, and its signed size `exposure` = dealer sign × open interest ×
 * e^(−qT), so that its GEX at spot S is exposure × φ(d1(S)) × S / (σ√T) (= gamma × OI × 100 × S² × 0.01).
 */
export function addToFlipGrid(grid: FlipGrid, d1: number, totalVol: number, exposure: number): void {
  const i = grid.count++;
  grid.d1[i] = d1;
  grid.inverseTotalVol[i] = 1 / totalVol;
  grid.weight[i] = (exposure * INV_SQRT_2PI) / totalVol;
}

function totalAtLogMove(grid: FlipGrid, y: number): number {
  const { d1, inverseTotalVol, weight, count } = grid;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const d = d1[i]! + y * inverseTotalVol[i]!;
    sum += weight[i]! * Math.exp(-0.5 * d * d);
  }
  return sum * grid.spot * Math.exp(y);
}

/** |d1| beyond which a contract's gamma is left out of a grid point: e^(−8.5²/2) ≈ 2e-16 of its peak. */
const NEGLIGIBLE_D = 8.5;

/** Fills totals for grid points [from, to). */
export function fillFlipGrid(grid: FlipGrid, from = 0, to = grid.spots.length): void {
  const { d1, inverseTotalVol, weight, count, totals, logMoves, spots, dy } = grid;
  const start = Math.max(0, from);
  const end = Math.min(to, spots.length);
  if (start >= end) return;
  totals.fill(0, start, end);
  const y0 = logMoves[0]!;
  for (let i = 0; i < count; i++) {
    const k = dy * inverseTotalVol[i]!;
    const d0 = d1[i]! + y0 * inverseTotalVol[i]!;
    const jLo = Math.max(start, Math.ceil((-NEGLIGIBLE_D - d0) / k));
    const jHi = Math.min(end - 1, Math.floor((NEGLIGIBLE_D - d0) / k));
    if (jLo > jHi) continue;
    const d = d0 + jLo * k;
    let g = weight[i]! * Math.exp(-0.5 * d * d);
    let r = Math.exp(-d * k - 0.5 * k * k);
    const c = Math.exp(-k * k);
    for (let j = jLo; j <= jHi; j++) {
      totals[j] = totals[j]! + g;
      g *= r;
      r *= c;
    }
  }
  for (let j = start; j < end; j++) totals[j] = totals[j]! * spots[j]!;
}

/** Total GEX if spot were `spot` (every contract re-priced with its own vol). */
export function totalGexAt(grid: FlipGrid, spot: number): number {
  return totalAtLogMove(grid, Math.log(spot / grid.spot));
}

/** The sign change of total GEX nearest the current spot, from a fully filled grid. */
export function findFlip(grid: FlipGrid): FlipLevel {
  const { spots, totals } = grid;
  const low = spots[0]!;
  const high = spots[spots.length - 1]!;
  if (grid.count === 0) return { level: null, reason: 'no-contracts', low, high };
  let best: { level: number; distance: number; j: number } | null = null;
  for (let j = 0; j + 1 < spots.length; j++) {
    const a = totals[j]!;
    const b = totals[j + 1]!;
    if (a === 0 || (a > 0) === (b > 0)) continue;
    const level = spots[j]! + ((spots[j + 1]! - spots[j]!) * a) / (a - b);
    const distance = Math.abs(level - grid.spot);
    if (!best || distance < best.distance) best = { level, distance, j };
  }
  if (!best) {
    const exact = totals.findIndex((t) => t === 0);
    if (exact >= 0) return { level: spots[exact]!, low, high };
    return { level: null, reason: totals[0]! > 0 ? 'positive-across-grid' : 'negative-across-grid', low, high };
  }
  return { level: polish(grid, best.j), low, high };
}

/** Illinois regula falsi on the exact total GEX between grid points j and j+1 (which bracket a sign change). */
function polish(grid: FlipGrid, j: number): number {
  let a = grid.logMoves[j]!;
  let b = grid.logMoves[j + 1]!;
  let fa = grid.totals[j]!;
  let fb = grid.totals[j + 1]!;
  let side = 0;
  for (let i = 0; i < 60 && b - a > 1e-11; i++) {
    const c = (a * fb - b * fa) / (fb - fa);
    const fc = totalAtLogMove(grid, c);
    if (fc === 0) return grid.spot * Math.exp(c);
    if ((fc > 0) === (fb > 0)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return grid.spot * Math.exp((a * fb - b * fa) / (fb - fa));
}
