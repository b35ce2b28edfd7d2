import type { OptionContractQuote } from '../../market/optionChain';
import { isCalendarDate } from './avNumbers';

/** Rounding slack for greeks printed with 5 decimals ("1.00000", "-0.00000"). */
const EPS = 1e-4;

/**
 * A number from a string or JSON number; undefined for anything else. The hot-path twin of avNumber: a chain has
 * ~190,000 of these, so no trim (Number() ignores surrounding blanks) and the digit check only for a 0 result.
 */
export function contractNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const parsed = +value;
  if (!Number.isFinite(parsed)) return undefined;
  return parsed === 0 && !/\d/.test(value) ? undefined : parsed; // "  " is 0 to Number()
}

/** A contract's numbers as read, NaN where a field is missing or not a number. */
export interface ContractValues {
  bid: number; ask: number; last: number; mark: number;
  bidSize: number; askSize: number; volume: number; openInterest: number;
  iv: number; delta: number; gamma: number; theta: number; vega: number; rho: number;
}

const read = (value: unknown): number => contractNumber(value) ?? NaN;

/**
 * The market rules on a contract's numbers, in order (the one statement of them: the JSON path and the chain
 * scanner both call it). Returns the refusal, or null.
 */
export function valuesProblem(v: ContractValues, type: 'call' | 'put'): string | null {
  if (v.bid !== v.bid || v.ask !== v.ask || v.last !== v.last || v.mark !== v.mark) return 'missing price';
  if (v.bid < 0 || v.ask < 0 || v.last < 0 || v.mark < 0) return 'negative price';
  if (!(v.bidSize >= 0 && v.askSize >= 0 && v.volume >= 0 && v.openInterest >= 0)) return 'missing or negative size, volume or open interest';
  const { iv, delta, gamma, theta, vega, rho } = v;
  // x !== x: NaN, without an array per contract (the scanner calls this 10,000 times a chain).
  if (iv !== iv || delta !== delta || gamma !== gamma || theta !== theta || vega !== vega || rho !== rho) return 'missing greeks';
  if (iv < 0) return 'negative implied_volatility';
  if (type === 'call' ? delta < -EPS || delta > 1 + EPS : delta > EPS || delta < -1 - EPS) return `delta impossible for a ${type}`;
  if (gamma < -EPS) return 'negative gamma';
  if (vega < -EPS) return 'negative vega';
  return null;
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
  const strike = contractNumber(r.strike);
  if (strike === undefined || strike <= 0) return 'bad strike';
  if (!idAgrees(contractId, code, type, strike)) return 'contractID disagrees with expiry/type/strike';

  const v: ContractValues = {
    bid: read(r.bid), ask: read(r.ask), last: read(r.last), mark: read(r.mark),
    bidSize: read(r.bid_size), askSize: read(r.ask_size), volume: read(r.volume), openInterest: read(r.open_interest),
    iv: read(r.implied_volatility), delta: read(r.delta), gamma: read(r.gamma), theta: read(r.theta), vega: read(r.vega), rho: read(r.rho),
  };
  const problem = valuesProblem(v, type);
  if (problem) return problem;
  const { bid, ask, last, mark, iv, delta, gamma, theta, vega, rho } = v;
  const [bidSize, askSize, volume, openInterest] = [v.bidSize, v.askSize, v.volume, v.openInterest].map(Math.round) as [number, number, number, number];
  return {
    contractId, expiry: r.expiration as string, strike, type, bid, bidSize, ask, askSize, last, mark, volume, openInterest, iv, delta, gamma, theta, vega, rho,
  };
}
