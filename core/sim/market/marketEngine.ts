import { FeedEmitter } from './feedEmitter';
import { sessionDate } from './expiries';
import { addDays, etDate, etToUtc } from '../../market/newYorkTime';
import type { SimAggressor, MarketEpisode } from './marketFeed';
import { MarketFlow } from './marketFlow';
import type { OptionChains } from './optionChains';
import type { ListedOption } from './optionContracts';
import { Rng } from './rng';
import { SymbolBook } from './symbolBook';
import type { SymbolModel } from './symbols';
import { VolatilityRegime } from './volatilityRegime';

export const STEP_MS = 10;
const DIFFUSION_EVERY = 10;
const DIFFUSION_MS = STEP_MS * DIFFUSION_EVERY;
const BAR_MS = 5000;
/** Fair value diffuses in trading time: one year is 252 sessions of 6.5 hours. */
const DIFFUSION_YEARS = DIFFUSION_MS / (252 * 6.5 * 3_600_000);
const MINUTE = 60_000;
const MINUTE_YEARS = MINUTE / (252 * 6.5 * 3_600_000);
/** An informed move is this many one-minute standard deviations. */
const INFORMED_MOVE_MIN = 2;
const INFORMED_MOVE_MAX = 4;
/** Informed traders work their order over a few minutes (seconds). */
const INFORMED_SECONDS_MIN = 120;
const INFORMED_SECONDS_MAX = 360;
/**
 * The share of the informed move the market makers price in while the informed flow lasts (they lean against
 * one-sided flow, so fair value drifts its way); the rest comes at once when the news is public, at the episode's end.
 */
export const INFORMED_PRESSURE_SHARE = 0.35;
/**
 * Informed moves are idiosyncratic, so they dilute the factor correlation: a pair's expected correlation
 * of returns is loading × loading × this share of variance that comes from diffusion (each move counted whole:
 * measured over pooled seeded runs, the fit is as good as splitting it into pressure and jump).
 */
const INFORMED_EVERY_MINUTES = 45;
const MEAN_SQUARED_MOVE = (INFORMED_MOVE_MAX ** 3 - INFORMED_MOVE_MIN ** 3) / (3 * (INFORMED_MOVE_MAX - INFORMED_MOVE_MIN));
export const DIFFUSION_VARIANCE_SHARE = 1 / (1 + MEAN_SQUARED_MOVE / INFORMED_EVERY_MINUTES);


/** Mean market time between episodes of each kind, per symbol. */
const EVERY = { informed: INFORMED_EVERY_MINUTES * MINUTE, sweep: 5 * MINUTE, unusualVolume: 30 * MINUTE, unusualOptions: 20 * MINUTE, halt: 12 * 60 * MINUTE };

/**
 * The stepping half of the model: every 10 ms of market time the books re-quote and trades print; every
 * 100 ms fair values diffuse through the common factor and episodes may start. Pure function of the seed.
 */
export class MarketEngine {
  readonly emitter = new FeedEmitter();
  readonly books: SymbolBook[];
  readonly bySymbol = new Map<string, SymbolBook>();
  readonly regime = new VolatilityRegime();
  readonly sessionSpots = new Map<string, Map<string, number>>();
  chains: OptionChains | undefined;
  now: number;
  session: string;
  private readonly rng: Rng;
  private readonly flow: MarketFlow;
  private stepCount = 0;
  private nextStepTs: number;
  private nextBarTs: number;
  private nextBoundaryTs: number;
  private today: string;

  constructor(seed: number, models: SymbolModel[], startTs: number) {
    this.rng = new Rng(seed);
    this.flow = new MarketFlow(this.rng, this.emitter);
    this.books = models.map((m) => new SymbolBook(m, this.rng));
    for (const b of this.books) {
      this.bySymbol.set(b.symbol, b);
      b.bars.begin(startTs);
    }
    this.now = startTs;
    this.nextStepTs = startTs + STEP_MS;
    this.nextBarTs = (Math.floor(startTs / BAR_MS) + 1) * BAR_MS;
    this.today = etDate(startTs);
    this.session = sessionDate(startTs);
    this.recordSessionSpots();
    this.nextBoundaryTs = this.boundaryAfter(startTs);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance(ms) needs ms >= 0, got ${ms}`);
    const target = this.now + ms;
    while (this.nextStepTs <= target) {
      this.now = this.nextStepTs;
      this.nextStepTs += STEP_MS;
      this.step();
    }
    this.now = target;
  }

  spreadMultiplier(): number {
    return this.regime.name === 'stressed' ? 2 : 1;
  }

  private step(): void {
    this.flow.now = this.now;
    if (this.now >= this.nextBarTs) this.closeBars();
    if (++this.stepCount % DIFFUSION_EVERY === 0) this.diffuse();
    const dt = STEP_MS / 1000;
    const activity = this.regime.activity;
    for (const book of this.books) {
      if (book.haltedUntil > 0) {
        if (this.now < book.haltedUntil) {
          this.flush(book);
          continue;
        }
        book.haltedUntil = 0;
        book.markQuoteChanged();
      }
      if (book.informedUntil > 0 && this.now >= book.informedUntil) this.finishInformed(book);
      const unusual = this.now < book.unusualUntil;
      const trades = this.rng.poisson(book.model.tradesPerSecond * activity * (unusual ? 5 : 1) * dt);
      for (let i = 0; i < trades; i++) this.flow.noiseTrade(book, unusual ? 'unusual' : 'noise');
      if (book.informedUntil > 0) {
        const informed = this.rng.poisson(book.model.tradesPerSecond * 1.5 * dt);
        for (let i = 0; i < informed; i++) this.flow.informedTrade(book);
      }
      this.requote(book, dt);
      this.flush(book);
    }
  }

  private requote(book: SymbolBook, dt: number): void {
    const refreshes = this.rng.poisson((book.model.level2 ? 60 : 10) * dt);
    for (let i = 0; i < refreshes; i++) {
      (this.rng.chance(0.5) ? book.bids : book.asks).refresh(this.rng);
      book.markBookChanged();
    }
    if (this.rng.chance(0.3)) book.recenter(this.spreadMultiplier(), this.rng);
  }

  /** A sweep on request (the sim console's `sweep`), outside the seeded sequence of episodes; sent out at once. */
  injectSweep(book: SymbolBook, aggressor: SimAggressor, levels: number): MarketEpisode | null {
    this.flow.now = this.now;
    const episode = this.flow.sweep(book, aggressor, levels);
    this.flush(book);
    return episode;
  }

  flush(book: SymbolBook): void {
    if (book.quoteDirty) {
      book.quoteDirty = false;
      if (this.emitter.has('quote')) this.emitter.emit('quote', book.quote(this.now));
    }
    if (book.depthDirty && book.model.level2) {
      book.depthDirty = false;
      if (this.emitter.has('depth')) this.emitter.emit('depth', book.depth(this.now));
    }
  }

  private closeBars(): void {
    const hasListener = this.emitter.has('bar');
    for (const book of this.books) {
      const bar = book.bars.finish(this.nextBarTs);
      if (hasListener) this.emitter.emit('bar', bar);
    }
    this.nextBarTs += BAR_MS;
  }

  private diffuse(): void {
    const previous = this.regime.step(DIFFUSION_MS, this.rng);
    if (previous) {
      this.flow.episode({ kind: 'regime_switch', symbol: 'MARKET', startTs: this.now, detail: { from: previous, to: this.regime.name } });
    }
    const factor = this.rng.normal();
    for (const book of this.books) {
      const sigma = book.model.annualVol * this.regime.vol * Math.sqrt(DIFFUSION_YEARS);
      const rho = book.model.factorLoading;
      const z = rho * factor + Math.sqrt(1 - rho * rho) * this.rng.normal();
      book.logValue += sigma * z - 0.5 * sigma * sigma + book.informedDrift;
      this.maybeStartEpisodes(book);
    }
    if (this.now >= this.nextBoundaryTs) this.crossBoundary();
  }

  private chance(meanMs: number): boolean {
    return this.rng.chance(DIFFUSION_MS / meanMs);
  }

  private maybeStartEpisodes(book: SymbolBook): void {
    if (book.haltedUntil > 0) return;
    const stress = this.regime.name === 'stressed' ? 3 : 1;
    if (book.informedUntil === 0 && this.chance(EVERY.informed)) this.startInformed(book);
    else if (this.chance(EVERY.sweep / stress)) this.flow.sweep(book, this.rng.chance(0.5) ? 'buy' : 'sell', this.rng.int(3, 6));
    if (book.unusualUntil <= this.now && this.chance(EVERY.unusualVolume)) this.startUnusualVolume(book);
    if (this.chance(EVERY.unusualOptions)) this.startUnusualOptions(book);
    if (this.chance(EVERY.halt / stress)) this.halt(book);
  }

  /** A seeded informed episode: a random side, length and move size. */
  private startInformed(book: SymbolBook): void {
    const durationMs = this.rng.int(INFORMED_SECONDS_MIN, INFORMED_SECONDS_MAX) * 1000;
    const direction = this.rng.chance(0.5) ? 1 : -1;
    const minuteVolBps = 10_000 * book.model.annualVol * this.regime.vol * Math.sqrt(MINUTE_YEARS);
    const moveBps = (INFORMED_MOVE_MIN + (INFORMED_MOVE_MAX - INFORMED_MOVE_MIN) * this.rng.uniform()) * minuteVolBps;
    this.beginInformed(book, direction, durationMs, moveBps);
  }

  /**
   * Informed flow on request (the sim console's `informed`, tests), outside the seeded sequence: `direction` 1 buys,
   * −1 sells, for `durationMs`, then fair value has moved `moveBps` (by default 4 one-minute standard deviations).
   * Null for a halted symbol or one already in an informed episode.
   */
  injectInformed(book: SymbolBook, direction: 1 | -1, durationMs: number, moveBps?: number): MarketEpisode | null {
    if (book.halted(this.now) || book.informedUntil > 0) return null;
    const minuteVolBps = 10_000 * book.model.annualVol * this.regime.vol * Math.sqrt(MINUTE_YEARS);
    return this.beginInformed(book, direction, durationMs, moveBps ?? INFORMED_MOVE_MAX * minuteVolBps);
  }

  private beginInformed(book: SymbolBook, direction: number, durationMs: number, moveBps: number): MarketEpisode {
    book.informedUntil = this.now + durationMs;
    book.informedDirection = direction;
    book.informedMoveBps = moveBps;
    book.informedDrift = (direction * INFORMED_PRESSURE_SHARE * moveBps) / 10_000 / Math.max(1, durationMs / DIFFUSION_MS);
    const episode: MarketEpisode = {
      kind: 'informed', symbol: book.symbol, startTs: this.now, endTs: book.informedUntil,
      detail: { direction, moveBps, pressureShare: INFORMED_PRESSURE_SHARE },
    };
    this.flow.episode(episode);
    return episode;
  }

  /** The informed trader's news becomes public: a sweep in its direction, and fair value reprices the rest of the move. */
  private finishInformed(book: SymbolBook): void {
    const up = book.informedDirection > 0;
    this.flow.sweep(book, up ? 'buy' : 'sell', this.rng.int(3, 5));
    book.logValue += book.informedDirection * (1 - INFORMED_PRESSURE_SHARE) * (book.informedMoveBps / 10_000);
    book.informedUntil = 0;
    book.informedDrift = 0;
    book.recenter(this.spreadMultiplier(), this.rng);
  }

  private startUnusualVolume(book: SymbolBook): void {
    book.unusualUntil = this.now + this.rng.int(60, 180) * 1000;
    this.flow.episode({ kind: 'unusual_volume', symbol: book.symbol, startTs: this.now, endTs: book.unusualUntil, detail: { rateMultiplier: 5 } });
  }

  private startUnusualOptions(book: SymbolBook): void {
    if (!this.chains) return;
    const spot = book.mid();
    const listing = this.chains.listing(book.symbol);
    const expiries = [...new Set(listing.map((o) => o.spec.expiry))].slice(0, 3);
    const candidates = listing.filter((o) => {
      const m = o.spec.strike / spot - 1;
      const otm = o.spec.right === 'C' ? m : -m;
      return expiries.includes(o.spec.expiry) && otm >= 0.01 && otm <= 0.05;
    });
    if (candidates.length === 0) return;
    const pick = this.rng.pick(candidates);
    const contracts = Math.max(2000, Math.round((5 * pick.openInterest) / 100) * 100);
    const durationMs = this.rng.int(2, 10) * MINUTE;
    // Options trade in regular hours only (the draws are made all the same, so the seeded sequence does not shift).
    if (this.now < pick.sessionOpenTs) return;
    this.unusualOptions(book, pick, contracts, durationMs);
  }

  /**
   * Unusual options activity on request (tests, practice), outside the seeded sequence: `contracts` traded in one
   * listed contract over the next `durationMs`. Null when the contract is not listed for the current session. Unlike the
   * seeded episodes it is taken at any hour: before the session opens its contracts add to the volume shown then (the
   * last session's), so a test or a practice run need not wait for regular hours.
   */
  injectUnusualOptions(book: SymbolBook, occId: string, contracts: number, durationMs: number): MarketEpisode | null {
    const pick = this.chains?.listing(book.symbol).find((o) => o.spec.occId === occId);
    if (!pick || !(contracts > 0) || !(durationMs > 0)) return null;
    this.flow.now = this.now;
    return this.unusualOptions(book, pick, Math.round(contracts), durationMs);
  }

  private unusualOptions(book: SymbolBook, pick: ListedOption, contracts: number, durationMs: number): MarketEpisode {
    const endTs = this.now + durationMs;
    this.chains!.addUnusual({ occId: pick.spec.occId, sessionOpenTs: pick.sessionOpenTs, startTs: this.now, endTs, contracts });
    const episode: MarketEpisode = {
      kind: 'unusual_options', symbol: book.symbol, startTs: this.now, endTs,
      detail: { occId: pick.spec.occId, conId: pick.spec.conId, contracts, openInterest: pick.openInterest, right: pick.spec.right, strike: pick.spec.strike, expiry: pick.spec.expiry },
    };
    this.flow.episode(episode);
    return episode;
  }

  private halt(book: SymbolBook): void {
    book.haltedUntil = this.now + 5 * MINUTE;
    book.informedUntil = 0;
    book.informedDrift = 0;
    book.markQuoteChanged();
    this.flow.episode({ kind: 'halt', symbol: book.symbol, startTs: this.now, endTs: book.haltedUntil, detail: { reason: 'LULD' } });
  }

  private boundaryAfter(ts: number): number {
    const date = etDate(ts);
    const close = etToUtc(date, 16);
    return ts < close ? close : etToUtc(addDays(date, 1), 0);
  }

  private crossBoundary(): void {
    const date = etDate(this.now);
    if (date !== this.today) {
      this.today = date;
      for (const b of this.books) b.startSession();
    }
    const session = sessionDate(this.now);
    if (session !== this.session) {
      this.session = session;
      this.recordSessionSpots();
    }
    this.nextBoundaryTs = this.boundaryAfter(this.now);
  }

  private recordSessionSpots(): void {
    this.sessionSpots.set(this.session, new Map(this.books.map((b) => [b.symbol, b.mid()])));
  }
}
