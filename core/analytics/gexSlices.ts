/**
 * One GEX / DEX computation cut into slices that each hold the event loop for about `sliceMs`, yielding between
 * them, so that a 10,000-contract chain never blocks the engine's other work (goal: no stretch above 5 ms).
 */
import type { GammaExposure } from '../market/gammaExposureReading';
import { fillFlipGrid, finishGammaExposure, priceContracts, startGammaExposure, type GammaExposureInputs, type GammaExposureSettings } from './gammaExposure';

export interface SliceOptions {
  /** Work per slice before yielding (ms of the slice's own clock). */
  sliceMs: number;
  /** Called between slices: the event loop's turn (setImmediate by default). */
  yieldTurn: () => Promise<void>;
  /** Asked before each slice: false abandons the computation (a newer chain, or the service stopping). */
  stillWanted: () => boolean;
}

export interface SlicedResult {
  exposure: GammaExposure;
  slices: number;
  /** The longest slice, ms: what the computation held the event loop for at most. */
  longestSliceMs: number;
  /** The slices' own time together, ms (the wall time also holds everything else that ran between them). */
  busyMs: number;
}

/** Contracts priced per step inside a slice: small enough to look at the clock often. */
const CONTRACTS_PER_STEP = 250;
/**
 * The flip grid in quarters: each fillFlipGrid call walks every contract once whatever its range of points (two
 * exponentials a contract), so small ranges would cost the whole grid many times over. A quarter of the default 83
 * points over 10,000 contracts is ~0.5 ms on a free core (docs/benchmarks.md).
 */
const GRID_PARTS = 4;

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The figures, or null when `stillWanted` said no between two slices. */
export async function computeInSlices(inputs: GammaExposureInputs, settings: GammaExposureSettings, options: SliceOptions): Promise<SlicedResult | null> {
  const work = startGammaExposure(inputs, settings);
  const points = work.grid.spots.length;
  const gridStep = Math.ceil(points / GRID_PARTS);
  let gridNext = 0;
  let slices = 0;
  let longestSliceMs = 0;
  let busyMs = 0;
  let exposure: GammaExposure | null = null;
  while (exposure === null) {
    if (slices > 0) {
      await options.yieldTurn();
      if (!options.stillWanted()) return null;
    }
    const t0 = performance.now();
    do {
      if (!priceContracts(work, CONTRACTS_PER_STEP)) continue;
      if (gridNext < points) {
        fillFlipGrid(work.grid, gridNext, gridNext + gridStep);
        gridNext += gridStep;
      } else {
        exposure = finishGammaExposure(work);
      }
    } while (exposure === null && performance.now() - t0 < options.sliceMs);
    const elapsed = performance.now() - t0;
    slices++;
    busyMs += elapsed;
    longestSliceMs = Math.max(longestSliceMs, elapsed);
  }
  return { exposure, slices, longestSliceMs, busyMs };
}
