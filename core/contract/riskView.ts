/**
 * What the Risk panel shows and may change: the `risk`, `riskDenials` and `flatten` streams, and the inputs of
 * `setRiskLimit` and `flattenAll`. Browser-safe (the renderer imports it).
 */
import { z } from 'zod';
import type { DenialCode, OrderSource } from '../market/order';

/**
 * The limits of config.yaml `risk:` a trader may change at runtime from the cockpit. Tick sizes, the calendar and
 * the approval mode are not limits: they change in config.yaml only.
 */
export const runtimeRiskLimitNames = [
  'maxOrderNotional',
  'maxOrderShares',
  'maxOrderContracts',
  'priceBandPercent',
  'maxPercentOfDayVolume',
  'maxPositionPerSymbol',
  'maxOpenOrders',
  'maxOrdersPerSecond',
  'maxOrdersPerMinute',
  'duplicateWindowSeconds',
  'maxConcentrationPercent',
  'sameDayExpiryCutoffMinutes',
  'maxDeltaDollars',
  'maxGammaDollars',
  'maxVegaDollars',
  'maxDailyLoss',
  'maxDrawdown',
  'maxStaleDataSeconds',
  'maxConsecutiveRejections',
] as const;
export type RuntimeRiskLimitName = (typeof runtimeRiskLimitNames)[number];

/**
 * A change of one limit. Null turns an optional limit off (the loosest value). Every change needs `confirmed: true`
 * (the cockpit asks the trader) and is audited; a loosening is refused while trading is HALTED or REDUCING.
 */
export const setRiskLimitInput = z.strictObject({
  name: z.enum(runtimeRiskLimitNames),
  value: z.number().finite().nonnegative().nullable(),
  confirmed: z.boolean().default(false),
  reason: z.string().trim().min(1, 'a reason (who asked, why)').max(500),
});

/**
 * Resets a latched breaker: the connection breaker, or the stale-data breaker of one symbol (all blocked symbols
 * without one). Needs `confirmed: true` and is audited; refused while its cause still holds. The loss and rejection
 * breakers move the trading state: a trader leaves it with setTradingState, there is nothing to reset.
 */
export const resetBreakerInput = z.strictObject({
  name: z.enum(['connection', 'staleData'], { error: 'name must be connection or staleData (the loss and rejection breakers are left with setTradingState)' }),
  symbol: z.string().trim().min(1).max(20).optional(),
  confirmed: z.boolean().default(false),
  reason: z.string().trim().min(1, 'a reason (who asked, why)').max(500),
});

/** Flatten all: REDUCING, this engine's working orders cancelled, a closing order for every position. */
export const flattenAllInput = z.strictObject({
  confirmed: z.boolean().default(false),
  reason: z.string().trim().min(1, 'a reason (who asked, why)').max(500),
});

export type RiskLimitUnit = '$' | 'shares' | 'contracts' | '%' | 'orders' | 'orders/s' | 'orders/min' | 's' | 'min' | 'rejections';

/** One runtime limit as the Risk panel shows it, with what uses it now where that is a standing figure. */
export interface RiskLimitView {
  name: RuntimeRiskLimitName;
  /** In force now; null: the check is off. */
  value: number | null;
  /** config.yaml's value. */
  configured: number | null;
  /** Set at runtime from the cockpit (null: config.yaml's value is in force). */
  setBy: { by: string; at: number; reason: string } | null;
  unit: RiskLimitUnit;
  /** True when a higher value lets more through (most limits); false for e.g. the same-day-expiry cutoff. */
  higherIsLooser: boolean;
  /** The standing use of the limit (today's loss, the largest position, working orders, orders in the last second…); null for per-order limits. */
  used: number | null;
  /** What `used` is, in words ("today's loss", "AAPL 300 shares"); null with it. */
  usedLabel: string | null;
  /** In `setRiskLimit`'s answer only: a tightening in force now but not recorded in Redis (a restart would undo it). */
  warning?: string;
}

export type BreakerName = 'dailyLoss' | 'drawdown' | 'rejections' | 'connection' | 'staleData';

/** A circuit breaker: what trips it, what it does, and whether it has tripped (today, for the loss breakers). */
export interface BreakerView {
  name: BreakerName;
  /** "Daily loss limit → HALTED". */
  label: string;
  tripped: boolean;
  trippedAt: number | null;
  /** What tripped it, in words; null when not tripped. Stale data: the symbols blocked now. */
  reason: string | null;
  /**
   * Connection and stale data only (they latch until a trader resets them with resetBreaker): whether a reset
   * would be taken now (tripped, and its cause has cleared).
   */
  resettable?: boolean;
  /** Connection and stale data: what holds now and would refuse a reset ("the broker connection is still not ready"); null: nothing. */
  condition?: string | null;
  /** Stale data: each symbol blocked, with when, why and whether it can be reset now. */
  symbols?: StaleSymbolView[];
}

/** A symbol the stale-data breaker blocks. */
export interface StaleSymbolView {
  symbol: string;
  trippedAt: number;
  reason: string;
  resettable: boolean;
  /** Why its data is still stale; null when fresh again. */
  condition: string | null;
}

/** One change of the trading state from its audit trail. */
export interface TradingStateHistoryEntry {
  from: string;
  to: string;
  at: number;
  by: string;
  reason: string;
}

/** Whether automation's orders are approved automatically, and the dead-man rule's view of the cockpits. */
export interface ApprovalView {
  mode: 'manual' | 'auto';
  changedAt: number;
  changedBy: string;
  reason: string;
  deadManSeconds: number;
  /** Cockpits connected now. */
  cockpits: number;
}

export interface RiskView {
  /** Newest first, at most 20. */
  history: TradingStateHistoryEntry[];
  limits: RiskLimitView[];
  breakers: BreakerView[];
  approval: ApprovalView;
  /** Today's P&L (realized + unrealized) and its high so far today (at least 0). */
  dayPnl: number;
  dayPnlHigh: number;
}

/** An order the risk engine refused, with what its checks saw. */
export interface RiskDenialRecord {
  /** Unique per denial (the cockpit keys rows by it). */
  id: string;
  at: number;
  code: DenialCode;
  /** The sentence the trader was shown. */
  message: string;
  requestedBy: string;
  source: OrderSource;
  /** "BUY 100 AAPL LMT 190.00". */
  order: string;
  /** The inputs the checks saw: trading state, quote or option mark, position, working orders, P&L, limits used. */
  inputs: Record<string, unknown>;
}

export type FlattenLegStatus = 'sending' | 'working' | 'flat' | 'refused' | 'failed';

/** One position being closed by flatten all. */
export interface FlattenLeg {
  instrumentKey: string;
  /** Signed quantity held when flatten began. */
  startQuantity: number;
  /** Signed quantity still held. */
  remaining: number;
  orderId: number | null;
  status: FlattenLegStatus;
  /** Why it was refused or failed, or the order's last status text. */
  message: string | null;
}

export interface FlattenProgress {
  state: 'idle' | 'running' | 'flat' | 'incomplete';
  startedAt: number | null;
  finishedAt: number | null;
  requestedBy: string | null;
  reason: string | null;
  legs: FlattenLeg[];
}
