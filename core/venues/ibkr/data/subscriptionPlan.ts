/**
 * What the ingestion subscribes to, from the configured symbols: every symbol gets a ticker (top of book,
 * sizes, last, volume, halted) and 5-second bars; RTVolume prints (generic tick 233) ride on the ticker for
 * standard symbols and on a separate trade ticker for Level 2 symbols, which also get one SMART depth request.
 */
export type SubscriptionKind = 'ticker' | 'trades' | 'depth' | 'bars';

export interface SubscriptionSpec {
  /** Stable name, e.g. "SPY:depth". */
  id: string;
  symbol: string;
  kind: SubscriptionKind;
  /** reqMktData generic tick list (ticker and trades lines). */
  genericTicks: string;
  /** Whether tick 48 (RTVolume) on this line is the symbol's source of prints. */
  printsFromRtVolume: boolean;
}

export interface PlannedSymbol {
  symbol: string;
  dataClass: 'level2' | 'standard';
}

export const RT_VOLUME_TICKS = '233';

export function subscriptionPlan(symbols: readonly PlannedSymbol[]): SubscriptionSpec[] {
  const plan: SubscriptionSpec[] = [];
  const add = (symbol: string, kind: SubscriptionKind, genericTicks = '', printsFromRtVolume = false) =>
    plan.push({ id: `${symbol}:${kind}`, symbol, kind, genericTicks, printsFromRtVolume });
  for (const { symbol, dataClass } of symbols) {
    if (dataClass === 'level2') {
      add(symbol, 'ticker');
      add(symbol, 'trades', RT_VOLUME_TICKS, true);
      add(symbol, 'depth');
    } else {
      add(symbol, 'ticker', RT_VOLUME_TICKS, true);
    }
    add(symbol, 'bars');
  }
  return plan;
}
