import { autocorrelations, bartlettBand, ljungBox, partialAutocorrelations, type LjungBox } from './autocorrelation';
import type { DiscoveryProvenance, DiscoveryRefusal, DiscoveryWindow, TemporalStructure } from '../market/discoveryReading';

export type { TemporalStructure };

/** Lags examined: up to five minutes of five-second bars. */
export const MAX_LAG = 60;
/** Observations needed: four per lag examined (Box–Jenkins' rule of thumb N ≥ 4h keeps r_k's error near 1/√N). */
export const MIN_OBSERVATIONS = 4 * MAX_LAG;
/** The lookback when the series shows no usable structure, and the step it is rounded up to, in bars. */
export const LOOKBACK_STEP = 10;
/** p-value below which Ljung–Box says the series is not white noise. */
export const LJUNG_BOX_ALPHA = 0.05;
/** A lag sets the lookback only if |r_k| exceeds this many Bartlett bands (see lookbackBars). */
export const STRONG_LAG_BANDS = 2;

export type TemporalStructureResult = TemporalStructure | (DiscoveryRefusal & DiscoveryProvenance);

/**
 * ACF, PACF, Bartlett band, Ljung–Box and the lookback of one series (five-second returns, or signed volume per bar),
 * oldest first. Fewer than MIN_OBSERVATIONS values, a non-finite value or a constant series give `ok: false` with the
 * reason: the caller keeps its previous lookback.
 */
export function temporalStructure(series: readonly number[], window: DiscoveryWindow, computedAt: number): TemporalStructureResult {
  const stamp = { window, sampleSize: series.length, computedAt };
  if (series.length < MIN_OBSERVATIONS) {
    return { ok: false, ...stamp, needed: MIN_OBSERVATIONS, got: series.length, reason: `${series.length} observations; the ACF up to lag ${MAX_LAG} needs at least ${MIN_OBSERVATIONS}` };
  }
  if (!series.every(Number.isFinite)) return { ok: false, ...stamp, needed: MIN_OBSERVATIONS, got: series.length, reason: 'the series holds a value that is not a finite number' };
  if (series.every((x) => x === series[0])) return { ok: false, ...stamp, needed: MIN_OBSERVATIONS, got: series.length, reason: 'the series is constant: it has no autocorrelation' };
  const acf = autocorrelations(series, MAX_LAG);
  const band = bartlettBand(series.length);
  const test = ljungBox(acf, series.length);
  const significantLags = lagsBeyond(acf, band);
  return { ok: true, ...stamp, acf, pacf: partialAutocorrelations(acf), band, significantLags, ljungBox: test, lookbackBars: lookbackBars(acf, band, test) };
}

/**
 * The lookback rule. The lookback must span the first stretch of memory the series shows, so:
 *  1. if Ljung–Box does not reject white noise (p ≥ 0.05), the lookback is the minimum, LOOKBACK_STEP bars;
 *  2. otherwise take the strong lags, |r_k| > 2 × 1.96/√N: at the plain 95% band about 3 of 60 lags of pure noise pass
 *     by chance, which would pull the lookback towards a random short lag; at twice the band (p ≈ 10⁻⁴ per lag) chance
 *     almost never does;
 *  3. the lookback is the end of the first run of consecutive strong lags, rounded up to a multiple of LOOKBACK_STEP
 *     (so a lag that wanders by a bar between runs does not change the setting), at least LOOKBACK_STEP, at most MAX_LAG.
 * Later runs are repeats of the first cycle (lag 47 ≈ 2 × 23) and are not needed to see it. For the seed's lags 23 and
 * 47 this gives 30 bars, the value chosen by hand; an AR(1) with φ = 0.9 at N = 720 (0.9^k above
 * 2 × 1.96/√720 up to k = 18) gives 20.
 */
export function lookbackBars(acf: readonly number[], band: number, test: LjungBox): number {
  if (test.pValue >= LJUNG_BOX_ALPHA) return LOOKBACK_STEP;
  const strong = new Set(lagsBeyond(acf, STRONG_LAG_BANDS * band));
  const first = Math.min(...strong);
  if (!Number.isFinite(first)) return LOOKBACK_STEP;
  let end = first;
  while (strong.has(end + 1)) end++;
  return Math.min(MAX_LAG, Math.max(LOOKBACK_STEP, Math.ceil(end / LOOKBACK_STEP) * LOOKBACK_STEP));
}

function lagsBeyond(acf: readonly number[], threshold: number): number[] {
  const lags: number[] = [];
  acf.forEach((r, i) => {
    if (Math.abs(r) > threshold) lags.push(i + 1);
  });
  return lags;
}
