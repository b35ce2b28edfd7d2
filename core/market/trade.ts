/** Which side took liquidity, inferred from the quote at the time of the print. */
export type Aggressor = 'buy' | 'sell' | 'unknown';

/** One trade print (RTVolume). ts is the exchange time, receivedAt the engine's clock. */
export interface Trade {
  symbol: string;
  price: number;
  size: number;
  ts: number;
  receivedAt: number;
  /** Cumulative day volume and VWAP after this print. */
  totalVolume: number;
  vwap: number;
  aggressor: Aggressor;
}
