/**
 * Black–Scholes–Merton for European options on an underlying with a continuous dividend yield: prices, greeks and
 * implied volatility. Pure functions.
 *
 * Units: time in years, rates and vols as decimals; theta per calendar day (the per-year figure / 365), vega and rho
 * per one percentage point (0.01) — the convention of broker and Alpha Vantage feeds; gamma per 1 unit of spot.
 *
 * Accuracy: prices are the discounted intrinsic value plus the out-of-the-money option's value (see normalisedBlack),
 * never a difference of near-equal terms, so a deep in- or out-of-the-money price keeps its relative accuracy
 * (~1e-12 for total vols σ√T ≥ 0.002); the normal CDF is erfc-based and accurate in both tails.
 */
import { logOtmNormalisedPrice, normalCdf, normalisedVolFor, normalPdf } from './normalisedBlack';

export { normalCdf, normalPdf } from './normalisedBlack';

export type OptionRight = 'C' | 'P';

export interface OptionInputs {
  spot: number;
  strike: number;
  /** Years to expiry. */
  time: number;
  vol: number;
  rate: number;
  dividendYield?: number;
  right: OptionRight;
}

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  /** Per calendar day. */
  theta: number;
  /** Per 1 vol point (0.01). */
  vega: number;
  /** Per 1 rate point (0.01). */
  rho: number;
}

/** The forward-space facts every price and the implied-vol search share. */
function forwardTerms(o: Omit<OptionInputs, 'vol'>) {
  const q = o.dividendYield ?? 0;
  const dq = Math.exp(-q * o.time);
  const dr = Math.exp(-o.rate * o.time);
  const forward = (o.spot * dq) / dr;
  const x = Math.log(o.spot / o.strike) + (o.rate - q) * o.time;
  const sign = o.right === 'C' ? 1 : -1;
  const intrinsic = Math.max(sign * (forward - o.strike), 0);
  return { q, dq, dr, forward, x, sign, intrinsic };
}

/** Value at expiry or with zero vol: the discounted intrinsic value of the forward. */
function degenerate(o: OptionInputs): Greeks {
  const f = forwardTerms({ ...o, time: Math.max(o.time, 0) });
  const itm = f.intrinsic > 0;
  return { price: f.dr * f.intrinsic, delta: itm ? f.sign * f.dq : 0, gamma: 0, theta: 0, vega: 0, rho: 0 };
}

function checkPositive(spot: number, strike: number): void {
  if (!(spot > 0) || !(strike > 0)) throw new RangeError(`spot and strike must be positive (spot ${spot}, strike ${strike})`);
}

export function blackScholes(o: OptionInputs): Greeks {
  const { spot: s, strike: k, time: t, vol: v, rate: r } = o;
  checkPositive(s, k);
  if (!(t > 0) || !(v > 0)) return degenerate(o);
  const { q, dq, dr, forward, x, sign, intrinsic } = forwardTerms(o);
  const sqrtT = Math.sqrt(t);
  const totalVol = v * sqrtT;
  const d1 = x / totalVol + 0.5 * totalVol;
  const d2 = d1 - totalVol;
  const timeValue = Math.sqrt(forward * k) * Math.exp(logOtmNormalisedPrice(-Math.abs(x), totalVol));
  const pdf = normalPdf(d1);
  const nd1 = normalCdf(sign * d1);
  const nd2 = normalCdf(sign * d2);
  const decay = -(s * dq * pdf * v) / (2 * sqrtT);
  return {
    price: dr * (intrinsic + timeValue),
    delta: sign * dq * nd1,
    gamma: (dq * pdf) / (s * totalVol),
    theta: (decay - sign * r * k * dr * nd2 + sign * q * s * dq * nd1) / 365,
    vega: (s * dq * pdf * sqrtT) / 100,
    rho: (sign * k * t * dr * nd2) / 100,
  };
}

export function optionPrice(o: OptionInputs): number {
  return blackScholes(o).price;
}

export type ImpliedVolResult =
  /** `atIntrinsic`: the price has no time value, so the answer is 0 vol (any vol ≤ that reprices it as well). */
  | { ok: true; vol: number; atIntrinsic: boolean }
  | { ok: false; reason: 'bad-input' | 'below-intrinsic' | 'above-upper-bound'; message: string };

/** Relative slack for a price "at" intrinsic or "at" the bound, so a rounded quote of exactly that value is not refused. */
const BOUND_SLACK = 1e-12;

/**
 * The volatility that reprices `price`, or why there is none: below the discounted intrinsic value, at or above the
 * upper bound (the discounted forward for a call, the discounted strike for a put), or inputs that are not prices.
 * At intrinsic it answers 0. The search runs on the out-of-the-money part (price − intrinsic), see normalisedVolFor.
 */
export function impliedVolatility(price: number, o: Omit<OptionInputs, 'vol'>): ImpliedVolResult {
  if (!Number.isFinite(price) || !(o.time > 0) || !(o.spot > 0) || !(o.strike > 0) || !Number.isFinite(o.rate)) {
    return { ok: false, reason: 'bad-input', message: `no implied vol for price ${price} (spot ${o.spot}, strike ${o.strike}, time ${o.time}, rate ${o.rate})` };
  }
  const { dr, forward, x, intrinsic } = forwardTerms(o);
  const undiscounted = price / dr;
  const scale = Math.sqrt(forward * o.strike);
  const beta = (undiscounted - intrinsic) / scale;
  const upper = Math.exp(-0.5 * Math.abs(x));
  if (undiscounted - intrinsic < -BOUND_SLACK * Math.max(intrinsic, scale)) {
    return { ok: false, reason: 'below-intrinsic', message: `price ${price} is below the discounted intrinsic value ${dr * intrinsic}` };
  }
  if (beta <= 0) return { ok: true, vol: 0, atIntrinsic: true };
  if (beta >= upper * (1 - BOUND_SLACK)) {
    return { ok: false, reason: 'above-upper-bound', message: `price ${price} is at or above the no-arbitrage bound ${dr * (intrinsic + scale * upper)}` };
  }
  return { ok: true, vol: normalisedVolFor(beta, -Math.abs(x)) / Math.sqrt(o.time), atIntrinsic: false };
}
