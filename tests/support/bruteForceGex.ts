/**
 * GEX written apart from core/analytics, for tests that check the engine's figures against a simulated market:
 * BSM gamma by its textbook formula, summed over the contracts at a hypothetical spot, and the flip found by
 * scanning spots in small steps and bisecting the bracket. Dealers long the calls and short the puts.
 */
import { etToUtc } from '../../core/market/newYorkTime';

export interface PositionedContract {
  /** YYYY-MM-DD or YYYYMMDD. */
  expiry: string;
  strike: number;
  right: 'C' | 'P';
  openInterest: number;
  iv: number;
}

export interface Carry {
  rate: number;
  dividendYield: number;
}

const YEAR_MS = 365 * 86_400_000;

function yearsTo(expiry: string, now: number): number {
  const date = expiry.includes('-') ? expiry : `${expiry.slice(0, 4)}-${expiry.slice(4, 6)}-${expiry.slice(6, 8)}`;
  return (etToUtc(date, 16) - now) / YEAR_MS;
}

/** One contract's GEX at `spot`, USD per 1% move: gamma × OI × 100 × spot² × 0.01, signed for the dealers. */
function contractGex(c: PositionedContract, years: number, spot: number, carry: Carry): number {
  if (!(years > 0) || !(c.iv > 0)) return 0;
  const volTime = c.iv * Math.sqrt(years);
  const d1 = (Math.log(spot / c.strike) + (carry.rate - carry.dividendYield + (c.iv * c.iv) / 2) * years) / volTime;
  const gamma = (Math.exp(-carry.dividendYield * years) * Math.exp(-(d1 * d1) / 2)) / (Math.sqrt(2 * Math.PI) * spot * volTime);
  return (c.right === 'C' ? 1 : -1) * gamma * c.openInterest * 100 * spot * spot * 0.01;
}

export function totalGex(contracts: readonly PositionedContract[], spot: number, now: number, carry: Carry): number {
  const years = new Map<string, number>();
  let total = 0;
  for (const c of contracts) {
    let t = years.get(c.expiry);
    if (t === undefined) years.set(c.expiry, (t = yearsTo(c.expiry, now)));
    total += contractGex(c, t, spot, carry);
  }
  return total;
}

/** The spot nearest `spot` (within ±range) at which total GEX changes sign, or null. */
export function bruteForceFlip(contracts: readonly PositionedContract[], spot: number, now: number, carry: Carry, range = 0.2): number | null {
  const step = spot * 0.001;
  const at = (s: number) => totalGex(contracts, s, now, carry);
  let best: number | null = null;
  let previous = at(spot * (1 - range));
  for (let s = spot * (1 - range) + step; s <= spot * (1 + range); s += step) {
    const value = at(s);
    if ((previous < 0) !== (value < 0)) {
      let lo = s - step;
      let hi = s;
      const loNegative = previous < 0;
      for (let i = 0; i < 40; i++) {
        const mid = (lo + hi) / 2;
        if ((at(mid) < 0) === loNegative) lo = mid;
        else hi = mid;
      }
      const level = (lo + hi) / 2;
      if (best === null || Math.abs(level - spot) < Math.abs(best - spot)) best = level;
    }
    previous = value;
  }
  return best;
}

/** The strikes with the largest call GEX and the largest put GEX (by size) at `spot`, all expiries together. */
export function bruteForceWalls(contracts: readonly PositionedContract[], spot: number, now: number, carry: Carry): { callWall: number; putWall: number } {
  const byStrike = { C: new Map<number, number>(), P: new Map<number, number>() };
  for (const c of contracts) {
    const side = byStrike[c.right];
    side.set(c.strike, (side.get(c.strike) ?? 0) + Math.abs(contractGex(c, yearsTo(c.expiry, now), spot, carry)));
  }
  const largest = (m: Map<number, number>) => [...m.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  return { callWall: largest(byStrike.C), putWall: largest(byStrike.P) };
}
