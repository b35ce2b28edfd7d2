import type { OptionContractQuote } from '../market/optionChain';

export interface OptionChoice {
  right: 'call' | 'put';
  /** |delta| wanted (0.30 = a 30-delta option). */
  targetDelta: number;
  /** Expiries allowed, as calendar days from today (New York date): 0 = today's (0DTE). */
  minDays: number;
  maxDays: number;
  /** Widest (ask − bid) / mid accepted: a wider market is no place for a limit entry. */
  maxRelativeSpread: number;
}

export type OptionPick = { ok: true; contract: OptionContractQuote; daysToExpiry: number } | { ok: false; reason: string };

const DAY_MS = 86_400_000;

/** Calendar days from `today` to `expiry`, both YYYY-MM-DD. */
export function calendarDays(today: string, expiry: string): number {
  return Math.round((Date.parse(`${expiry}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/**
 * The contract to trade: among the chain's contracts of the right side, in the nearest allowed expiry, with a
 * two-sided market no wider than allowed and a vendor delta, the one whose |delta| is nearest the target.
 */
export function pickOption(contracts: readonly OptionContractQuote[], today: string, choice: OptionChoice): OptionPick {
  const inWindow = contracts.filter((c) => {
    const days = calendarDays(today, c.expiry);
    return c.type === choice.right && days >= choice.minDays && days <= choice.maxDays;
  });
  if (inWindow.length === 0) return { ok: false, reason: `no ${choice.right} expires ${choice.minDays}–${choice.maxDays} days from ${today}` };
  const expiry = inWindow.reduce((nearest, c) => (c.expiry < nearest ? c.expiry : nearest), inWindow[0]!.expiry);
  const tradable = inWindow.filter((c) => c.expiry === expiry && c.bid > 0 && c.ask > c.bid && (c.ask - c.bid) / ((c.ask + c.bid) / 2) <= choice.maxRelativeSpread && c.delta !== 0);
  if (tradable.length === 0) return { ok: false, reason: `no ${choice.right} of ${expiry} has a two-sided market within ${(choice.maxRelativeSpread * 100).toFixed(0)}% of mid` };
  let best = tradable[0]!;
  for (const c of tradable) if (Math.abs(Math.abs(c.delta) - choice.targetDelta) < Math.abs(Math.abs(best.delta) - choice.targetDelta)) best = c;
  return { ok: true, contract: best, daysToExpiry: calendarDays(today, expiry) };
}
