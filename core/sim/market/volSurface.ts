/**
 * The implied-volatility surface: an ATM term structure that inverts under stress, and a skew in standardised
 * moneyness x = ln(K/S) / (σ_atm √T), i.e. in standard deviations. Index ETFs have a put skew, single names a
 * smile with a milder put skew, and VXX a call skew (its calls are the crash hedge).
 *
 * Beyond ±1.8 standard deviations the smile goes flat: vol that keeps rising linearly into a wing lets a
 * far put cost more than a nearer one (Lee's moment bound), which would make the chain arbitrageable.
 */
export interface SkewShape {
  slope: number;
  curvature: number;
}

const WING_LIMIT = 1.8;

export function skewFor(symbol: string, isEtf: boolean): SkewShape {
  if (symbol === 'VXX') return { slope: -0.35, curvature: 0.05 };
  return isEtf ? { slope: 0.45, curvature: 0.05 } : { slope: 0.25, curvature: 0.08 };
}

/**
 * ATM vol for an expiry `years` away: the current regime's vol at the front, the long-run vol far out (above the
 * normal regime's, so the curve slopes up unless the regime is stressed, when it inverts).
 */
export function atmVol(longRunVol: number, currentVol: number, years: number): number {
  return longRunVol + (currentVol - longRunVol) * Math.exp(-years / 0.1);
}

export function surfaceVol(atm: number, spot: number, strike: number, years: number, skew: SkewShape): number {
  const raw = Math.log(strike / spot) / (atm * Math.sqrt(years));
  const x = Math.max(-WING_LIMIT, Math.min(WING_LIMIT, raw));
  const shape = 1 - skew.slope * x + skew.curvature * x * x;
  return atm * Math.max(0.6, shape);
}
