import { describe, expect, it } from 'vitest';
import { autocorrelations, ljungBox, partialAutocorrelations } from '../../../core/discovery/autocorrelation';
import { LOOKBACK_STEP, MAX_LAG, MIN_OBSERVATIONS, temporalStructure, type TemporalStructure } from '../../../core/discovery/temporalStructure';
import { Rng } from '../../../core/sim/market/rng';

const window = { from: 0, to: 3_600_000 };
const computedAt = 1_800_000_000_000;

function noise(n: number, seed: number): number[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => rng.normal());
}

function ar1(phi: number, n: number, seed: number): number[] {
  const e = noise(n + 200, seed);
  const x: number[] = [0];
  for (let t = 1; t < e.length; t++) x.push(phi * x[t - 1]! + e[t]!);
  return x.slice(200); // burn-in: start from the stationary distribution
}

/** x_t = e_t + 0.6 e_{t−23} + 0.5 e_{t−47}: autocorrelation at lags 23, 47 (and 24 = 47 − 23), none elsewhere. */
function cycles23and47(n: number, seed: number): number[] {
  const e = noise(n + 47, seed);
  return Array.from({ length: n }, (_, i) => e[i + 47]! + 0.6 * e[i + 24]! + 0.5 * e[i]!);
}

function estimated(series: number[]): TemporalStructure {
  const result = temporalStructure(series, window, computedAt);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

describe('ACF, PACF and Ljung–Box worked by hand', () => {
  // x = 1,2,3,4,5: mean 3, deviations −2,−1,0,1,2, Σd² = 10.
  // r1 = (2 + 0 + 0 + 2)/10 = 0.4; r2 = (0 − 1 + 0)/10 = −0.1 (biased estimator: both sums over N).
  // φ22 = (r2 − r1²)/(1 − r1²) = −0.26/0.84.
  // Q(2) = 5·7·(0.4²/4 + 0.1²/3) = 35·(0.04 + 0.01/3); χ²₂ survival is exp(−Q/2).
  it('gives the hand-computed autocorrelations of 1..5', () => {
    const acf = autocorrelations([1, 2, 3, 4, 5], 2);
    expect(acf[0]).toBeCloseTo(0.4, 12);
    expect(acf[1]).toBeCloseTo(-0.1, 12);
  });

  it('gives the hand-computed partial autocorrelations by Durbin–Levinson', () => {
    const pacf = partialAutocorrelations([0.4, -0.1]);
    expect(pacf[0]).toBeCloseTo(0.4, 12);
    expect(pacf[1]).toBeCloseTo(-0.26 / 0.84, 12);
  });

  it('gives the hand-computed Ljung–Box Q and its chi-square p-value', () => {
    const test = ljungBox([0.4, -0.1], 5);
    const q = 35 * (0.04 + 0.01 / 3);
    expect(test.q).toBeCloseTo(q, 12);
    expect(test.lags).toBe(2);
    expect(test.pValue).toBeCloseTo(Math.exp(-q / 2), 9);
  });
});

describe('temporal structure of series with known structure', () => {
  it('finds ACF ≈ φ^k and a PACF that cuts off after lag 1 for an AR(1)', () => {
    const phi = 0.6;
    const n = 20_000;
    const result = estimated(ar1(phi, n, 7));
    const tolerance = 3 / Math.sqrt(n);
    for (let k = 1; k <= 5; k++) expect(Math.abs(result.acf[k - 1]! - phi ** k)).toBeLessThan(tolerance * 2);
    expect(Math.abs(result.pacf[0]! - phi)).toBeLessThan(tolerance);
    for (let k = 2; k <= MAX_LAG; k++) expect(Math.abs(result.pacf[k - 1]!)).toBeLessThan(4 / Math.sqrt(n));
    expect(result.band).toBeCloseTo(1.96 / Math.sqrt(n), 12);
    expect(result.ljungBox.pValue).toBeLessThan(1e-6);
  });

  it('rejects white noise about as rarely as its 5% level and almost never lengthens its lookback', () => {
    const runs = 200;
    let rejected = 0;
    let lengthened = 0;
    for (let seed = 1; seed <= runs; seed++) {
      const result = estimated(noise(720, seed));
      if (result.ljungBox.pValue < 0.05) rejected++;
      if (result.lookbackBars > LOOKBACK_STEP) lengthened++;
    }
    expect(rejected / runs).toBeLessThan(0.1);
    expect(lengthened / runs).toBeLessThan(0.02);
  });

  it('finds lags 23 and 47 significant and derives the seed’s lookback of 30 bars', () => {
    for (const seed of [11, 12, 13]) {
      const result = estimated(cycles23and47(720, seed));
      expect(result.significantLags).toEqual(expect.arrayContaining([23, 47]));
      expect(result.ljungBox.pValue).toBeLessThan(0.001);
      expect(result.lookbackBars).toBe(30);
    }
  });

  it('gives a long-memory AR(1) a lookback covering its memory, capped at 60', () => {
    // 0.9^k stays above the strong-lag threshold 2 × 1.96/√720 ≈ 0.146 up to k = 18: the rule's lookback is 20.
    for (const seed of [5, 6, 7]) expect(estimated(ar1(0.9, 720, seed)).lookbackBars).toBeGreaterThanOrEqual(20);
    for (const seed of [5, 6, 7]) expect(estimated(ar1(0.9, 720, seed)).lookbackBars).toBeLessThanOrEqual(30);
    expect(estimated(ar1(0.99, 720, 5)).lookbackBars).toBe(MAX_LAG);
  });

  it('stamps the result with its window, sample size and time', () => {
    const result = estimated(noise(300, 4));
    expect(result).toMatchObject({ window, sampleSize: 300, computedAt });
    expect(result.acf).toHaveLength(MAX_LAG);
    expect(result.pacf).toHaveLength(MAX_LAG);
  });
});

describe('guards of the temporal structure', () => {
  it('refuses too short a series and says how much it needs', () => {
    const result = temporalStructure(noise(MIN_OBSERVATIONS - 1, 1), window, computedAt);
    expect(result).toMatchObject({ ok: false, needed: MIN_OBSERVATIONS, sampleSize: MIN_OBSERVATIONS - 1, window, computedAt });
    if (!result.ok) expect(result.reason).toMatch(/needs at least 240/);
  });

  it('refuses a constant series instead of dividing by zero', () => {
    const result = temporalStructure(new Array(500).fill(0), window, computedAt);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/constant/);
  });

  it('refuses a series holding NaN or Infinity', () => {
    const series = noise(500, 2);
    series[100] = Number.NaN;
    expect(temporalStructure(series, window, computedAt)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a finite number/) });
    series[100] = Number.POSITIVE_INFINITY;
    expect(temporalStructure(series, window, computedAt).ok).toBe(false);
  });

  it('writes only finite numbers for a perfectly periodic series', () => {
    const series = Array.from({ length: 600 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const result = estimated(series);
    for (const value of [...result.acf, ...result.pacf, result.ljungBox.q, result.ljungBox.pValue, result.lookbackBars]) {
      expect(Number.isFinite(value)).toBe(true);
    }
  });
});
