import type { ChainRefresh, EngineBus } from '../bus/catalogue';
import type { OptionMark, OptionInstrument } from '../execution/positionValuation';
import type { OptionContractQuote } from '../market/optionChain';
import type { Quote } from '../market/quote';

/**
 * Marks option positions from the newest option chain of their underlying (mark and greeks per share) and the
 * underlying's live quote. A chain's contracts are indexed on the first lookup after a refresh, so symbols with no
 * option position cost nothing.
 */
export class OptionChainMarks {
  private readonly chains = new Map<string, ChainRefresh>();
  private readonly indexed = new Map<string, { asOf: number; byKey: Map<string, OptionContractQuote> }>();
  /** Each symbol's quote is the venue's live object: kept once, read at lookup. */
  private readonly quotes = new Map<string, Quote>();
  private readonly offs: Array<() => void> = [];

  constructor(private readonly bus: EngineBus) {}

  start(): void {
    this.offs.push(
      this.bus.subscribe('chainRefreshed', (refresh) => this.chains.set(refresh.symbol, refresh)),
      this.bus.subscribe('quoteChanged', (quote) => {
        if (!this.quotes.has(quote.symbol)) this.quotes.set(quote.symbol, quote);
      }),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  readonly lookup = (option: OptionInstrument): OptionMark | null => {
    const contract = this.contracts(option.symbol)?.get(contractKey(option.expiry, option.strike, option.right));
    if (!contract) return null;
    const mark = contract.mark > 0 ? contract.mark : contract.bid > 0 && contract.ask > 0 ? (contract.bid + contract.ask) / 2 : contract.last;
    if (!(mark > 0)) return null;
    return { mark, delta: contract.delta, gamma: contract.gamma, theta: contract.theta, vega: contract.vega, underlyingPrice: underlyingPrice(this.quotes.get(option.symbol)), bid: contract.bid > 0 ? contract.bid : null, ask: contract.ask > 0 ? contract.ask : null };
  };

  private contracts(symbol: string): Map<string, OptionContractQuote> | null {
    const refresh = this.chains.get(symbol);
    if (!refresh) return null;
    const cached = this.indexed.get(symbol);
    if (cached && cached.asOf === refresh.asOf) return cached.byKey;
    const byKey = new Map(refresh.chain().contracts.map((c) => [contractKey(c.expiry, c.strike, c.type), c] as const));
    this.indexed.set(symbol, { asOf: refresh.asOf, byKey });
    return byKey;
  }
}

function contractKey(expiry: string, strike: number, right: 'call' | 'put'): string {
  return `${expiry}|${strike}|${right}`;
}

function underlyingPrice(quote: Quote | undefined): number | null {
  if (!quote) return null;
  if (quote.bid !== null && quote.ask !== null && quote.bid > 0 && quote.ask > 0) return (quote.bid + quote.ask) / 2;
  return quote.last;
}
