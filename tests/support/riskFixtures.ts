import { riskSchema, type RiskLimits } from '../../core/config/riskSchema';
import { instrumentKey, type Instrument, type OrderSide } from '../../core/market/order';
import { emptyQuote, type Quote } from '../../core/market/quote';
import { ZERO_GREEKS } from '../../core/execution/positionValuation';
import type { GateFacts, GateOrder, OptionMarket, RecentOrder } from '../../core/risk/orderGate';

/** config.yaml's risk defaults with some keys changed, validated as the engine validates them. */
export function riskLimits(overrides: Partial<RiskLimits> = {}): RiskLimits {
  return riskSchema.parse(overrides);
}

/** Limits no order of an execution test reaches: those tests are about the order path, not risk. */
export function relaxedRiskLimits(): RiskLimits {
  return riskLimits({
    marketCalendar: 'always-open', maxOrderNotional: 1e12, maxOrderShares: 1e9, maxOrderContracts: 1e9, priceBandPercent: 100,
    maxPositionPerSymbol: 1e9, maxOpenOrders: 1e6, maxOrdersPerSecond: 1e6, maxOrdersPerMinute: 1e6, duplicateWindowSeconds: 0,
    maxConcentrationPercent: 1_000, maxDailyLoss: 1e12, maxDrawdown: 1e12, maxStaleDataSeconds: 1e9,
  });
}

export function quoteOf(symbol: string, fields: Partial<Quote>): Quote {
  return { ...emptyQuote(symbol), ...fields };
}

export interface FactsInput {
  positions?: Record<string, number>;
  working?: Record<string, number>;
  venueReady?: boolean;
  reconciled?: boolean;
  quotes?: Quote[];
  options?: Record<string, OptionMarket>;
  openOrders?: number;
  recentOrders?: RecentOrder[];
  dayPnl?: number;
  dayPnlHigh?: number;
  netLiquidation?: number | null;
  greeks?: Partial<GateFacts['greeks']>;
}

/** Gate facts as the order manager would build them; positions and options by instrumentKey, working by "KEY side". */
export function gateFacts(input: FactsInput = {}): GateFacts {
  const quotes = new Map((input.quotes ?? []).map((q) => [q.symbol, q]));
  return {
    venueReady: input.venueReady ?? true,
    reconciled: input.reconciled ?? true,
    exposure: {
      position: (i) => input.positions?.[instrumentKey(i)] ?? 0,
      // `working` lists what works besides the order a modification replaces.
      working: (i, side, replacing) => (input.working?.[`${instrumentKey(i)} ${side}`] ?? 0) + (replacing?.quantity ?? 0),
    },
    market: { quote: (s) => quotes.get(s), option: (i) => input.options?.[instrumentKey(i)] ?? null },
    openOrders: input.openOrders ?? 0,
    recentOrders: input.recentOrders ?? [],
    dayPnl: input.dayPnl ?? 0,
    dayPnlHigh: input.dayPnlHigh ?? Math.max(0, input.dayPnl ?? 0),
    netLiquidation: input.netLiquidation ?? null,
    greeks: { ...ZERO_GREEKS, ...input.greeks },
  };
}

/** One order as the gate sees it: a limit order when a price is given, else a market order. */
export function gateOrder(side: OrderSide, quantity: number, instrument: Instrument, limitPrice: number | null = null, fields: Partial<GateOrder> = {}): GateOrder {
  return { instrument, side, quantity, role: 'single', type: limitPrice === null ? 'MKT' : 'LMT', limitPrice, stopPrice: null, ...fields };
}
