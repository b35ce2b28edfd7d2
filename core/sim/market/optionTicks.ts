/**
 * The minimum price variation of US equity options (the Penny Interval Program): SPY, QQQ and IWM options trade
 * in pennies at every price; other names in pennies below $3 and in nickels from $3 up.
 */
const PENNIES_AT_EVERY_PRICE = new Set(['SPY', 'QQQ', 'IWM']);
const NICKEL_FROM = 3;

export function optionTickAt(underlying: string, price: number): number {
  if (PENNIES_AT_EVERY_PRICE.has(underlying)) return 0.01;
  return price >= NICKEL_FROM - 1e-9 ? 0.05 : 0.01;
}

/** True when price is a whole number of ticks (within floating-point noise). */
export function isOnTick(price: number, tick: number): boolean {
  const ticks = price / tick;
  return Math.abs(ticks - Math.round(ticks)) < 1e-6;
}

/** The highest price on the tick grid at or below price. */
export function floorToTick(price: number, tickAt: (p: number) => number): number {
  const tick = tickAt(price);
  return cents(Math.floor(price / tick + 1e-9) * tick);
}

/** The lowest price on the tick grid at or above price. */
export function ceilToTick(price: number, tickAt: (p: number) => number): number {
  const tick = tickAt(price);
  return cents(Math.ceil(price / tick - 1e-9) * tick);
}

function cents(n: number): number {
  return Math.round(n * 100) / 100;
}
