import type { OptionContractQuote } from './avData';
import { avCount, avNumber, isCalendarDate } from './avNumbers';

/** Rounding slack for greeks printed with 5 decimals ("1.00000", "-0.00000"). */
const EPS = 1e-4;

const PRICE_FIELDS = ['bid', 'ask', 'last', 'mark'] as const;
const COUNT_FIELDS = [['bid_size', 'bidSize'], ['ask_size', 'askSize'], ['volume', 'volume'], ['open_interest', 'openInterest']] as const;

/** The OCC suffix of a contract id: YYMMDD + C/P + strike × 1000 in 8 digits. */
function occSuffix(expiry: string, type: 'call' | 'put', strike: number): string {
  const yymmdd = expiry.slice(2, 4) + expiry.slice(5, 7) + expiry.slice(8, 10);
  return `${yymmdd}${type === 'call' ? 'C' : 'P'}${String(Math.round(strike * 1000)).padStart(8, '0')}`;
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
  const expiry = r.expiration;
  if (!isCalendarDate(expiry)) return 'bad expiration';
  const type = r.type;
  if (type !== 'call' && type !== 'put') return 'bad type';
  const strike = avNumber(r.strike);
  if (strike === undefined || strike <= 0) return 'bad strike';
  if (!contractId.endsWith(occSuffix(expiry, type, strike))) return 'contractID disagrees with expiry/type/strike';

  const prices: Record<string, number> = {};
  for (const field of PRICE_FIELDS) {
    const value = avNumber(r[field]);
    if (value === undefined) return `missing ${field}`;
    if (value < 0) return `negative ${field}`;
    prices[field] = value;
  }
  const counts: Record<string, number> = {};
  for (const [field, name] of COUNT_FIELDS) {
    const value = avCount(r[field]);
    if (value === undefined) return `missing or negative ${field}`;
    counts[name] = value;
  }
  const iv = avNumber(r.implied_volatility);
  const delta = avNumber(r.delta);
  const gamma = avNumber(r.gamma);
  const theta = avNumber(r.theta);
  const vega = avNumber(r.vega);
  const rho = avNumber(r.rho);
  if (iv === undefined || delta === undefined || gamma === undefined || theta === undefined || vega === undefined || rho === undefined) {
    return 'missing greeks';
  }
  if (iv < 0) return 'negative implied_volatility';
  if (type === 'call' ? delta < -EPS || delta > 1 + EPS : delta > EPS || delta < -1 - EPS) return `delta ${delta} impossible for a ${type}`;
  if (gamma < -EPS) return 'negative gamma';
  if (vega < -EPS) return 'negative vega';
  return {
    contractId, expiry, strike, type,
    bid: prices.bid!, bidSize: counts.bidSize!, ask: prices.ask!, askSize: counts.askSize!, last: prices.last!, mark: prices.mark!,
    volume: counts.volume!, openInterest: counts.openInterest!, iv, delta, gamma, theta, vega, rho,
  };
}
