/**
 * The chain's volatility shape: ATM implied vol per expiry (the term structure), a constant-maturity ATM vol, and the
 * skew as the 25-delta risk reversal. Pure functions.
 *
 * Per expiry the forward comes from put–call parity at the strike where call and put marks are closest
 * (F = K + (C − P)·e^{rT}); the engine's own IV prices against F·e^{−rT} (no dividend yield: it cancels in forward
 * terms). The spot is the nearest expiry's F·e^{−rT}. ATM IV: the out-of-the-money IV (calls at and above F, puts
 * below) interpolated linearly in strike at the spot. RR25: IV of the 25-delta call minus IV of the 25-delta put, each interpolated linearly in delta; negative when
 * puts are richer. The constant-maturity ATM IV interpolates total variance σ²T between the expiries either side of
 * the target (flat vol beyond them).
 *
 * A contract without a usable vendor IV or delta (IV ≤ 0, delta not finite) gets the engine's own from its mark
 * (core/analytics/blackScholes); without a mark, or when its mark has no IV, it is skipped and counted.
 */
import type { OptionContractQuote } from '../market/optionChain';
import type { ExpiryVol } from '../market/optionsFlow';
import { blackScholes, impliedVolatility } from './blackScholes';

export type { ExpiryVol };
import type { ExpiryClock } from './expiryTime';

export interface VolSettings {
  rate: number;
  /** Expiries nearer than this many calendar days are left out of the constant-maturity figure (0DTE noise). */
  minDays: number;
  /** The constant maturity, calendar days (30: the VIX convention). */
  targetDays: number;
}

export interface VolShape {
  /** The underlying's price implied by the nearest expiry's forward; null without any forward. */
  spot: number | null;
  /** Per expiry, nearest first (the term structure). */
  expiries: ExpiryVol[];
  /** ATM IV at the constant maturity; null when no expiry has one. */
  atmIv: number | null;
  /** Contracts whose IV was the engine's own (the vendor gave none usable). */
  ownIv: number;
  /** Contracts with neither a vendor IV nor a price to imply one from. */
  skipped: number;
}

type VolContract = Pick<OptionContractQuote, 'expiry' | 'strike' | 'type' | 'mark' | 'iv' | 'delta'>;

interface Point { strike: number; type: 'call' | 'put'; iv: number; delta: number }

/** Linear interpolation of y at x over points sorted by x; null outside their range. */
export function interpolate(points: ReadonlyArray<{ x: number; y: number }>, x: number): number | null {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (x >= a.x && x <= b.x) return b.x === a.x ? a.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
  }
  return points.length === 1 && points[0]!.x === x ? points[0]!.y : null;
}

/** The parity-implied forward of one expiry, or null without a strike that has both a call and a put mark. */
export function impliedForward(contracts: readonly VolContract[], years: number, rate: number): number | null {
  const calls = new Map<number, number>();
  for (const c of contracts) if (c.type === 'call' && c.mark > 0) calls.set(c.strike, c.mark);
  let best: { strike: number; diff: number } | null = null;
  for (const p of contracts) {
    const call = p.type === 'put' && p.mark > 0 ? calls.get(p.strike) : undefined;
    if (call === undefined) continue;
    const diff = call - p.mark;
    if (!best || Math.abs(diff) < Math.abs(best.diff)) best = { strike: p.strike, diff };
  }
  return best ? best.strike + best.diff * Math.exp(rate * years) : null;
}

function pointsOf(contracts: readonly VolContract[], forward: number, years: number, rate: number, counts: { ownIv: number; skipped: number }): Point[] {
  const spot = forward * Math.exp(-rate * years);
  const out: Point[] = [];
  for (const c of contracts) {
    const right = c.type === 'call' ? 'C' : 'P';
    if (c.iv > 0 && Number.isFinite(c.iv) && Number.isFinite(c.delta)) {
      out.push({ strike: c.strike, type: c.type, iv: c.iv, delta: c.delta });
      continue;
    }
    const own = c.mark > 0 ? impliedVolatility(c.mark, { spot, strike: c.strike, time: years, rate, right }) : null;
    if (!own?.ok || !(own.vol > 0)) {
      counts.skipped++;
      continue;
    }
    counts.ownIv++;
    const delta = blackScholes({ spot, strike: c.strike, time: years, vol: own.vol, rate, right }).delta;
    out.push({ strike: c.strike, type: c.type, iv: own.vol, delta });
  }
  return out;
}

/** ATM IV at `at` (the spot) from the out-of-the-money side of each strike (relative to the forward). */
export function atmIvAt(points: readonly Point[], forward: number, at: number): number | null {
  const otm = points
    .filter((p) => (p.type === 'call' ? p.strike >= forward : p.strike < forward))
    .map((p) => ({ x: p.strike, y: p.iv }))
    .sort((a, b) => a.x - b.x);
  return interpolate(otm, at);
}

/** IV at a delta (0.25 for calls, −0.25 for puts) by linear interpolation in delta. */
export function ivAtDelta(points: readonly Point[], type: 'call' | 'put', delta: number): number | null {
  const side = points
    .filter((p) => p.type === type && Math.abs(p.delta) > 0 && Math.abs(p.delta) < 1)
    .map((p) => ({ x: p.delta, y: p.iv }))
    .sort((a, b) => a.x - b.x);
  return interpolate(side, delta);
}

interface ExpiryFacts { expiry: string; contracts: readonly VolContract[]; years: number; forward: number }

function expiryVol(e: ExpiryFacts, spot: number, clock: ExpiryClock, rate: number, counts: { ownIv: number; skipped: number }): ExpiryVol {
  const points = pointsOf(e.contracts, e.forward, e.years, rate, counts);
  const callIv25 = ivAtDelta(points, 'call', 0.25);
  const putIv25 = ivAtDelta(points, 'put', -0.25);
  return {
    expiry: e.expiry, days: clock.calendarDays(e.expiry), years: e.years, forward: e.forward, atmIv: atmIvAt(points, e.forward, spot), callIv25, putIv25,
    riskReversal25: callIv25 !== null && putIv25 !== null ? callIv25 - putIv25 : null,
  };
}

/** ATM IV at `targetDays` by total-variance interpolation over expiries at least `minDays` out. */
export function constantMaturityIv(expiries: readonly ExpiryVol[], settings: Pick<VolSettings, 'minDays' | 'targetDays'>): number | null {
  const usable = expiries.filter((e) => e.atmIv !== null && e.days >= settings.minDays);
  if (usable.length === 0) return null;
  const target = settings.targetDays / 365;
  const first = usable[0]!;
  const last = usable.at(-1)!;
  if (target <= first.years) return first.atmIv;
  if (target >= last.years) return last.atmIv;
  const variance = interpolate(usable.map((e) => ({ x: e.years, y: e.atmIv! * e.atmIv! * e.years })), target);
  return variance === null || variance <= 0 ? null : Math.sqrt(variance / target);
}

interface Prepared { facts: ExpiryFacts[]; spot: number | null; counts: { ownIv: number; skipped: number } }

function prepare(contracts: readonly VolContract[], clock: ExpiryClock, rate: number): Prepared {
  const byExpiry = new Map<string, VolContract[]>();
  for (const c of contracts) {
    let list = byExpiry.get(c.expiry);
    if (!list) byExpiry.set(c.expiry, (list = []));
    list.push(c);
  }
  const counts = { ownIv: 0, skipped: 0 };
  const facts: ExpiryFacts[] = [];
  for (const expiry of [...byExpiry.keys()].sort()) {
    const list = byExpiry.get(expiry)!;
    const years = clock.years(expiry);
    const forward = years > 0 ? impliedForward(list, years, rate) : null;
    if (forward !== null && forward > 0) facts.push({ expiry, contracts: list, years, forward });
    else if (years > 0) counts.skipped += list.length;
  }
  // The spot from the nearest expiry's forward: over a few days the dividend yield moves it by a few hundredths of 1%.
  const spot = facts.length > 0 ? facts[0]!.forward * Math.exp(-rate * facts[0]!.years) : null;
  return { facts, spot, counts };
}

export function volShape(contracts: readonly VolContract[], clock: ExpiryClock, settings: VolSettings): VolShape {
  const { facts, spot, counts } = prepare(contracts, clock, settings.rate);
  const expiries = spot === null ? [] : facts.map((e) => expiryVol(e, spot, clock, settings.rate, counts));
  return { expiries, spot, atmIv: constantMaturityIv(expiries, settings), ...counts };
}

/**
 * volShape with `pause` awaited after each expiry: the engine's own IVs cost ~4 µs a contract, so a 10,000-contract
 * chain without vendor IVs would hold the event loop ~40 ms in one piece.
 */
export async function volShapeSliced(contracts: readonly VolContract[], clock: ExpiryClock, settings: VolSettings, pause: () => Promise<void>): Promise<VolShape> {
  const { facts, spot, counts } = prepare(contracts, clock, settings.rate);
  const expiries: ExpiryVol[] = [];
  for (const e of spot === null ? [] : facts) {
    expiries.push(expiryVol(e, spot!, clock, settings.rate, counts));
    await pause();
  }
  return { expiries, spot, atmIv: constantMaturityIv(expiries, settings), ...counts };
}
