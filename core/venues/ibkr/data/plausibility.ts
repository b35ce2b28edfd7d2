/**
 * Plausibility bounds for values from the wire. A value outside them is refused (named, counted) rather than
 * stored: a price of 0, a negative size or a corrupted field would otherwise poison books and analytics.
 */
const MAX_PRICE = 1_000_000;
const MAX_SIZE = 1e10;

export function priceProblem(price: unknown): string | null {
  if (typeof price !== 'number' || !Number.isFinite(price)) return `price ${String(price)} is not a number`;
  if (price <= 0) return `price ${price} is not positive`;
  if (price > MAX_PRICE) return `price ${price} is above ${MAX_PRICE}`;
  return null;
}

export function sizeProblem(size: unknown): string | null {
  if (typeof size !== 'number' || !Number.isFinite(size)) return `size ${String(size)} is not a number`;
  if (size < 0) return `size ${size} is negative`;
  if (size > MAX_SIZE) return `size ${size} is above ${MAX_SIZE}`;
  return null;
}
