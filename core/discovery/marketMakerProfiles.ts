import type { BookLevel } from '../market/book';
import type { DiscoveryRefusal, MarketMakerProfile, MarketMakerProfiles } from '../market/discoveryReading';
import type { BookSnapshot } from '../market/marketHistory';

export type { MarketMakerProfile, MarketMakerProfiles };

export interface MarketMakerProfileOptions {
  now?: number;
  /** Snapshots needed before a profile means anything (default 120: two minutes at one a second). */
  minSnapshots?: number;
}

export const DEFAULT_MIN_SNAPSHOTS = 120;
/**
 * Snapshots further apart than this, or than three times their median interval if that is longer (the engine was
 * stopped, the feed was away), break quote lives: a quote seen on both sides of the gap may have gone and come back,
 * so those before it end there, cut like the window's edges.
 */
export const MAX_SNAPSHOT_GAP_MS = 60_000;
const ROUND_LOT = 100;
/** Quotes are keyed by price in 1/10,000ths: small integers hash faster than doubles. */
const PRICE_KEY_SCALE = 10_000;

/** A quote: one maker's row at one price on one side, from the snapshot it was first seen in to the last. */
interface Quote {
  since: number;
  /** Index of the last snapshot that showed it. */
  lastSeen: number;
  /** Already up in the window's first snapshot (or the first after a gap): its start is unknown. */
  cutAtStart: boolean;
}

/** What one market maker on one exchange did over the snapshots. */
interface Tally {
  exchange: string;
  marketMaker: string;
  atTop: number;
  present: number;
  rows: number;
  size: number;
  roundLots: number;
  /** The last snapshot it was counted present, at the top, in (each counts once per snapshot). */
  presentAt: number;
  atTopAt: number;
  /** Its quotes by price key, per side (ended ones are settled when the price comes back, and at the end). */
  bids: Map<number, Quote>;
  asks: Map<number, Quote>;
  /** Sum and count of the lives of quotes seen to start and end inside the window, and of those cut by its edges. */
  completeLife: number;
  complete: number;
  cutLife: number;
  cut: number;
}

function refuse(reason: string, needed: number, got: number): DiscoveryRefusal {
  return { ok: false, reason, needed, got };
}

/**
 * Market-maker profiles from Level 2 snapshots of one symbol's consolidated book (oldest first), per exchange and
 * market maker:
 * - topOfBookShare: the share of snapshots in which one of its rows is at the best bid or the best ask;
 * - presenceShare: the share of snapshots in which it shows any row;
 * - averageSize and roundLotShare: over all its rows in all snapshots (round lot: a positive multiple of 100 shares);
 * - averageQuoteLifeMs: a quote is its row at one price on one side; it lives from the first snapshot that shows it
 *   to the first that does not (a size change at the same price is the same quote), so the resolution is the snapshot
 *   interval (a quote seen once lives one interval). Quotes already up at the first snapshot, still up at the last,
 *   or up across a gap (MAX_SNAPSHOT_GAP_MS) are cut: their life is unknown and they are left out of the
 *   mean, unless a maker has only such quotes, whose mean is then of the part seen (a lower bound).
 * Needs `minSnapshots` snapshots holding rows; fewer → a refusal saying how many. O(rows), no string keys per row.
 */
export function profileMarketMakers(books: readonly BookSnapshot[], options: MarketMakerProfileOptions = {}): MarketMakerProfiles | DiscoveryRefusal {
  const minSnapshots = Math.max(2, options.minSnapshots ?? DEFAULT_MIN_SNAPSHOTS);
  const snapshots = books.filter((b) => Number.isFinite(b.ts) && (b.bids.length > 0 || b.asks.length > 0));
  if (snapshots.length < minSnapshots) {
    return refuse(`market-maker profiles need ${minSnapshots} Level 2 snapshots with rows (got ${snapshots.length})`, minSnapshots, snapshots.length);
  }
  if (snapshots.some((b, i) => i > 0 && b.ts < snapshots[i - 1]!.ts)) snapshots.sort((a, b) => a.ts - b.ts);
  const tallies = new Tallies(snapshots.map((b) => b.ts));
  snapshots.forEach((snapshot, i) => tallies.count(snapshot, i));
  const profiles = tallies.profiles();
  profiles.sort((a, b) => a.exchange.localeCompare(b.exchange) || b.topOfBookShare - a.topOfBookShare || a.marketMaker.localeCompare(b.marketMaker));
  const n = snapshots.length;
  return {
    ok: true,
    window: { from: snapshots[0]!.ts, to: snapshots[n - 1]!.ts },
    sampleSize: n,
    computedAt: options.now ?? Date.now(),
    profiles,
  };
}

/** Every maker's tally over the snapshots, counted one snapshot at a time, oldest first. */
class Tallies {
  private readonly byExchange = new Map<string, Map<string, Tally>>();
  /** gapBefore[i]: snapshot i comes after a gap (the first one too: nothing is known before it). */
  private readonly gapBefore: boolean[];

  constructor(private readonly ts: readonly number[]) {
    const maxGap = Math.max(MAX_SNAPSHOT_GAP_MS, 3 * medianInterval(ts));
    this.gapBefore = ts.map((t, i) => i === 0 || t - ts[i - 1]! > maxGap);
  }

  count(snapshot: BookSnapshot, i: number): void {
    const bestBid = bestPrice(snapshot.bids, Math.max);
    const bestAsk = bestPrice(snapshot.asks, Math.min);
    for (const row of snapshot.bids) this.row(row, bestBid, true, i);
    for (const row of snapshot.asks) this.row(row, bestAsk, false, i);
  }

  /** Settles the quotes still open and gives each maker's profile. */
  profiles(): MarketMakerProfile[] {
    const profiles: MarketMakerProfile[] = [];
    for (const makers of this.byExchange.values()) {
      for (const tally of makers.values()) {
        for (const quote of tally.bids.values()) this.settle(tally, quote);
        for (const quote of tally.asks.values()) this.settle(tally, quote);
        profiles.push(toProfile(tally, this.ts.length));
      }
    }
    return profiles;
  }

  private row(row: BookLevel, best: number, bid: boolean, i: number): void {
    if (!(Number.isFinite(row.price) && Number.isFinite(row.size))) return;
    const tally = this.tallyOf(row);
    tally.rows++;
    tally.size += row.size;
    if (row.size > 0 && row.size % ROUND_LOT === 0) tally.roundLots++;
    if (tally.presentAt !== i) {
      tally.presentAt = i;
      tally.present++;
    }
    if (row.price === best && tally.atTopAt !== i) {
      tally.atTopAt = i;
      tally.atTop++;
    }
    const quotes = bid ? tally.bids : tally.asks;
    const price = Math.round(row.price * PRICE_KEY_SCALE);
    const quote = quotes.get(price);
    if (quote && (quote.lastSeen === i || (quote.lastSeen === i - 1 && !this.gapBefore[i]))) {
      quote.lastSeen = i;
      return;
    }
    if (quote) this.settle(tally, quote);
    quotes.set(price, { since: this.ts[i]!, lastSeen: i, cutAtStart: this.gapBefore[i]! });
  }

  private tallyOf(row: BookLevel): Tally {
    let makers = this.byExchange.get(row.exchange);
    if (!makers) this.byExchange.set(row.exchange, (makers = new Map()));
    let tally = makers.get(row.marketMaker);
    if (!tally) makers.set(row.marketMaker, (tally = newTally(row)));
    return tally;
  }

  /** Books a quote that is no longer up: its life ended at the snapshot after the last that showed it. */
  private settle(tally: Tally, quote: Quote): void {
    const end = quote.lastSeen + 1;
    const endSeen = end < this.ts.length && !this.gapBefore[end];
    const life = (endSeen ? this.ts[end]! : this.ts[quote.lastSeen]!) - quote.since;
    if (quote.cutAtStart || !endSeen) {
      tally.cutLife += life;
      tally.cut++;
    } else {
      tally.completeLife += life;
      tally.complete++;
    }
  }
}

function medianInterval(ts: readonly number[]): number {
  const intervals = ts.slice(1).map((t, i) => t - ts[i]!).sort((a, b) => a - b);
  return intervals[Math.floor(intervals.length / 2)] ?? 0;
}

function newTally(row: BookLevel): Tally {
  return {
    exchange: row.exchange, marketMaker: row.marketMaker, atTop: 0, present: 0, rows: 0, size: 0, roundLots: 0, presentAt: -1, atTopAt: -1,
    bids: new Map(), asks: new Map(), completeLife: 0, complete: 0, cutLife: 0, cut: 0,
  };
}

/** The best price of a side (best first as the venue sends it, but not trusted to be). NaN for an empty side. */
function bestPrice(rows: readonly BookLevel[], pick: (a: number, b: number) => number): number {
  let best = NaN;
  for (const row of rows) if (Number.isFinite(row.price)) best = Number.isNaN(best) ? row.price : pick(best, row.price);
  return best;
}

function toProfile(t: Tally, snapshots: number): MarketMakerProfile {
  const life = t.complete > 0 ? t.completeLife / t.complete : t.cut > 0 ? t.cutLife / t.cut : 0;
  return {
    exchange: t.exchange,
    marketMaker: t.marketMaker,
    topOfBookShare: t.atTop / snapshots,
    presenceShare: t.present / snapshots,
    averageSize: t.rows > 0 ? t.size / t.rows : 0,
    averageQuoteLifeMs: life,
    roundLotShare: t.rows > 0 ? t.roundLots / t.rows : 0,
    rows: t.rows,
  };
}
