import { sessionDate } from '../../market/expiries';
import type { SimBar, SimDepthBook, MarketFeed, SimQuote, TradePrint } from '../../market/marketFeed';
import type { DepthStream } from './depthStream';
import type { OptionTicker } from './optionTicker';
import type { StockTicker } from './stockTicker';

export interface BarListener {
  symbol: string;
  onBar(bar: SimBar): void;
}

/** Options are re-priced on underlying quotes, at most this often on the market clock. */
const OPTION_REFRESH_MS = 250;

function addTo<T>(map: Map<string, Set<T>>, key: string, item: T): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(item);
}

function removeFrom<T>(map: Map<string, Set<T>>, key: string, item: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(item);
  if (set.size === 0) map.delete(key);
}

/** Listens to the market once and fans each event out to the subscriptions on that symbol. */
export class MarketDataHub {
  private readonly stocks = new Map<string, Set<StockTicker>>();
  private readonly options = new Map<string, Set<OptionTicker>>();
  private readonly depth = new Map<string, Set<DepthStream>>();
  private readonly bars = new Map<string, Set<BarListener>>();
  private readonly optionRefreshedAt = new Map<string, number>();
  /** The session each symbol's latest bar belongs to: a new one means a new previous close (tick 9). */
  private readonly barSessions = new Map<string, string>();
  private readonly detach: Array<() => void> = [];

  constructor(
    private readonly feed: MarketFeed,
    /** Every quote and trade, in order (the order engine works its orders on them). */
    private readonly onSymbolActivity: (symbol: string, trade?: TradePrint) => void,
  ) {
    this.listen('quote', (q: SimQuote) => this.onQuote(q));
    this.listen('trade', (t: TradePrint) => this.onTrade(t));
    this.listen('depth', (b: SimDepthBook) => this.onDepth(b));
    this.listen('bar', (b: SimBar) => this.onBar(b));
  }

  addStock(t: StockTicker): void { addTo(this.stocks, t.symbol, t); }
  removeStock(t: StockTicker): void { removeFrom(this.stocks, t.symbol, t); }
  addOption(t: OptionTicker): void { addTo(this.options, t.underlying, t); }
  removeOption(t: OptionTicker): void { removeFrom(this.options, t.underlying, t); }
  addDepth(d: DepthStream): void { addTo(this.depth, d.symbol, d); }
  removeDepth(d: DepthStream): void { removeFrom(this.depth, d.symbol, d); }
  addBars(l: BarListener): void { addTo(this.bars, l.symbol, l); }
  removeBars(l: BarListener): void { removeFrom(this.bars, l.symbol, l); }

  close(): void {
    for (const d of this.detach) d();
  }

  private listen<K extends 'quote' | 'trade' | 'depth' | 'bar'>(event: K, fn: (arg: never) => void): void {
    const listener = fn as (...args: unknown[]) => void;
    this.feed.on(event, listener);
    this.detach.push(() => this.feed.off(event, listener));
  }

  private onQuote(q: SimQuote): void {
    const tickers = this.stocks.get(q.symbol);
    if (tickers) for (const t of tickers) t.onQuote(q);
    this.refreshOptions(q.symbol, q.ts);
    this.onSymbolActivity(q.symbol);
  }

  private onTrade(t: TradePrint): void {
    const tickers = this.stocks.get(t.symbol);
    if (tickers) for (const s of tickers) s.onTrade(t);
    this.onSymbolActivity(t.symbol, t);
  }

  private onDepth(b: SimDepthBook): void {
    const streams = this.depth.get(b.symbol);
    if (streams) for (const d of streams) d.update(b);
  }

  private onBar(b: SimBar): void {
    const listeners = this.bars.get(b.symbol);
    if (listeners) for (const l of listeners) l.onBar(b);
    this.announceNewSession(b);
  }

  private announceNewSession(b: SimBar): void {
    if (!this.feed.previousClose) return;
    const session = sessionDate(b.time * 1000);
    const known = this.barSessions.get(b.symbol);
    this.barSessions.set(b.symbol, session);
    if (known === undefined || known === session) return;
    const close = this.feed.previousClose(b.symbol);
    const tickers = this.stocks.get(b.symbol);
    if (close !== undefined && tickers) for (const t of tickers) t.onPreviousClose(close);
  }

  private refreshOptions(underlying: string, ts: number): void {
    const tickers = this.options.get(underlying);
    if (!tickers) return;
    const last = this.optionRefreshedAt.get(underlying) ?? -Infinity;
    if (ts - last < OPTION_REFRESH_MS) return;
    this.optionRefreshedAt.set(underlying, ts);
    for (const t of tickers) t.update(this.feed.option(t.conId));
  }
}
