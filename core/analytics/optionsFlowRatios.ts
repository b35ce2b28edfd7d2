/**
 * Options flow by side: put/call ratios by volume and by premium, per symbol and per expiry, and the contracts whose
 * traded premium changed most between two refreshes. Pure functions over a chain's contracts.
 *
 * Premium is the day's traded value in dollars: volume × price × 100 (the contract multiplier), priced at the mark
 * (the quote's fair value) and at `last` when the chain has no mark. Volumes and premiums are the session's so far.
 */
import type { OptionContractQuote } from '../market/optionChain';
import type { PremiumChange, PutCallBreakdown, PutCallRatios } from '../market/optionsFlow';

export type { PremiumChange, PutCallBreakdown, PutCallRatios };

export const CONTRACT_MULTIPLIER = 100;

type FlowContract = Pick<OptionContractQuote, 'contractId' | 'expiry' | 'strike' | 'type' | 'volume' | 'mark' | 'last'>;

/** Dollars traded in a contract today: volume × (mark, else last) × 100. */
export function contractPremium(c: Pick<OptionContractQuote, 'volume' | 'mark' | 'last'>): number {
  const price = c.mark > 0 ? c.mark : c.last > 0 ? c.last : 0;
  return c.volume > 0 ? c.volume * price * CONTRACT_MULTIPLIER : 0;
}

interface Sums { callVolume: number; putVolume: number; callPremium: number; putPremium: number }

const ratio = (puts: number, calls: number): number | null => (calls > 0 ? puts / calls : null);

function ratiosOf(s: Sums): PutCallRatios {
  return { ...s, volumeRatio: ratio(s.putVolume, s.callVolume), premiumRatio: ratio(s.putPremium, s.callPremium) };
}

function add(s: Sums, c: FlowContract): void {
  const volume = c.volume > 0 ? c.volume : 0;
  const premium = contractPremium(c);
  if (c.type === 'call') {
    s.callVolume += volume;
    s.callPremium += premium;
  } else {
    s.putVolume += volume;
    s.putPremium += premium;
  }
}

const empty = (): Sums => ({ callVolume: 0, putVolume: 0, callPremium: 0, putPremium: 0 });

export function putCallRatios(contracts: readonly FlowContract[]): PutCallBreakdown {
  const all = empty();
  const byExpiry = new Map<string, Sums>();
  for (const c of contracts) {
    add(all, c);
    let s = byExpiry.get(c.expiry);
    if (!s) byExpiry.set(c.expiry, (s = empty()));
    add(s, c);
  }
  const expiries = [...byExpiry.keys()].sort();
  return { all: ratiosOf(all), byExpiry: Object.fromEntries(expiries.map((e) => [e, ratiosOf(byExpiry.get(e)!)])) };
}

/**
 * The `limit` contracts whose premium changed most (by size of the change) since the previous refresh.
 * `previous` maps contractId → premium then; a contract absent then counts from 0. A session roll (volume back to 0)
 * shows as large negative changes: the caller passes an empty map when the session changed.
 */
export function largestPremiumChanges(previous: ReadonlyMap<string, number>, contracts: readonly FlowContract[], limit: number): PremiumChange[] {
  // The top `limit` kept sorted as the chain is read: no sort of 10,000 changes for the ten that are shown.
  const top: PremiumChange[] = [];
  const ranksAbove = (a: PremiumChange, b: PremiumChange) => Math.abs(a.change) - Math.abs(b.change) || b.contractId.localeCompare(a.contractId);
  for (const c of contracts) {
    const before = previous.get(c.contractId) ?? 0;
    const now = contractPremium(c);
    const change = now - before;
    if (change === 0 || limit <= 0) continue;
    if (top.length === limit && Math.abs(change) < Math.abs(top[limit - 1]!.change)) continue;
    const entry = { contractId: c.contractId, expiry: c.expiry, strike: c.strike, type: c.type, previous: before, current: now, change };
    let i = top.length;
    while (i > 0 && ranksAbove(entry, top[i - 1]!) > 0) i--;
    top.splice(i, 0, entry);
    if (top.length > limit) top.pop();
  }
  return top;
}

/** contractId → premium, to keep for the next refresh's comparison. */
export function premiumsOf(contracts: readonly FlowContract[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of contracts) {
    const p = contractPremium(c);
    if (p > 0) out.set(c.contractId, p);
  }
  return out;
}
