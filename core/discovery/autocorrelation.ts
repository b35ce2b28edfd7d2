import type { LjungBox } from '../market/discoveryReading';
export type { LjungBox };
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/**
 * Sample autocorrelations r_1 … r_maxLag (index k−1 holds lag k), by the standard biased estimator
 *   r_k = Σ_{t=1}^{N−k} (x_t − x̄)(x_{t+k} − x̄) / Σ_{t=1}^{N} (x_t − x̄)²,
 * i.e. both sums divided by N, not N − k: the sequence is then positive semi-definite, which Durbin–Levinson needs, and
 * it is what Bartlett's band and Ljung–Box assume. The caller ensures N > maxLag and a non-constant series.
 */
export function autocorrelations(series: readonly number[], maxLag: number): number[] {
  const n = series.length;
  let mean = 0;
  for (const x of series) mean += x;
  mean /= n;
  const centred = series.map((x) => x - mean);
  let variance = 0;
  for (const d of centred) variance += d * d;
  const acf: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let sum = 0;
    for (let t = 0; t + k < n; t++) sum += centred[t]! * centred[t + k]!;
    acf.push(sum / variance);
  }
  return acf;
}

/**
 * Partial autocorrelations φ_11 … φ_hh from the autocorrelations (index k−1 holds lag k), by the Durbin–Levinson
 * recursion: φ_kk = (r_k − Σ_{j<k} φ_{k−1,j} r_{k−j}) / (1 − Σ_{j<k} φ_{k−1,j} r_j).
 */
export function partialAutocorrelations(acf: readonly number[]): number[] {
  const r = (k: number) => acf[k - 1]!;
  const pacf: number[] = [];
  let phi: number[] = [];
  for (let k = 1; k <= acf.length; k++) {
    let numerator = r(k);
    let denominator = 1;
    for (let j = 1; j < k; j++) {
      numerator -= phi[j - 1]! * r(k - j);
      denominator -= phi[j - 1]! * r(j);
    }
    // A perfectly predictable series leaves nothing to explain: the remaining partial correlations are 0, not NaN.
    const phiKK = denominator > 1e-12 ? numerator / denominator : 0;
    const next = phi.map((p, i) => p - phiKK * phi[k - 2 - i]!);
    next.push(phiKK);
    phi = next;
    pacf.push(phiKK);
  }
  return pacf;
}

/** Bartlett's 95% band for the autocorrelations of white noise of length n: ±1.96/√n. */
export function bartlettBand(n: number): number {
  return 1.96 / Math.sqrt(n);
}

/** The Ljung–Box test over all the given autocorrelations of a series of length n. */
export function ljungBox(acf: readonly number[], n: number): LjungBox {
  let sum = 0;
  acf.forEach((r, i) => (sum += (r * r) / (n - (i + 1))));
  const q = n * (n + 2) * sum;
  const lags = acf.length;
  // @stdlib's chi-square CDF (a regularized lower incomplete gamma); 1 − CDF loses nothing that matters at 5%.
  return { q, lags, pValue: Math.min(1, Math.max(0, 1 - chisquareCdf(q, lags))) };
}
