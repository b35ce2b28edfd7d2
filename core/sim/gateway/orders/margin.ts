import type { Instrument } from '../contracts/catalog';

/**
 * Reg-T-style margin, kept simple (the simulated account is a margin account):
 * - stocks, long or short: initial 50%, maintenance 25% of the position's market value;
 * - long options: the premium (market value), initial and maintenance alike: options are paid in full;
 * - short options: the premium plus 20% of the underlying's value per contract, initial and maintenance alike.
 */
export const STOCK_INITIAL = 0.5;
export const STOCK_MAINTENANCE = 0.25;
export const SHORT_OPTION_UNDERLYING_SHARE = 0.2;

export interface MarginRequirement {
  initial: number;
  maintenance: number;
}

export interface MarginInput {
  instrument: Instrument;
  quantity: number;
  /** Price per share or per option (before the multiplier). */
  price: number;
  underlyingPrice: number;
}

export function marginOf(p: MarginInput): MarginRequirement {
  const i = p.instrument;
  if (i.kind === 'stock') {
    const value = Math.abs(p.quantity) * p.price;
    return { initial: value * STOCK_INITIAL, maintenance: value * STOCK_MAINTENANCE };
  }
  const mult = i.spec.multiplier;
  const premium = Math.abs(p.quantity) * p.price * mult;
  const requirement = p.quantity >= 0 ? premium : premium + Math.abs(p.quantity) * p.underlyingPrice * mult * SHORT_OPTION_UNDERLYING_SHARE;
  return { initial: requirement, maintenance: requirement };
}

export function totalMargin(positions: MarginInput[]): MarginRequirement {
  let initial = 0;
  let maintenance = 0;
  for (const p of positions) {
    const m = marginOf(p);
    initial += m.initial;
    maintenance += m.maintenance;
  }
  return { initial, maintenance };
}
