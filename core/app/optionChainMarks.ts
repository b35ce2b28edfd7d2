import type { ChainRefresh, EngineBus } from '../bus/catalogue';
import type { OptionMark, OptionInstrument } from '../execution/positionValuation';
import type { OptionChainSnapshot, OptionContractQuote } from '../market/optionChain';
import type { Quote } from '../market/quote';
import { fillChainGreeks } from '../analytics/ownGreeks';
import { moduleLogger } from '../runtime/logger';

const pauseTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const log = moduleLogger('optionChainMarks');

interface ChainIndex {
  asOf: number;
  byKey: Map<string, OptionContractQuote>;
}

/**
 * Marks option positions from the newest option chain of their underlying (mark, bid/ask and greeks per share) and
 * the underlying's live quote. A chain is read back (ChainRefresh.load, off the engine's thread) only for symbols
 * someone asked a mark of, and again at each of their refreshes; until it has arrived the lookup answers the previous
 * chain's mark, or null (the position is then shown unmarked, and re-marked at the next quote of its underlying).
 */
export class OptionChainMarks {
  private readonly chains = new Map<string, ChainRefresh>();
  private readonly indexed = new Map<string, ChainIndex>();
  /** Symbols whose marks were asked for: their chains are read back at every refresh. */
  private readonly wanted = new Set<string>();
  /** The refresh (asOf) being read back, or whose read failed (not tried again until the next refresh). */
  private readonly tried = new Map<string, number>();
  /** Each symbol's quote is the venue's live object: kept once, read at lookup. */
  private readonly quotes = new Map<string, Quote>();
  private readonly offs: Array<() => void> = [];

  /** `rate`: the risk-free rate our own greeks use for contracts the vendor sent without. */
  constructor(private readonly bus: EngineBus, private readonly rate: number) {}

  start(): void {
    this.offs.push(
      this.bus.subscribe('chainRefreshed', (refresh) => {
        this.chains.set(refresh.symbol, refresh);
        if (this.wanted.has(refresh.symbol)) this.load(refresh);
      }),
      this.bus.subscribe('quoteChanged', (quote) => {
        if (!this.quotes.has(quote.symbol)) this.quotes.set(quote.symbol, quote);
      }),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  readonly lookup = (option: OptionInstrument): OptionMark | null => {
    const contract = this.index(option.symbol)?.byKey.get(contractKey(option.expiry, option.strike, option.right));
    if (!contract) return null;
    const mark = contract.mark > 0 ? contract.mark : contract.bid > 0 && contract.ask > 0 ? (contract.bid + contract.ask) / 2 : contract.last;
    if (!(mark > 0)) return null;
    return {
      mark, delta: contract.delta, gamma: contract.gamma, theta: contract.theta, vega: contract.vega,
      underlyingPrice: underlyingPrice(this.quotes.get(option.symbol)), bid: contract.bid > 0 ? contract.bid : null, ask: contract.ask > 0 ? contract.ask : null,
    };
  };

  private index(symbol: string): ChainIndex | undefined {
    this.wanted.add(symbol);
    const refresh = this.chains.get(symbol);
    const cached = this.indexed.get(symbol);
    if (refresh && cached?.asOf !== refresh.asOf) this.load(refresh);
    return cached;
  }

  private load(refresh: ChainRefresh): void {
    const { symbol, asOf } = refresh;
    if (this.tried.get(symbol) === asOf) return;
    this.tried.set(symbol, asOf);
    refresh.load().then(async (chain) => {
      if (!chain) return;
      // A contract the vendor sent without greeks gets ours: a delta of 0 would hide it from the exposure checks.
      const { chain: filled } = await fillChainGreeks(chain, chain.asOf, this.rate, pauseTurn);
      if (asOf >= (this.indexed.get(symbol)?.asOf ?? 0)) this.indexed.set(symbol, { asOf, byKey: indexOf(filled) });
    }).then(
      () => undefined,
      (error: unknown) => log.warn({ err: error, symbol }, 'the option chain for marking positions could not be read back; trying again at its next refresh'),
    );
  }
}

function indexOf(chain: OptionChainSnapshot): Map<string, OptionContractQuote> {
  return new Map(chain.contracts.map((c) => [contractKey(c.expiry, c.strike, c.type), c] as const));
}

function contractKey(expiry: string, strike: number, right: 'call' | 'put'): string {
  return `${expiry}|${strike}|${right}`;
}

function underlyingPrice(quote: Quote | undefined): number | null {
  if (!quote) return null;
  if (quote.bid !== null && quote.ask !== null && quote.bid > 0 && quote.ask > 0) return (quote.bid + quote.ask) / 2;
  return quote.last;
}
