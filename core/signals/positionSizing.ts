import { OPTION_MULTIPLIER, type Instrument } from '../market/order';

export interface SizingInput {
  instrument: Instrument;
  /** Entry and stop in the instrument's own price (an option's premium). */
  entryPrice: number;
  stopPrice: number;
  /** Dollars the trade may lose if the stop is hit. */
  maxLossPerTrade: number;
  /** The most shares or contracts the strategy may propose. */
  maxQuantity: number;
}

export type Sizing = { ok: true; quantity: number; riskPerUnit: number; risk: number } | { ok: false; reason: string };

/**
 * Risk-based size: the most whole units whose loss at the stop stays within the budget,
 * quantity = floor(maxLossPerTrade / (|entry − stop| × multiplier)), capped at maxQuantity. An option's multiplier is
 * 100 (a contract is 100 shares), a stock's 1. A stop so wide that not one unit fits is refused with the figures.
 */
export function sizeByRisk(input: SizingInput): Sizing {
  const { entryPrice, stopPrice, maxLossPerTrade, maxQuantity } = input;
  const distance = Math.abs(entryPrice - stopPrice);
  if (![entryPrice, stopPrice, maxLossPerTrade, maxQuantity].every(Number.isFinite) || entryPrice <= 0 || stopPrice < 0) {
    return { ok: false, reason: `sizing needs finite prices and limits (entry ${entryPrice}, stop ${stopPrice}, budget ${maxLossPerTrade}, max ${maxQuantity})` };
  }
  if (distance === 0) return { ok: false, reason: `the stop ${stopPrice} equals the entry: the risk per unit is zero` };
  const multiplier = input.instrument.kind === 'option' ? OPTION_MULTIPLIER : 1;
  const riskPerUnit = distance * multiplier;
  const quantity = Math.min(Math.floor(maxLossPerTrade / riskPerUnit + 1e-9), Math.floor(maxQuantity));
  if (quantity < 1) {
    return { ok: false, reason: `one unit risks $${riskPerUnit.toFixed(2)} to the stop, more than the $${maxLossPerTrade.toFixed(2)} budget a trade` };
  }
  return { ok: true, quantity, riskPerUnit, risk: quantity * riskPerUnit };
}
