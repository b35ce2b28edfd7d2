import type { SimDepthBook, DepthRow } from '../../market/marketFeed';
import { WIRE_DEPTH_OP, WIRE_DEPTH_SIDE, encodeMarketDepthL2 } from '../encoders/depthEncoders';
import type { MarketDataSink } from './marketDataSink';

interface SentRow {
  price: number;
  size: number;
  maker: string;
}

/** Client exchange names → the exchange codes the market uses in DepthRow.exchange. */
const EXCHANGE_ALIASES: Record<string, string> = { ISLAND: 'NSDQ', NASDAQ: 'NSDQ', BATS: 'BATS', BYX: 'BATS' };

/**
 * One reqMktDepth subscription. SMART depth shows each exchange's quote with the exchange code as market maker;
 * single-exchange depth shows that exchange's market makers. Updates are well-formed: positions stay contiguous,
 * inserts never skip a position, and the book never grows beyond the requested rows.
 */
export class DepthStream {
  private readonly sent: Record<'bids' | 'asks', SentRow[]> = { bids: [], asks: [] };
  private readonly exchange: string | undefined;

  constructor(
    private readonly sink: MarketDataSink,
    readonly tickerId: number,
    readonly symbol: string,
    private readonly rows: number,
    readonly isSmartDepth: boolean,
    exchange: string,
  ) {
    const ex = exchange.toUpperCase();
    this.exchange = isSmartDepth || ex === 'SMART' || ex === '' ? undefined : (EXCHANGE_ALIASES[ex] ?? ex);
  }

  update(book: SimDepthBook): void {
    this.side('bids', WIRE_DEPTH_SIDE.BID, this.view(book.bids));
    this.side('asks', WIRE_DEPTH_SIDE.ASK, this.view(book.asks));
  }

  /** After a 317 reset the client has emptied its book: everything is sent again as inserts. */
  resend(book: SimDepthBook | undefined): void {
    this.sent.bids = [];
    this.sent.asks = [];
    if (book) this.update(book);
  }

  /** SMART depth: one row per exchange and price (sizes summed); single exchange: one row per market maker. */
  private view(rows: DepthRow[]): SentRow[] {
    const out: SentRow[] = [];
    const byPlace = new Map<string, SentRow>();
    for (const r of rows) {
      if (this.exchange !== undefined && r.exchange !== this.exchange) continue;
      const maker = this.exchange === undefined ? r.exchange : r.marketMaker;
      const place = `${r.price}|${maker}`;
      const seen = byPlace.get(place);
      if (seen) {
        seen.size += r.size;
        continue;
      }
      if (out.length === this.rows) break;
      const row = { price: r.price, size: r.size, maker };
      byPlace.set(place, row);
      out.push(row);
    }
    return out;
  }

  private side(key: 'bids' | 'asks', side: number, next: SentRow[]): void {
    const prev = this.sent[key];
    const shift = detectShift(prev, next);
    if (shift?.kind === 'insert') {
      if (prev.length === this.rows) this.emit(prev.length - 1, WIRE_DEPTH_OP.DELETE, side, prev[prev.length - 1]!);
      this.emit(shift.at, WIRE_DEPTH_OP.INSERT, side, next[shift.at]!);
    } else if (shift?.kind === 'delete') {
      this.emit(shift.at, WIRE_DEPTH_OP.DELETE, side, prev[shift.at]!);
    }
    const base = shift ? applyShift(prev, shift, next, this.rows) : prev;
    for (let i = 0; i < Math.min(base.length, next.length); i++) {
      if (!same(base[i]!, next[i]!)) this.emit(i, WIRE_DEPTH_OP.UPDATE, side, next[i]!);
    }
    for (let i = base.length; i < next.length; i++) this.emit(i, WIRE_DEPTH_OP.INSERT, side, next[i]!);
    for (let i = base.length - 1; i >= next.length; i--) this.emit(i, WIRE_DEPTH_OP.DELETE, side, base[i]!);
    this.sent[key] = next;
  }

  private emit(position: number, op: number, side: number, r: SentRow): void {
    const w = this.sink.mdWriter();
    if (!w) return;
    encodeMarketDepthL2(w, this.tickerId, position, r.maker, op, side, r.price, r.size, this.isSmartDepth);
    this.sink.mdDone();
  }
}

type Shift = { kind: 'insert'; at: number } | { kind: 'delete'; at: number };

function same(a: SentRow, b: SentRow): boolean {
  return a.price === b.price && a.size === b.size && a.maker === b.maker;
}

function samePlace(a: SentRow | undefined, b: SentRow | undefined): boolean {
  return !!a && !!b && a.price === b.price && a.maker === b.maker;
}

/** A new level appeared inside the book (insert) or one vanished (delete): the rows after it moved by one. */
function detectShift(prev: SentRow[], next: SentRow[]): Shift | undefined {
  let i = 0;
  while (i < prev.length && i < next.length && samePlace(prev[i], next[i])) i++;
  if (i >= prev.length || i >= next.length) return undefined;
  if (samePlace(prev[i], next[i + 1])) return { kind: 'insert', at: i };
  if (samePlace(prev[i + 1], next[i])) return { kind: 'delete', at: i };
  return undefined;
}

/** What the client's book looks like after the shift was sent (for the update pass that follows). */
function applyShift(prev: SentRow[], shift: Shift, next: SentRow[], rows: number): SentRow[] {
  const copy = prev.slice();
  if (shift.kind === 'insert') {
    if (copy.length === rows) copy.pop();
    copy.splice(shift.at, 0, next[shift.at]!);
  } else {
    copy.splice(shift.at, 1);
  }
  return copy;
}
