/** Top of book and session figures for one symbol, as the IBKR ticker reports them. Times are epoch ms UTC. */
export interface Quote {
  symbol: string;
  bid: number | null;
  bidSize: number | null;
  ask: number | null;
  askSize: number | null;
  last: number | null;
  lastSize: number | null;
  /** Cumulative day volume in shares. */
  volume: number | null;
  /** The previous session's close (TWS tick 9): what the day's change is measured against. */
  close: number | null;
  halted: boolean;
  /** When the engine last changed this quote. */
  ts: number;
}

export function emptyQuote(symbol: string): Quote {
  return { symbol, bid: null, bidSize: null, ask: null, askSize: null, last: null, lastSize: null, volume: null, close: null, halted: false, ts: 0 };
}

/** ask − bid, or null while either side is missing. */
export function quoteSpread(q: Quote): number | null {
  return q.bid !== null && q.ask !== null ? q.ask - q.bid : null;
}

/** last − previous close, or null while either is missing. */
export function quoteChange(q: Pick<Quote, 'last' | 'close'>): number | null {
  return q.last !== null && q.close !== null ? q.last - q.close : null;
}
