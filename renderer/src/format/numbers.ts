/** Decimals a tick size needs: 0.01 → 2, 0.05 → 2, 0.25 → 2, 1 → 0, 0.0001 → 4. */
export function tickDecimals(tick: number): number {
  const text = String(tick);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** US equities and their options quote in cents here (the simulated market and our symbols use 0.01 ticks). */
export const EQUITY_TICK = 0.01;

const priceFormats = new Map<number, Intl.NumberFormat>();
function priceFormat(decimals: number): Intl.NumberFormat {
  let format = priceFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    priceFormats.set(decimals, format);
  }
  return format;
}

/** A price at its tick's precision with thousands separators: 1,234.50 */
export function formatPrice(price: number | null | undefined, tick = EQUITY_TICK): string {
  if (price === null || price === undefined || !Number.isFinite(price)) return '—';
  return priceFormat(tickDecimals(tick)).format(price);
}

const sizeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
/** A share or contract count with thousands separators: 12,300 */
export function formatSize(size: number | null | undefined): string {
  return size === null || size === undefined || !Number.isFinite(size) ? '—' : sizeFormat.format(size);
}

/** Fixed decimals (greeks, indicators), with separators. */
export function formatNumber(value: number | null | undefined, decimals: number): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : priceFormat(decimals).format(value);
}

export type Direction = 'up' | 'down' | 'flat';
export const directionOf = (value: number): Direction => (value > 0 ? 'up' : value < 0 ? 'down' : 'flat');

/** "▲ +0.25", "▼ −1.10", "0.00": the sign and arrow carry the direction without colour. */
export function formatSignedPrice(change: number | null, tick = EQUITY_TICK): string {
  if (change === null || !Number.isFinite(change)) return '—';
  const decimals = tickDecimals(tick);
  const rounded = Number(change.toFixed(decimals));
  if (rounded === 0) return priceFormat(decimals).format(0);
  return `${rounded > 0 ? '▲ +' : '▼ −'}${priceFormat(decimals).format(Math.abs(rounded))}`;
}

/** "+12.5%" / "−3.0%" with a real minus sign. */
export function formatSignedPercent(fraction: number | null, decimals = 1): string {
  if (fraction === null || !Number.isFinite(fraction)) return '—';
  const value = Number((fraction * 100).toFixed(decimals));
  if (value === 0) return `${(0).toFixed(decimals)}%`;
  return `${value > 0 ? '+' : '−'}${Math.abs(value).toFixed(decimals)}%`;
}
