import type { BookLevel, BookSides, DepthView } from '../../../market/book';

export { crossedOrLocked } from '../../../market/book';
import { priceProblem, sizeProblem } from './plausibility';

/** IB's depth operations and sides (MARKET_DEPTH / MARKET_DEPTH_L2). */
export const DEPTH_OPERATION = { insert: 0, update: 1, delete: 2 } as const;
export const DEPTH_SIDE = { ask: 0, bid: 1 } as const;

export interface DepthUpdate {
  position: number;
  operation: number;
  side: number;
  price: number;
  size: number;
  exchange: string;
  marketMaker: string;
}

/**
 * One symbol's consolidated depth, maintained from insert/update/delete by position. Every update is
 * bounds-checked: a position the book does not have is refused with the reason (the caller counts it and
 * re-requests the book), never applied and never thrown. Rows are immutable, so a copy of a side stays as it was.
 */
export class DepthBook implements DepthView {
  readonly bids: BookLevel[] = [];
  readonly asks: BookLevel[] = [];
  /**
   * Each row's JSON text beside the row, made when a book is written (undefined until then): a write joins
   * strings instead of serialising every row again, and a row updated many times between writes is serialised once.
   */
  private readonly bidsJson: Array<string | undefined> = [];
  private readonly asksJson: Array<string | undefined> = [];
  updatedAt = 0;

  constructor(private readonly maxRows: number) {}

  /** Applies one update; returns the problem when it cannot be applied. */
  apply(u: DepthUpdate, now: number): string | null {
    const bid = u.side === DEPTH_SIDE.bid;
    if (!bid && u.side !== DEPTH_SIDE.ask) return `depth side ${u.side} is neither 0 (ask) nor 1 (bid)`;
    if (!Number.isInteger(u.position) || u.position < 0) return `depth position ${u.position} is not a row index`;
    const problem = bid ? this.applyTo(this.bids, this.bidsJson, u) : this.applyTo(this.asks, this.asksJson, u);
    if (problem === null) this.updatedAt = now;
    return problem;
  }

  clear(now: number): void {
    this.bids.length = this.bidsJson.length = 0;
    this.asks.length = this.asksJson.length = 0;
    this.updatedAt = now;
  }

  get size(): number {
    return this.bids.length + this.asks.length;
  }

  /** The JSON text of every row of a side, best first. */
  rowsJson(side: 'bids' | 'asks'): readonly string[] {
    const rows = side === 'bids' ? this.bids : this.asks;
    const texts = side === 'bids' ? this.bidsJson : this.asksJson;
    for (let i = 0; i < rows.length; i++) texts[i] ??= JSON.stringify(rows[i]);
    return texts as string[];
  }

  /** Copies of both sides (shallow: rows are never mutated). */
  snapshot(): BookSides {
    return { bids: this.bids.slice(), asks: this.asks.slice() };
  }

  private applyTo(rows: BookLevel[], texts: Array<string | undefined>, u: DepthUpdate): string | null {
    switch (u.operation) {
      case DEPTH_OPERATION.insert: {
        if (u.position > rows.length) return `depth insert at position ${u.position} but the side has ${rows.length} rows`;
        const level = levelFrom(u);
        if (typeof level === 'string') return level;
        rows.splice(u.position, 0, level);
        texts.splice(u.position, 0, undefined);
        if (rows.length > this.maxRows) rows.length = texts.length = this.maxRows;
        return null;
      }
      case DEPTH_OPERATION.update: {
        if (u.position >= rows.length) return `depth update at position ${u.position} but the side has ${rows.length} rows`;
        const level = levelFrom(u);
        if (typeof level === 'string') return level;
        rows[u.position] = level;
        texts[u.position] = undefined;
        return null;
      }
      case DEPTH_OPERATION.delete:
        if (u.position >= rows.length) return `depth delete at position ${u.position} but the side has ${rows.length} rows`;
        rows.splice(u.position, 1);
        texts.splice(u.position, 1);
        return null;
      default:
        return `depth operation ${u.operation} is not insert (0), update (1) or delete (2)`;
    }
  }
}

function levelFrom(u: DepthUpdate): BookLevel | string {
  const problem = priceProblem(u.price) ?? sizeProblem(u.size);
  if (problem) return `depth row: ${problem}`;
  return { price: u.price, size: u.size, exchange: u.exchange, marketMaker: u.marketMaker };
}
