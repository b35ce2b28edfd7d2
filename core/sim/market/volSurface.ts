/**
 * The implied-volatility surface: an ATM term structure that inverts under stress, and a skew in
 * normalised moneyness x = ln(K/S)/√T. Index ETFs have steep put skew, single names a smile with a
 * milder put skew, and VXX a call skew (its calls are the crash hedge).
 */
export interface SkewShape {
  slope: number;
  curvature: number;
}

export function skewFor(symbol: string, isEtf: boolean): SkewShape {
  if (symbol === 'VXX') return { slope: -0.9, curvature: 1.5 };
  return isEtf ? { slope: 1.6, curvature: 3 } : { slope: 0.8, curvature: 2.2 };
}

/** ATM vol for an expiry `years` away: the current regime's vol at the front, the long-run vol far out. */
export function atmVol(longRunVol: number, currentVol: number, years: number): number {
  return longRunVol + (currentVol - longRunVol) * Math.exp(-years / 0.1);
}

const MIN_SQRT_T = Math.sqrt(1 / 365);

export function surfaceVol(atm: number, spot: number, strike: number, years: number, skew: SkewShape): number {
  const x = Math.log(strike / spot) / Math.max(Math.sqrt(years), MIN_SQRT_T);
  const shape = 1 - skew.slope * x + skew.curvature * x * x;
  return Math.min(atm * Math.max(0.6, shape), 5);
}
