/**
 * Black–Scholes–Merton for European options on an underlying with a continuous dividend yield.
 * Pure functions. Units: time in years, rates and vols as decimals; theta per calendar day,
 * vega and rho per one percentage point (the convention of broker and Alpha Vantage feeds).
 */

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

const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Standard normal CDF, Hart's double-precision algorithm (as given by West, 2005). */
export function normalCdf(x: number): number {
  const a = Math.abs(x);
  let tail: number;
  if (a > 37) tail = 0;
  else if (a < 7.07106781186547) {
    const e = Math.exp(-0.5 * a * a);
    let num = 3.52624965998911e-2 * a + 0.700383064443688;
    num = num * a + 6.37396220353165;
    num = num * a + 33.912866078383;
    num = num * a + 112.079291497871;
    num = num * a + 221.213596169931;
    num = num * a + 220.206867912376;
    let den = 8.83883476483184e-2 * a + 1.75566716318264;
    den = den * a + 16.064177579207;
    den = den * a + 86.7807322029461;
    den = den * a + 296.564248779674;
    den = den * a + 637.333633378831;
    den = den * a + 793.826512519948;
    den = den * a + 440.413735824752;
    tail = (e * num) / den;
  } else {
    const e = Math.exp(-0.5 * a * a);
    let b = a + 0.65;
    b = a + 4 / b;
    b = a + 3 / b;
    b = a + 2 / b;
    b = a + 1 / b;
    tail = e / b / SQRT_2PI;
  }
  return x > 0 ? 1 - tail : tail;
}

/** Value at expiry or with zero vol: the discounted intrinsic value of the forward. */
function degenerate(o: OptionInputs): Greeks {
  const q = o.dividendYield ?? 0;
  const t = Math.max(o.time, 0);
  const fwd = o.spot * Math.exp(-q * t);
  const pv = o.strike * Math.exp(-o.rate * t);
  const itm = o.right === 'C' ? fwd > pv : pv > fwd;
  const price = itm ? Math.abs(fwd - pv) : 0;
  const delta = itm ? (o.right === 'C' ? Math.exp(-q * t) : -Math.exp(-q * t)) : 0;
  return { price, delta, gamma: 0, theta: 0, vega: 0, rho: 0 };
}

export function blackScholes(o: OptionInputs): Greeks {
  const { spot: s, strike: k, time: t, vol: v, rate: r } = o;
  if (!(s > 0) || !(k > 0)) throw new RangeError(`spot and strike must be positive (spot ${s}, strike ${k})`);
  if (!(t > 0) || !(v > 0)) return degenerate(o);
  const q = o.dividendYield ?? 0;
  const sqrtT = Math.sqrt(t);
  const d1 = (Math.log(s / k) + (r - q + 0.5 * v * v) * t) / (v * sqrtT);
  const d2 = d1 - v * sqrtT;
  const dq = Math.exp(-q * t);
  const dr = Math.exp(-r * t);
  const pdf = normalPdf(d1);
  const gamma = (dq * pdf) / (s * v * sqrtT);
  const vega = (s * dq * pdf * sqrtT) / 100;
  const decay = -(s * dq * pdf * v) / (2 * sqrtT);
  if (o.right === 'C') {
    const nd1 = normalCdf(d1);
    const nd2 = normalCdf(d2);
    return {
      price: s * dq * nd1 - k * dr * nd2, delta: dq * nd1, gamma, vega,
      theta: (decay - r * k * dr * nd2 + q * s * dq * nd1) / 365,
      rho: (k * t * dr * nd2) / 100,
    };
  }
  const nmd1 = normalCdf(-d1);
  const nmd2 = normalCdf(-d2);
  return {
    price: k * dr * nmd2 - s * dq * nmd1, delta: -dq * nmd1, gamma, vega,
    theta: (decay + r * k * dr * nmd2 - q * s * dq * nmd1) / 365,
    rho: (-k * t * dr * nmd2) / 100,
  };
}

export function optionPrice(o: OptionInputs): number {
  return blackScholes(o).price;
}

const MIN_VOL = 1e-4;
const MAX_VOL = 10;

/**
 * The volatility that reprices `price`, or NaN when the price lies outside the no-arbitrage bounds
 * (below intrinsic or above the forward/strike cap). Newton steps guarded by a shrinking bisection
 * bracket, so it converges for deep wings and tiny vegas where plain Newton diverges.
 */
export function impliedVol(price: number, o: Omit<OptionInputs, 'vol'>, tolerance = 1e-8): number {
  if (!(price >= 0) || !(o.time > 0)) return NaN;
  const q = o.dividendYield ?? 0;
  const lower = degenerate({ ...o, vol: 0 }).price;
  const upper = o.right === 'C' ? o.spot * Math.exp(-q * o.time) : o.strike * Math.exp(-o.rate * o.time);
  if (price < lower - tolerance || price >= upper) return NaN;
  let lo = MIN_VOL;
  let hi = MAX_VOL;
  if (optionPrice({ ...o, vol: lo }) > price) return lo;
  if (optionPrice({ ...o, vol: hi }) < price) return NaN;
  let v = 0.3;
  for (let i = 0; i < 100; i++) {
    const g = blackScholes({ ...o, vol: v });
    const diff = g.price - price;
    if (Math.abs(diff) < tolerance) return v;
    if (diff > 0) hi = v;
    else lo = v;
    const newton = v - diff / (g.vega * 100);
    v = newton > lo && newton < hi && Number.isFinite(newton) ? newton : 0.5 * (lo + hi);
    if (hi - lo < 1e-12) return v;
  }
  return v;
}
