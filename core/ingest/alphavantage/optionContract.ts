import type { OptionContractQuote } from './avData';
import { isCalendarDate } from './avNumbers';

/** Rounding slack for greeks printed with 5 decimals ("1.00000", "-0.00000"). */
export const DELTA_EPS = 1e-4;
const EPS = DELTA_EPS;

/**
 * A number from a string or JSON number; undefined for anything else. The hot-path twin of avNumber: a chain has
 * ~190,000 of these, so no trim (Number() ignores surrounding blanks) and the digit check only for a 0 result.
 */
export function contractNumber(value: unknown): number | undefined {
  return num(value);
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const parsed = +value;
  if (!Number.isFinite(parsed)) return undefined;
  return parsed === 0 && !/\d/.test(value) ? undefined : parsed; // "  " is 0 to Number()
}

function count(value: unknown): number | undefined {
  const parsed = num(value);
  return parsed !== undefined && parsed >= 0 ? Math.round(parsed) : undefined;
}

/** Expiry "2025-01-17" → "250117" when it is a real date, else null; few distinct expiries per chain, so cached. */
const expiryCodes = new Map<string, string | null>();
export function expiryCode(expiry: unknown): string | null {
  if (typeof expiry !== 'string') return null;
  let code = expiryCodes.get(expiry);
  if (code === undefined) {
    code = isCalendarDate(expiry) ? expiry.slice(2, 4) + expiry.slice(5, 7) + expiry.slice(8, 10) : null;
    if (expiryCodes.size > 10_000) expiryCodes.clear();
    expiryCodes.set(expiry, code);
  }
  return code;
}

/** The OCC id ends in YYMMDD + C/P + strike × 1000 in 8 digits; it must agree with the fields beside it. */
function idAgrees(id: string, code: string, type: 'call' | 'put', strike: number): boolean {
  const n = id.length;
  return (
    id.charCodeAt(n - 9) === (type === 'call' ? 67 : 80) &&
    id.startsWith(code, n - 15) &&
    Number(id.slice(n - 8)) === Math.round(strike * 1000)
  );
}

/**
 * Reads one REALTIME_OPTIONS row. Returns the contract, or the reason it is refused.
 * Validation follows the market, not wishful ranges: positive theta (deep ITM puts), IV above 4 (far wings),
 * zero bids and a `last` of 0 (untraded) are real and kept. Refused: missing or non-numeric fields, negative
 * prices or counts, deltas of the wrong sign or beyond 1, negative gamma/vega/IV, and ids that disagree with
 * the expiry, type and strike they come with.
 */
export function readOptionContract(row: unknown, symbol: string): OptionContractQuote | string {
  if (typeof row !== 'object' || row === null) return 'not an object';
  const r = row as Record<string, unknown>;
  const contractId = r.contractID;
  if (typeof contractId !== 'string' || contractId.length < 16) return 'missing contractID';
  if (typeof r.symbol === 'string' && r.symbol !== symbol) return 'belongs to another symbol';
  const code = expiryCode(r.expiration);
  if (code === null) return 'bad expiration';
  const type = r.type;
  if (type !== 'call' && type !== 'put') return 'bad type';
  const strike = num(r.strike);
  if (strike === undefined || strike <= 0) return 'bad strike';
  if (!idAgrees(contractId, code, type, strike)) return 'contractID disagrees with expiry/type/strike';

  const bid = num(r.bid), ask = num(r.ask), last = num(r.last), mark = num(r.mark);
  if (bid === undefined || ask === undefined || last === undefined || mark === undefined) return 'missing price';
  if (bid < 0 || ask < 0 || last < 0 || mark < 0) return 'negative price';
  const bidSize = count(r.bid_size), askSize = count(r.ask_size), volume = count(r.volume), openInterest = count(r.open_interest);
  if (bidSize === undefined || askSize === undefined || volume === undefined || openInterest === undefined) return 'missing or negative size, volume or open interest';
  const iv = num(r.implied_volatility), delta = num(r.delta), gamma = num(r.gamma), theta = num(r.theta), vega = num(r.vega), rho = num(r.rho);
  if (iv === undefined || delta === undefined || gamma === undefined || theta === undefined || vega === undefined || rho === undefined) {
    return 'missing greeks';
  }
  if (iv < 0) return 'negative implied_volatility';
  if (type === 'call' ? delta < -EPS || delta > 1 + EPS : delta > EPS || delta < -1 - EPS) return `delta impossible for a ${type}`;
  if (gamma < -EPS) return 'negative gamma';
  if (vega < -EPS) return 'negative vega';
  return {
    contractId, expiry: r.expiration as string, strike, type, bid, bidSize, ask, askSize, last, mark, volume, openInterest, iv, delta, gamma, theta, vega, rho,
  };
}
