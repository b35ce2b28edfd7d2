import type { MarketFeed, OptionSpec, SymbolSpec } from '../../market/marketFeed';
import type { ContractQuery } from '../requests/requestTypes';
import type { WireContract } from '../protocol/wireTypes';

export type Instrument = { kind: 'stock'; spec: SymbolSpec } | { kind: 'option'; spec: OptionSpec; underlying: SymbolSpec };

export const STOCK_EXCHANGES = ['SMART', 'NASDAQ', 'NYSE', 'ARCA', 'BATS', 'IEX', 'EDGX', 'ISLAND'];
export const OPTION_EXCHANGES = ['SMART', 'CBOE', 'AMEX', 'ISE', 'PHLX', 'BOX', 'MIAX', 'NASDAQOM'];

/** Resolves client contract descriptions against the market's symbols and option chains. */
export class ContractCatalog {
  constructor(private readonly feed: MarketFeed) {}

  /** Every listed instrument matching the (possibly partial) description, e.g. a whole chain for an OPT query. */
  find(q: ContractQuery): Instrument[] {
    if (q.secType === 'OPT') return this.findOptions(q);
    if (q.secType !== 'STK' && q.secType !== '') return [];
    // A conId alone names one contract of any kind, as in TWS (the engine routes a known option by its conId).
    if (q.secType === '' && q.conId > 0 && !this.stockByConId(q.conId)) return this.findOptions(q);
    const stock = this.findStock(q);
    return stock ? [{ kind: 'stock', spec: stock }] : [];
  }

  /** Exactly one instrument, as market data, depth, bars and orders require. */
  resolve(q: ContractQuery): Instrument | undefined {
    const found = this.find(q);
    return found.length === 1 ? found[0] : undefined;
  }

  stockByConId(conId: number): SymbolSpec | undefined {
    return this.feed.symbols().find((s) => s.conId === conId);
  }

  private findStock(q: ContractQuery): SymbolSpec | undefined {
    if (q.conId > 0) return this.stockByConId(q.conId);
    const symbol = (q.symbol || q.localSymbol).toUpperCase();
    return this.feed.symbol(symbol) ?? this.feed.symbols().find((s) => s.symbol === symbol);
  }

  private findOptions(q: ContractQuery): Instrument[] {
    if (q.conId > 0) {
      const quote = this.feed.option(q.conId);
      const und = quote && this.feed.symbol(quote.spec.underlying);
      return quote && und ? [{ kind: 'option', spec: quote.spec, underlying: und }] : [];
    }
    const und = this.feed.symbol(q.symbol.toUpperCase());
    if (!und && q.localSymbol) return this.findByLocalSymbol(q.localSymbol);
    if (!und) return [];
    const right = q.right === 'CALL' ? 'C' : q.right === 'PUT' ? 'P' : q.right;
    const matches: Instrument[] = [];
    for (const oq of this.feed.optionChain(und.symbol)) {
      const s = oq.spec;
      if (q.lastTradeDateOrContractMonth && !s.expiry.startsWith(q.lastTradeDateOrContractMonth)) continue;
      if (q.strike !== undefined && q.strike !== 0 && Math.abs(s.strike - q.strike) > 1e-9) continue;
      if (right && right !== '?' && s.right !== right) continue;
      if (q.tradingClass && s.tradingClass !== q.tradingClass) continue;
      if (q.localSymbol && occLocalSymbol(s) !== q.localSymbol && s.occId !== q.localSymbol) continue;
      matches.push({ kind: 'option', spec: s, underlying: und });
    }
    return matches;
  }

  private findByLocalSymbol(localSymbol: string): Instrument[] {
    for (const und of this.feed.symbols()) {
      const hit = this.feed.optionChain(und.symbol).find((o) => occLocalSymbol(o.spec) === localSymbol || o.spec.occId === localSymbol);
      if (hit) return [{ kind: 'option', spec: hit.spec, underlying: und }];
    }
    return [];
  }
}

/** OCC symbology as TWS shows it in localSymbol: root padded to 6, YYMMDD, C/P, strike × 1000 in 8 digits. */
export function occLocalSymbol(s: OptionSpec): string {
  const strike = String(Math.round(s.strike * 1000)).padStart(8, '0');
  return `${s.underlying.padEnd(6, ' ')}${s.expiry.slice(2)}${s.right}${strike}`;
}

export function wireContract(i: Instrument, exchange = 'SMART'): WireContract {
  if (i.kind === 'stock') {
    const s = i.spec;
    return {
      conId: s.conId,
      symbol: s.symbol,
      secType: 'STK',
      lastTradeDateOrContractMonth: '',
      strike: 0,
      right: '',
      multiplier: '',
      exchange,
      primaryExch: s.primaryExchange,
      currency: s.currency,
      localSymbol: s.symbol,
      tradingClass: tradingClassOfStock(s),
    };
  }
  const o = i.spec;
  return {
    conId: o.conId,
    symbol: o.underlying,
    secType: 'OPT',
    lastTradeDateOrContractMonth: o.expiry,
    strike: o.strike,
    right: o.right,
    multiplier: String(o.multiplier),
    exchange,
    primaryExch: '',
    currency: 'USD',
    localSymbol: occLocalSymbol(o),
    tradingClass: o.tradingClass,
  };
}

/** TWS uses "NMS" as the trading class of NASDAQ/NYSE-listed US stocks and ETFs. */
function tradingClassOfStock(s: SymbolSpec): string {
  return s.primaryExchange === 'ARCA' ? s.symbol : 'NMS';
}

export function symbolOf(i: Instrument): string {
  return i.kind === 'stock' ? i.spec.symbol : i.spec.underlying;
}

export function conIdOf(i: Instrument): number {
  return i.spec.conId;
}
