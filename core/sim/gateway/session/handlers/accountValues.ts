import type { Portfolio } from '../../orders/portfolio';
import { round } from '../../orders/portfolio';

export interface AccountValue {
  tag: string;
  value: string;
  currency: string;
}

/**
 * The account-summary tags TWS reports for a margin account, computed from the simulated portfolio (margin:
 * orders/margin.ts). Equity with loan value is taken as the net liquidation value; buying power is four times the
 * available funds (a pattern-day-trader margin account's intraday buying power).
 */
export function accountValues(p: Portfolio): AccountValue[] {
  const netLiq = round(p.netLiquidation(), 2);
  const gross = round(p.grossPositionValue(), 2);
  const margin = p.margin();
  const initMargin = round(margin.initial, 2);
  const maintMargin = round(margin.maintenance, 2);
  const available = round(netLiq - initMargin, 2);
  const excess = round(netLiq - maintMargin, 2);
  const usd = (tag: string, n: number): AccountValue => ({ tag, value: n.toFixed(2), currency: 'USD' });
  return [
    { tag: 'AccountType', value: 'INDIVIDUAL', currency: '' },
    usd('NetLiquidation', netLiq),
    usd('TotalCashValue', round(p.cash, 2)),
    usd('SettledCash', round(p.cash, 2)),
    usd('AccruedCash', 0),
    usd('BuyingPower', round(Math.max(0, available) * 4, 2)),
    usd('EquityWithLoanValue', netLiq),
    usd('GrossPositionValue', gross),
    usd('InitMarginReq', initMargin),
    usd('MaintMarginReq', maintMargin),
    usd('FullInitMarginReq', initMargin),
    usd('FullMaintMarginReq', maintMargin),
    usd('AvailableFunds', available),
    usd('FullAvailableFunds', available),
    usd('ExcessLiquidity', excess),
    usd('FullExcessLiquidity', excess),
    { tag: 'Cushion', value: netLiq > 0 ? (excess / netLiq).toFixed(4) : '0', currency: '' },
    usd('RealizedPnL', round(p.realizedPnl, 2)),
    usd('UnrealizedPnL', round(p.unrealizedPnl(), 2)),
  ];
}

/** "All" or "$LEDGER" style tag lists select everything; otherwise the named tags. */
export function selectTags(values: AccountValue[], tags: string): AccountValue[] {
  const wanted = tags.split(',').map((t) => t.trim()).filter(Boolean);
  if (wanted.length === 0 || wanted.some((t) => t === 'All' || t.startsWith('$LEDGER'))) return values;
  return values.filter((v) => wanted.includes(v.tag));
}
