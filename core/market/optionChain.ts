/** Option chains with greeks, as Alpha Vantage's REALTIME_OPTIONS reports them (times epoch ms UTC). */

export interface OptionContractQuote {
  contractId: string;
  expiry: string; // YYYY-MM-DD
  strike: number;
  type: 'call' | 'put';
  bid: number;
  bidSize: number;
  ask: number;
  askSize: number;
  last: number;
  mark: number;
  volume: number;
  openInterest: number;
  iv: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

/** `options:{symbol}:chain` */
export interface OptionChainSnapshot {
  symbol: string;
  /** When the chain was fetched. */
  asOf: number;
  /** The quote date AV gave (YYYY-MM-DD), null when absent. */
  quoteDate: string | null;
  contracts: OptionContractQuote[];
  /** Contracts refused by validation (missing or impossible fields). */
  skipped: number;
  /** 'previous': the previous session's chain (HISTORICAL_OPTIONS), shown because the plan lacks realtime options. */
  session?: 'realtime' | 'previous';
}

export interface ContractGreeks {
  contractId: string;
  iv: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
  openInterest: number;
  volume: number;
}

/** `options:{symbol}:greeks`: expiries → strike (canonical text, "450" or "452.5") → call/put. */
export interface GreeksByStrike {
  symbol: string;
  asOf: number;
  expiries: Record<string, Record<string, { call?: ContractGreeks; put?: ContractGreeks }>>;
}
