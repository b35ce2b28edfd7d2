/**
 * Positions as arithmetic: quantity, average cost, realized P&L net of commissions, per stock and option contract.
 *
 * - A fill on the side of the position (or from flat) adds to it at the weighted average price.
 * - A fill against it closes min(fill, |position|) at (price − avgCost) × closed × multiplier (sign of the position);
 *   what is left of the fill opens a new position at its price (a flip through zero).
 * - Every commission, opening or closing, is taken from realized P&L when it is reported (so a freshly opened
 *   position shows its opening commission as realized loss); avgCost is the plain average fill price.
 * - Day realized P&L counts the same since the New York day began (market/newYorkTime).
 */
import { addDays, etDate, etToUtc } from '../market/newYorkTime';
import { instrumentKey, multiplierOf, type Fill, type Instrument, type OrderSide } from '../market/order';

/** One position as the engine keeps it (and stores it): the arithmetic without the marks. */
export interface BookedPosition {
  instrument: Instrument;
  /** Signed: negative is short. Options in contracts. */
  quantity: number;
  /** Per share (options: the premium per share, not × 100). 0 when flat. */
  avgCost: number;
  realizedPnl: number;
  dayRealizedPnl: number;
  /** New York date (YYYY-MM-DD) the day figures belong to. */
  day: string;
  /**
   * Unrealized P&L when the day began (the day's P&L counts from it): 0 for a position opened today, null while
   * the position was held over from an earlier day and no mark has been seen since.
   */
  dayStartUnrealized: number | null;
  updatedAt: number;
}

export function emptyPosition(instrument: Instrument, day: string, at: number): BookedPosition {
  return { instrument, quantity: 0, avgCost: 0, realizedPnl: 0, dayRealizedPnl: 0, day, dayStartUnrealized: 0, updatedAt: at };
}

/** The position after a fill of `quantity` (positive) on `side` at `price`. */
export function afterFill(p: BookedPosition, side: OrderSide, quantity: number, price: number, at: number): BookedPosition {
  const signed = side === 'buy' ? quantity : -quantity;
  const m = multiplierOf(p.instrument);
  if (p.quantity === 0 || Math.sign(signed) === Math.sign(p.quantity)) {
    const held = Math.abs(p.quantity);
    const avgCost = (held * p.avgCost + quantity * price) / (held + quantity);
    return { ...p, quantity: p.quantity + signed, avgCost, updatedAt: at };
  }
  const closed = Math.min(quantity, Math.abs(p.quantity));
  const realized = closed * (price - p.avgCost) * m * Math.sign(p.quantity);
  const quantityAfter = p.quantity + signed;
  const avgCost = quantityAfter === 0 ? 0 : Math.sign(quantityAfter) === Math.sign(p.quantity) ? p.avgCost : price;
  return { ...p, quantity: quantityAfter, avgCost, realizedPnl: p.realizedPnl + realized, dayRealizedPnl: p.dayRealizedPnl + realized, updatedAt: at };
}

export function afterCommission(p: BookedPosition, commission: number, at: number): BookedPosition {
  return { ...p, realizedPnl: p.realizedPnl - commission, dayRealizedPnl: p.dayRealizedPnl - commission, updatedAt: at };
}

/** (mark − avgCost) × quantity × multiplier. */
export function unrealizedAt(p: BookedPosition, mark: number): number {
  return (mark - p.avgCost) * p.quantity * multiplierOf(p.instrument);
}

/** The start of the next New York day after `at` (epoch ms). */
export function nextNewYorkMidnight(at: number): number {
  return etToUtc(addDays(etDate(at), 1), 0);
}

/** Every position by instrument key, the flat ones kept until the day ends (their realized P&L counts today). */
export class PositionBook {
  private readonly entries = new Map<string, BookedPosition>();
  private day: string;
  private dayEndsAt: number;

  constructor(now: number) {
    this.day = etDate(now);
    this.dayEndsAt = nextNewYorkMidnight(now);
  }

  load(positions: readonly BookedPosition[]): void {
    for (const p of positions) this.entries.set(instrumentKey(p.instrument), { ...p });
    this.dayEndsAt = 0; // stored positions may belong to an earlier day: the next rollDay looks at each
  }

  get(key: string): BookedPosition | undefined {
    return this.entries.get(key);
  }

  all(): BookedPosition[] {
    return [...this.entries.values()];
  }

  open(): BookedPosition[] {
    return this.all().filter((p) => p.quantity !== 0);
  }

  applyFill(fill: Pick<Fill, 'instrument' | 'side' | 'quantity' | 'price'>, at: number): BookedPosition {
    return this.set(afterFill(this.entry(fill.instrument, at), fill.side, fill.quantity, fill.price, at));
  }

  applyCommission(instrument: Instrument, commission: number, at: number): BookedPosition {
    return this.set(afterCommission(this.entry(instrument, at), commission, at));
  }

  /** Takes the venue's word for a position (reconciliation); realized P&L stays as the engine counted it. */
  adopt(instrument: Instrument, quantity: number, avgCost: number, at: number): BookedPosition {
    const p = this.entry(instrument, at);
    return this.set({ ...p, quantity, avgCost: quantity === 0 ? 0 : avgCost, updatedAt: at });
  }

  /** The day's start value of a held-over position, once its first mark of the day is known. */
  setDayStart(key: string, unrealized: number): void {
    const p = this.entries.get(key);
    if (p && p.dayStartUnrealized === null) p.dayStartUnrealized = unrealized;
  }

  /**
   * At the New York day change: day realized P&L back to 0, flat positions forgotten, and each held position's
   * unrealized P&L (by `unrealized`, null when no mark is known) becomes the base of the new day's P&L. True when
   * the day changed.
   */
  rollDay(now: number, unrealized: (p: BookedPosition) => number | null): boolean {
    if (now < this.dayEndsAt) return false;
    const today = etDate(now);
    const rolled = today !== this.day || this.all().some((p) => p.day !== today);
    this.day = today;
    this.dayEndsAt = nextNewYorkMidnight(now);
    for (const [key, p] of this.entries) {
      if (p.day === today) continue;
      if (p.quantity === 0) {
        this.entries.delete(key);
        continue;
      }
      this.entries.set(key, { ...p, day: today, dayRealizedPnl: 0, dayStartUnrealized: unrealized(p), updatedAt: now });
    }
    return rolled;
  }

  private entry(instrument: Instrument, at: number): BookedPosition {
    return this.entries.get(instrumentKey(instrument)) ?? emptyPosition(instrument, this.day, at);
  }

  private set(p: BookedPosition): BookedPosition {
    this.entries.set(instrumentKey(p.instrument), p);
    return p;
  }
}
