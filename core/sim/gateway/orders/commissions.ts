import type { Instrument } from '../contracts/catalog';

/**
 * IBKR Pro tiered commissions (the broker's part; exchange and regulatory fees are not simulated), per order:
 * - stocks: $0.0035 a share, at least $0.35, at most 1% of the trade value;
 * - options: by premium, $0.65 a contract at $0.10 and up, $0.50 from $0.05, $0.25 below; at least $1.
 * The minimum and maximum apply to the whole order, so an order filled in pieces pays what it would pay at once:
 * each execution is charged the order's commission so far less what earlier executions were charged.
 */
export const STOCK_PER_SHARE = 0.0035;
export const STOCK_MINIMUM = 0.35;
export const STOCK_MAXIMUM_SHARE_OF_VALUE = 0.01;
export const OPTION_MINIMUM = 1;

export function optionRatePerContract(premium: number): number {
  if (premium >= 0.1) return 0.65;
  if (premium >= 0.05) return 0.5;
  return 0.25;
}

/** What an order has filled so far, for its commission. */
export interface OrderFees {
  /** The per-unit charges summed over the fills (before the minimum and maximum). */
  raw: number;
  /** Trade value of the fills (price × quantity × multiplier). */
  value: number;
  /** Commission already reported on earlier executions. */
  charged: number;
}

export function noFees(): OrderFees {
  return { raw: 0, value: 0, charged: 0 };
}

function unitCharge(i: Instrument, size: number, price: number): number {
  return i.kind === 'stock' ? size * STOCK_PER_SHARE : size * optionRatePerContract(price);
}

function orderTotal(i: Instrument, raw: number, value: number): number {
  if (i.kind === 'option') return Math.max(OPTION_MINIMUM, raw);
  return Math.min(Math.max(STOCK_MINIMUM, raw), value * STOCK_MAXIMUM_SHARE_OF_VALUE);
}

/** Adds one execution to the order's fees and returns the commission to report for it. */
export function chargeExecution(i: Instrument, fees: OrderFees, size: number, price: number): number {
  fees.raw += unitCharge(i, size, price);
  fees.value += size * price * (i.kind === 'option' ? i.spec.multiplier : 1);
  const due = roundCommission(orderTotal(i, fees.raw, fees.value) - fees.charged);
  fees.charged = roundCommission(fees.charged + due);
  return due;
}

/** The commission of a whole order of `size` at `price` (what-if estimates). */
export function orderCommission(i: Instrument, size: number, price: number): number {
  return chargeExecution(i, noFees(), size, price);
}

function roundCommission(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}
