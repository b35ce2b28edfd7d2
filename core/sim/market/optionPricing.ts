/**
 * The simulator's own option pricing: Black–Scholes–Merton with a continuous dividend yield, price and greeks.
 * Written apart from core/analytics on purpose (its own normal distribution, its own code), so the engine's analytics
 * are checked against a market that was not priced by the code under test. Units as the feeds quote them: time in
 * years, theta per calendar day, vega and rho per one percentage point.
 */

export interface PricingInputs {
  spot: number;
  strike: number;
  /** Years to expiry. */
  years: number;
  vol: number;
  rate: number;
  dividendYield: number;
  right: 'C' | 'P';
}

export interface PricedOption {
  price: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

const density = (x: number): number => INV_SQRT_2PI * Math.exp(-0.5 * x * x);

/** Standard normal CDF, Abramowitz & Stegun 26.2.17 (absolute error below 7.5e-8): plenty for a simulated market. */
export function standardNormalCdf(x: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(x));
  const poly = t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  const upper = density(x) * poly; // P(Z > |x|)
  return x >= 0 ? 1 - upper : upper;
}

/** At expiry (or with no volatility) an option is worth its discounted intrinsic value, and has no time greeks. */
function atExpiry(o: PricingInputs): PricedOption {
  const years = Math.max(0, o.years);
  const carry = Math.exp(-o.dividendYield * years);
  const forwardValue = o.spot * carry;
  const strikeValue = o.strike * Math.exp(-o.rate * years);
  const call = o.right === 'C';
  const inTheMoney = call ? forwardValue > strikeValue : strikeValue > forwardValue;
  if (!inTheMoney) return { price: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 };
  return { price: Math.abs(forwardValue - strikeValue), delta: call ? carry : -carry, gamma: 0, theta: 0, vega: 0, rho: 0 };
}

export function priceOption(o: PricingInputs): PricedOption {
  if (!(o.spot > 0 && o.strike > 0)) throw new RangeError(`spot and strike must be positive (spot ${o.spot}, strike ${o.strike})`);
  if (!(o.years > 0 && o.vol > 0)) return atExpiry(o);
  const { spot, strike, years, vol, rate, dividendYield } = o;
  const volTime = vol * Math.sqrt(years);
  const d1 = (Math.log(spot / strike) + (rate - dividendYield) * years) / volTime + volTime / 2;
  const d2 = d1 - volTime;
  const carry = Math.exp(-dividendYield * years);
  const discount = Math.exp(-rate * years);
  const phi = density(d1);
  const gamma = (carry * phi) / (spot * volTime);
  const vega = (spot * carry * phi * Math.sqrt(years)) / 100;
  const timeDecay = -(spot * carry * phi * vol) / (2 * Math.sqrt(years));
  const sign = o.right === 'C' ? 1 : -1;
  const nd1 = standardNormalCdf(sign * d1);
  const nd2 = standardNormalCdf(sign * d2);
  return {
    price: sign * (spot * carry * nd1 - strike * discount * nd2),
    delta: sign * carry * nd1,
    gamma,
    vega,
    theta: (timeDecay - sign * rate * strike * discount * nd2 + sign * dividendYield * spot * carry * nd1) / 365,
    rho: (sign * strike * years * discount * nd2) / 100,
  };
}
