import type { MarketFeed } from '../../market/marketFeed';
import type { ContractDetailsView, SecDefRow } from '../protocol/wireTypes';
import { OPTION_EXCHANGES, STOCK_EXCHANGES, type Instrument, wireContract } from './catalog';

const STOCK_ORDER_TYPES = 'ACTIVETIM,AD,ADJUST,ALERT,ALLOC,DAY,GTC,IOC,LMT,LOC,MKT,MOC,STP,STPLMT,TRAIL';
const OPTION_ORDER_TYPES = 'ACTIVETIM,AD,ALERT,ALLOC,DAY,GTC,IOC,LMT,MKT,STP,STPLMT';

/** "20250102:0930-20250102:1600;..." for the market's current day and the next (RTH only). */
function sessionHours(epochMs: number, open: string, close: string): string {
  const days = [0, 1].map((d) => new Date(epochMs + d * 86_400_000).toISOString().slice(0, 10).replaceAll('-', ''));
  return days.map((d) => `${d}:${open}-${d}:${close}`).join(';');
}

export function contractDetailsOf(i: Instrument, feed: MarketFeed): ContractDetailsView {
  const now = feed.now();
  const base = {
    contract: wireContract(i),
    minTick: i.kind === 'stock' ? i.spec.minTick : 0.01,
    timeZoneId: 'US/Eastern',
    tradingHours: sessionHours(now, '0400', '2000'),
    liquidHours: sessionHours(now, '0930', '1600'),
    marketRuleIds: '26',
    industry: '',
    category: '',
    subcategory: '',
  };
  if (i.kind === 'stock') {
    const s = i.spec;
    return {
      ...base,
      marketName: wireContract(i).tradingClass,
      orderTypes: STOCK_ORDER_TYPES,
      validExchanges: STOCK_EXCHANGES.join(','),
      underConId: 0,
      longName: s.longName,
      contractMonth: '',
      industry: s.isEtf ? '' : 'Technology',
      category: s.isEtf ? '' : 'Computers',
      underSymbol: '',
      underSecType: '',
      realExpirationDate: '',
      stockType: s.isEtf ? 'ETF' : 'COMMON',
      lastTradeDate: '',
    };
  }
  const o = i.spec;
  return {
    ...base,
    marketName: o.tradingClass,
    orderTypes: OPTION_ORDER_TYPES,
    validExchanges: OPTION_EXCHANGES.join(','),
    underConId: i.underlying.conId,
    longName: i.underlying.longName,
    contractMonth: o.expiry.slice(0, 6),
    underSymbol: o.underlying,
    underSecType: 'STK',
    realExpirationDate: o.expiry,
    stockType: '',
    lastTradeDate: o.expiry,
  };
}

/** One row per exchange × trading class, as TWS answers reqSecDefOptParams. */
export function secDefRows(feed: MarketFeed, underlying: string): SecDefRow[] {
  const und = feed.symbol(underlying);
  if (!und) return [];
  const byClass = new Map<string, { multiplier: number; expirations: Set<string>; strikes: Set<number> }>();
  for (const q of feed.optionChain(und.symbol)) {
    const s = q.spec;
    let entry = byClass.get(s.tradingClass);
    if (!entry) byClass.set(s.tradingClass, (entry = { multiplier: s.multiplier, expirations: new Set(), strikes: new Set() }));
    entry.expirations.add(s.expiry);
    entry.strikes.add(s.strike);
  }
  const rows: SecDefRow[] = [];
  for (const exchange of OPTION_EXCHANGES) {
    for (const [tradingClass, e] of [...byClass.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      rows.push({
        exchange,
        underlyingConId: und.conId,
        tradingClass,
        multiplier: String(e.multiplier),
        expirations: [...e.expirations].sort(),
        strikes: [...e.strikes].sort((a, b) => a - b),
      });
    }
  }
  return rows;
}
