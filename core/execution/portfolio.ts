import type { EngineBus } from '../bus/catalogue';
import { instrumentKey, type Fill, type Instrument, type Position } from '../market/order';
import type { Quote } from '../market/quote';
import { moduleLogger } from '../runtime/logger';
import type { ExecutionStore } from './executionStore';
import { PositionBook, unrealizedAt, type BookedPosition } from './positionBook';
import { accountSnapshot, optionMark, stockMark, valuePosition, type Mark, type OptionMarks, type ValuedPosition } from './positionValuation';

const log = moduleLogger('portfolio');

export interface PortfolioDeps {
  bus: EngineBus;
  store: ExecutionStore;
  optionMarks: OptionMarks;
  clock: () => number;
}

/**
 * Positions at their marks and the account: the book (fills, commissions, the venue's word at reconciliation),
 * stocks marked from quoteChanged, options from the app's OptionMarks (re-read when their chain is refreshed or
 * their underlying moves). Publishes positionsChanged (the open positions) and accountChanged when anything of
 * them changes; a quote of a symbol it holds nothing in costs one Set lookup and publishes nothing.
 */
export class Portfolio {
  private readonly book: PositionBook;
  /** The venue's quotes (live objects) by symbol. */
  private readonly quotes = new Map<string, Quote>();
  private readonly valued = new Map<string, ValuedPosition>();
  /** Underlying symbols of the open positions. */
  private held = new Set<string>();
  private accountFields: Readonly<Record<string, string>> = {};
  private readonly unsubscribes: Array<() => void> = [];

  constructor(private readonly deps: PortfolioDeps) {
    this.book = new PositionBook(deps.clock());
  }

  load(positions: readonly BookedPosition[]): void {
    this.book.load(positions);
    this.rollDay();
    this.revalue(null);
  }

  start(): void {
    const { bus } = this.deps;
    this.unsubscribes.push(
      bus.subscribe('quoteChanged', (quote) => {
        this.quotes.set(quote.symbol, quote);
        if (this.held.has(quote.symbol)) this.revalueAndPublish(quote.symbol);
      }),
      bus.subscribe('chainRefreshed', ({ symbol }) => {
        if (this.held.has(symbol)) this.revalueAndPublish(symbol);
      }),
      bus.subscribe('venueAccountChanged', ({ fields }) => {
        this.accountFields = { ...fields };
        this.publishAccount();
      }),
    );
    this.publish();
  }

  stop(): void {
    for (const off of this.unsubscribes.splice(0)) off();
  }

  /** Signed quantity held; 0 when flat or unknown. */
  quantity(instrument: Instrument): number {
    return this.book.get(instrumentKey(instrument))?.quantity ?? 0;
  }

  booked(key: string): BookedPosition | undefined {
    return this.book.get(key);
  }

  open(): BookedPosition[] {
    return this.book.open();
  }

  positions(): Position[] {
    return [...this.valued.values()].filter((v) => v.booked.quantity !== 0).map((v) => v.position);
  }

  applyFill(fill: Fill): void {
    this.rollDay();
    this.book.applyFill(fill, this.deps.clock());
    this.changed(fill.instrument);
  }

  applyCommission(instrument: Instrument, commission: number): void {
    this.rollDay();
    this.book.applyCommission(instrument, commission, this.deps.clock());
    this.changed(instrument);
  }

  /** The venue's quantity and average cost replace the book's (reconciliation). */
  adopt(instrument: Instrument, quantity: number, avgCost: number): void {
    this.rollDay();
    this.book.adopt(instrument, quantity, avgCost, this.deps.clock());
    this.changed(instrument);
  }

  private changed(instrument: Instrument): void {
    this.deps.store.savePositions(this.book.all());
    this.revalue(instrument.symbol);
    this.publish();
  }

  private revalueAndPublish(symbol: string): void {
    const before = this.marksOf(symbol);
    if (this.rollDay()) this.revalue(null);
    else this.revalue(symbol);
    if (this.marksOf(symbol) !== before) this.publish();
  }

  /** A fingerprint of the symbol's valuations, to publish only when a mark or greek moved. */
  private marksOf(symbol: string): string {
    let text = '';
    for (const { booked, position } of this.valued.values()) {
      if (booked.instrument.symbol === symbol) text += `${position.marketPrice}|${position.greeks?.deltaDollars}|${position.greeks?.vegaDollars};`;
    }
    return text;
  }

  /** Values the positions of one symbol (null: all), from the book as it is now. */
  private revalue(symbol: string | null): void {
    for (const key of this.valued.keys()) if (!this.book.get(key)) this.valued.delete(key);
    let dayStartsSet = false;
    for (const booked of this.book.all()) {
      if (symbol !== null && booked.instrument.symbol !== symbol) continue;
      const position = valuePosition(booked, this.markOf(booked.instrument));
      const key = instrumentKey(booked.instrument);
      if (booked.dayStartUnrealized === null && booked.quantity !== 0 && position.unrealizedPnl !== null) {
        this.book.setDayStart(key, position.unrealizedPnl);
        dayStartsSet = true;
      }
      this.valued.set(key, { booked: this.book.get(key)!, position });
    }
    if (dayStartsSet) this.deps.store.savePositions(this.book.all());
    this.held = new Set(this.book.open().map((p) => p.instrument.symbol));
  }

  private markOf(instrument: Instrument): Mark | null {
    const underlying = stockMark(this.quotes.get(instrument.symbol));
    if (instrument.kind === 'stock') return underlying;
    try {
      return optionMark(this.deps.optionMarks(instrument), underlying);
    } catch (error) {
      log.warn({ err: error, instrument: instrumentKey(instrument) }, 'option mark unavailable');
      return null;
    }
  }

  /** At the New York day change: the day's figures start again (see PositionBook.rollDay). */
  private rollDay(): boolean {
    const rolled = this.book.rollDay(this.deps.clock(), (p) => {
      const price = this.valued.get(instrumentKey(p.instrument))?.position.marketPrice ?? null;
      return price === null ? null : unrealizedAt(p, price);
    });
    if (rolled) this.deps.store.savePositions(this.book.all());
    return rolled;
  }

  private publish(): void {
    this.deps.bus.publish('positionsChanged', this.positions());
    this.publishAccount();
  }

  private publishAccount(): void {
    const account = accountSnapshot(this.accountFields, [...this.valued.values()], this.deps.clock());
    this.deps.store.saveAccount(account);
    this.deps.bus.publish('accountChanged', account);
  }
}
