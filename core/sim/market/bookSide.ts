import type { DepthRow } from './marketFeed';
import { quoteSize, quotesAtLevel, type Participant } from './marketMakers';
import type { Rng } from './rng';

/** An immutable depth row: a change replaces the object, so a holder of an old snapshot sees the old book. */
export class BookRow implements DepthRow {
  constructor(
    readonly price: number,
    readonly size: number,
    readonly exchange: string,
    readonly marketMaker: string,
    /** Price in whole ticks: compared instead of floats. */
    readonly ticks: number,
    readonly rank: number,
  ) {}
}

/** One side of a symbol's book: rows best price first, equal prices in participant rank order. */
export class BookSide {
  rows: BookRow[] = [];
  /** Set by the last take(): where the liquidity was found. */
  lastExchange = '';

  constructor(
    readonly isBid: boolean,
    private readonly ticksPerDollar: number,
    private readonly participants: readonly Participant[],
    readonly levels: number,
  ) {}

  bestTicks(): number {
    return this.rows.length > 0 ? (this.rows[0] as BookRow).ticks : NaN;
  }

  sizeAtBest(): number {
    const best = this.bestTicks();
    let size = 0;
    for (let i = 0; i < this.rows.length && (this.rows[i] as BookRow).ticks === best; i++) size += (this.rows[i] as BookRow).size;
    return size;
  }

  /** Ticks of the level `k` steps away from `touch`, away from the spread. */
  private levelTicks(touch: number, k: number): number {
    return this.isBid ? touch - k : touch + k;
  }

  private isBetter(a: number, b: number): boolean {
    return this.isBid ? a > b : a < b;
  }

  private makeRow(p: Participant, ticks: number, size: number): BookRow {
    return new BookRow(ticks / this.ticksPerDollar, size, p.exchange, p.marketMaker, ticks, p.rank);
  }

  private levelRows(ticks: number, level: number, rng: Rng): BookRow[] {
    const rows: BookRow[] = [];
    for (const p of this.participants) {
      if (quotesAtLevel(p, level, rng)) rows.push(this.makeRow(p, ticks, quoteSize(p, rng)));
    }
    if (rows.length === 0) {
      const anchor = this.participants[0] as Participant;
      rows.push(this.makeRow(anchor, ticks, quoteSize(anchor, rng)));
    }
    return rows;
  }

  rebuild(touch: number, rng: Rng): void {
    this.rows = [];
    for (let k = 0; k < this.levels; k++) this.rows.push(...this.levelRows(this.levelTicks(touch, k), k, rng));
  }

  /** Moves the touch: drops rows better than it, fills new levels up to it, keeps `levels` levels in all. */
  moveTouch(touch: number, rng: Rng): void {
    let drop = 0;
    while (drop < this.rows.length && this.isBetter((this.rows[drop] as BookRow).ticks, touch)) drop++;
    if (drop > 0) this.rows.splice(0, drop);
    const best = this.bestTicks();
    if (Number.isNaN(best) || this.isBetter(touch, best)) {
      const gap = Number.isNaN(best) ? this.levels : Math.min(this.levels, Math.abs(touch - best));
      const added: BookRow[] = [];
      for (let k = 0; k < gap; k++) added.push(...this.levelRows(this.levelTicks(touch, k), k, rng));
      this.rows.unshift(...added);
    }
    this.keepLevels(rng);
  }

  private keepLevels(rng: Rng): void {
    let distinct = 0;
    let prev = NaN;
    for (let i = 0; i < this.rows.length; i++) {
      const t = (this.rows[i] as BookRow).ticks;
      if (t !== prev) {
        distinct++;
        prev = t;
        if (distinct > this.levels) {
          this.rows.length = i;
          return;
        }
      }
    }
    for (let k = distinct; k < this.levels; k++) {
      const worst = Number.isNaN(prev) ? NaN : this.levelTicks(prev, 1);
      if (Number.isNaN(worst)) return;
      this.rows.push(...this.levelRows(worst, k, rng));
      prev = worst;
    }
  }

  /** A market maker re-quotes: a size changes, a quote is pulled, or a new one joins. */
  refresh(rng: Rng): void {
    if (this.rows.length === 0) return;
    const roll = rng.uniform();
    const i = rng.int(0, this.rows.length - 1);
    const row = this.rows[i] as BookRow;
    const p = this.participants[row.rank] as Participant;
    if (roll < 0.7) {
      this.rows[i] = this.makeRow(p, row.ticks, quoteSize(p, rng));
    } else if (roll < 0.85) {
      const sharesLevel = (this.rows[i - 1]?.ticks === row.ticks) || (this.rows[i + 1]?.ticks === row.ticks);
      if (sharesLevel) this.rows.splice(i, 1);
    } else {
      this.join(rng.pick(this.participants), row.ticks, rng);
    }
  }

  private join(p: Participant, ticks: number, rng: Rng): void {
    let at = 0;
    while (at < this.rows.length) {
      const r = this.rows[at] as BookRow;
      if (r.ticks === ticks && r.rank === p.rank) return;
      if (this.isBetter(ticks, r.ticks) || (r.ticks === ticks && r.rank > p.rank)) break;
      at++;
    }
    this.rows.splice(at, 0, this.makeRow(p, ticks, quoteSize(p, rng)));
  }

  /**
   * A print against a random row at the touch. The full size prints (hidden and reserve liquidity) and the
   * row shrinks, or goes when it is used up. Returns the price in ticks; lastExchange says where.
   */
  hitTouch(size: number, rng: Rng): number {
    const best = this.bestTicks();
    let n = 1;
    while (n < this.rows.length && (this.rows[n] as BookRow).ticks === best) n++;
    const i = rng.int(0, n - 1);
    const row = this.rows[i] as BookRow;
    this.lastExchange = row.exchange;
    if (row.size > size) this.rows[i] = new BookRow(row.price, row.size - size, row.exchange, row.marketMaker, row.ticks, row.rank);
    else this.rows.splice(i, 1);
    return best;
  }

  /**
   * Takes displayed liquidity best first, as an aggressive order does, up to `limitTicks` when given.
   * Calls onFill per row touched; returns the quantity filled.
   */
  take(quantity: number, limitTicks: number, onFill: (ticks: number, size: number, exchange: string) => void): number {
    let remaining = quantity;
    while (remaining > 0 && this.rows.length > 0) {
      const row = this.rows[0] as BookRow;
      if (!Number.isNaN(limitTicks) && this.isBetter(limitTicks, row.ticks)) break;
      const n = Math.min(remaining, row.size);
      if (n === row.size) this.rows.shift();
      else this.rows[0] = new BookRow(row.price, row.size - n, row.exchange, row.marketMaker, row.ticks, row.rank);
      remaining -= n;
      onFill(row.ticks, n, row.exchange);
    }
    return quantity - remaining;
  }
}
