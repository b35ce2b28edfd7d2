import type { OptionQuote } from './marketFeed';
import { yearsToExpiry } from './expiries';
import { etToUtc } from '../../market/newYorkTime';
import { listChain, type ListedOption } from './optionContracts';
import { priceOption } from './optionPricing';
import { ceilToTick, floorToTick, optionTickAt } from './optionTicks';
import { deriveSeed } from './rng';
import { RISK_FREE_RATE, type SymbolModel } from './symbols';
import { atmVol, skewFor, surfaceVol } from './volSurface';

/** What the chains need to know about the stock market they hang off. */
export interface UnderlyingView {
  model(symbol: string): SymbolModel | undefined;
  spot(symbol: string): number;
  /** The price the session's listing is built around (the open), so listings do not depend on call order. */
  listingSpot(symbol: string, session: string): number;
  /** Current regime's volatility relative to normal. */
  volMultiplier(): number;
  now(): number;
  /** The session date (YYYY-MM-DD) whose options are 0DTE now. */
  session(): string;
}

/** A burst of volume in one contract far beyond its usual turnover. */
export interface UnusualOptionsActivity {
  occId: string;
  /** The open of the session whose volume it adds to (an episode of an earlier session does not count today). */
  sessionOpenTs: number;
  startTs: number;
  endTs: number;
  contracts: number;
}

interface Listing {
  session: string;
  options: ListedOption[];
}

const SESSION_MS = 6.5 * 3_600_000;
/** A repriced chain is reused while the clock and spot have not moved (AV calls and option tickers share it). */
const REPRICE_MS = 250;

export class OptionChains {
  private readonly listings = new Map<string, Listing>();
  private readonly byConId = new Map<number, ListedOption>();
  private readonly unusual = new Map<string, UnusualOptionsActivity[]>();
  private readonly cache = new Map<string, { ts: number; spot: number; quotes: OptionQuote[] }>();

  constructor(private readonly seed: number, private readonly view: UnderlyingView) {}

  /** Today's listed contracts of an underlying (rebuilt when the session date rolls). */
  listing(underlying: string): ListedOption[] {
    const model = this.view.model(underlying);
    if (!model) return [];
    const session = this.view.session();
    const current = this.listings.get(underlying);
    if (current?.session === session) return current.options;
    for (const old of current?.options ?? []) this.byConId.delete(old.spec.conId);
    const options = this.list(model, session, this.view.listingSpot(underlying, session));
    for (const o of options) this.byConId.set(o.spec.conId, o);
    this.listings.set(underlying, { session, options });
    this.cache.delete(underlying);
    return options;
  }

  private list(model: SymbolModel, session: string, spot: number): ListedOption[] {
    return listChain(model, session, spot, etToUtc(session, 9, 30), deriveSeed(this.seed, `${model.symbol}:${session}`));
  }

  chain(underlying: string): OptionQuote[] {
    const options = this.listing(underlying);
    const now = this.view.now();
    const spot = this.view.spot(underlying);
    const cached = this.cache.get(underlying);
    if (cached && cached.spot === spot && now - cached.ts < REPRICE_MS) return cached.quotes;
    const quotes = options.map((o) => this.quote(o, spot, now, this.view.volMultiplier()));
    this.cache.set(underlying, { ts: now, spot, quotes });
    return quotes;
  }

  option(conId: number): OptionQuote | undefined {
    const listed = this.byConId.get(conId);
    if (!listed) return undefined;
    const u = listed.spec.underlying;
    return this.quote(listed, this.view.spot(u), this.view.now(), this.view.volMultiplier());
  }

  /** The chain as it closed on a past session date, around that day's closing price. */
  historicalChain(underlying: string, session: string, closePrice: number, volMultiplier = 1): OptionQuote[] {
    const model = this.view.model(underlying);
    if (!model) return [];
    const close = etToUtc(session, 16);
    return this.list(model, session, closePrice).map((o) => this.quote(o, closePrice, close, volMultiplier));
  }

  addUnusual(activity: UnusualOptionsActivity): void {
    const list = this.unusual.get(activity.occId) ?? [];
    list.push(activity);
    this.unusual.set(activity.occId, list);
  }

  /**
   * The session's volume so far: before the open, the last session's (as vendors show it until the first trade);
   * from the open it accrues along the day's U shape (busy at the open and close). Plus any unusual activity: seeded
   * episodes start in regular hours only, one requested before the open adds to the last session's volume.
   */
  private volumeAt(o: ListedOption, now: number): number {
    let volume = now < o.sessionOpenTs ? o.priorVolume : Math.round(o.sessionVolume * sessionShare((now - o.sessionOpenTs) / SESSION_MS));
    for (const a of this.unusual.get(o.spec.occId) ?? []) {
      if (a.sessionOpenTs !== o.sessionOpenTs || now <= a.startTs) continue;
      volume += Math.round(a.contracts * Math.min(1, (now - a.startTs) / Math.max(1, a.endTs - a.startTs)));
    }
    return volume;
  }

  private quote(o: ListedOption, spot: number, now: number, volMultiplier: number): OptionQuote {
    const model = this.view.model(o.spec.underlying) as SymbolModel;
    const years = yearsToExpiry(o.expiryCloseTs, now);
    // Far expiries carry a premium over the symbol's vol: in calm and normal regimes the term structure slopes up.
    const longRun = model.annualVol * 1.05;
    const atm = atmVol(longRun, model.annualVol * volMultiplier, years);
    const iv = surfaceVol(atm, spot, o.spec.strike, years, skewFor(model.symbol, model.isEtf));
    const g = priceOption({
      spot, strike: o.spec.strike, years, vol: iv, rate: RISK_FREE_RATE, dividendYield: model.dividendYield, right: o.spec.right,
    });
    const { bid, ask } = quoteAround(g.price, model.isEtf ? 1 : 2.5, (p) => optionTickAt(model.symbol, p));
    const volume = this.volumeAt(o, now);
    // The model's fair value (inside the quote): a nickel-wide grid would push a mid off the arbitrage-free curve.
    const mark = Math.min(ask, Math.max(bid, Math.round(g.price * 100) / 100));
    const sizeCycle = 1 + ((Math.floor(now / 1000) + o.spec.conId) % 3);
    return {
      spec: o.spec, bid, ask, bidSize: o.bidSize * sizeCycle, askSize: o.askSize * sizeCycle,
      last: volume > 0 ? lastTrade(bid, ask, mark, o.spec.conId, now) : 0, mark, volume, openInterest: o.openInterest, impliedVol: iv,
      delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho, underlyingPrice: spot, ts: now,
    };
  }
}

/** Share of a session's volume traded by `fraction` of it: the integral of 1 + 0.6·cos(2π·t), busy at both ends. */
export function sessionShare(fraction: number): number {
  const t = Math.min(1, Math.max(0, fraction));
  return t + (0.6 * Math.sin(2 * Math.PI * t)) / (2 * Math.PI);
}

/** The last print: at the bid, at the ask or at the mark, changing each market minute (seeded by the contract). */
function lastTrade(bid: number, ask: number, mark: number, conId: number, now: number): number {
  const side = (conId + Math.floor(now / 60_000)) % 3;
  const price = side === 0 ? bid : side === 1 ? ask : mark;
  return price > 0 ? price : ask; // a far wing with a zero bid and mark last traded at the offer
}

/**
 * Bid and ask on the option's tick grid around a model price; both are monotone in the price, so the chain stays
 * arbitrage-free.
 */
export function quoteAround(price: number, widthFactor: number, tickAt: (p: number) => number = () => 0.01): { bid: number; ask: number } {
  const half = Math.min(0.25, Math.max(0.005, 0.004 * price + 0.005)) * widthFactor;
  const bid = Math.max(0, floorToTick(price - half, tickAt));
  const ask = Math.max(ceilToTick(bid + tickAt(bid) / 2, tickAt), ceilToTick(price + half, tickAt));
  return { bid, ask };
}
