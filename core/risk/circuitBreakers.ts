import type { EngineBus } from '../bus/catalogue';
import { tradingStateRestrictiveness as restrictiveness, type TradingState } from '../contract/contract';
import type { RiskLimits } from '../config/riskSchema';
import type { AccountSnapshot, OrderRecord, OrderStatus } from '../market/order';
import { moduleLogger } from '../runtime/logger';
import { money } from './checkHelpers';
import { DayHighWater } from './dayHighWater';
import { limitsReader, type LimitsInForce } from './riskLimitRules';
import type { TradingStateChange } from './tradingState';

const log = moduleLogger('circuitBreakers');

export type BreakerName = 'dailyLoss' | 'drawdown' | 'rejections';

export interface CircuitBreakerDeps {
  bus: EngineBus;
  tradingState: { readonly current: TradingState; change(change: TradingStateChange): Promise<unknown> };
  /** Read at each figure: a limit changed at runtime applies at once. */
  limits: LimitsInForce;
  /** The day's P&L high, shared with the order gate's facts (and kept in Redis by its owner). */
  high?: DayHighWater;
  /** Keeps a trip (Redis), so a restart neither trips a loss breaker again the same day nor forgets it tripped. */
  saveTrip?: (name: BreakerName, tripped: TrippedBreaker) => void;
  clock?: () => number;
}

/** When a breaker last tripped and why. */
export interface TrippedBreaker {
  /** The New York date. */
  day: string;
  at: number;
  reason: string;
}

/** A breaker's state for the Risk panel: tripped today, when and why. */
export interface BreakerState {
  name: BreakerName;
  tripped: boolean;
  trippedAt: number | null;
  reason: string | null;
}

/** Statuses that say the gateway took an order: they end a run of rejections. */
const ACCEPTED: ReadonlySet<OrderStatus> = new Set(['PreSubmitted', 'Submitted', 'PartiallyFilled', 'Filled']);
const WHO = 'circuit breaker';

/**
 * Moves the trading state by itself when a limit is reached, with a reason (the trading state's audit records it,
 * by "circuit breaker"): the day's loss at risk.maxDailyLoss → HALTED; P&L risk.maxDrawdown below the day's high →
 * REDUCING; risk.maxConsecutiveRejections rejections from the gateway in a row → REDUCING. It only ever tightens:
 * leaving the state needs a trader's confirmed change. The loss breakers trip once a day each, so a trader who
 * confirms a way out is not overruled at the next tick (the DAILY_LOSS and DRAWDOWN checks still refuse new exposure).
 * A dropped connection and stale data do not move the trading state: their breakers latch in the order gate instead
 * (core/risk/breakerLatches.ts, BREAKER_TRIPPED until a trader resets them).
 */
export class CircuitBreakers {
  private readonly clock: () => number;
  private readonly high: DayHighWater;
  private readonly limits: { readonly current: RiskLimits };
  private readonly trippedOn = new Map<BreakerName, TrippedBreaker>();
  /** The last status seen per order, so a repeated report of one rejection counts once. */
  private readonly statuses = new Map<number, OrderStatus>();
  private rejectionsInARow = 0;
  private startedAt = 0;
  private readonly offs: Array<() => void> = [];

  constructor(private readonly deps: CircuitBreakerDeps) {
    this.clock = deps.clock ?? Date.now;
    this.high = deps.high ?? new DayHighWater();
    this.limits = limitsReader(deps.limits);
  }

  /** The trips stored before a restart (call before start). */
  load(tripped: Readonly<Record<string, TrippedBreaker>>): void {
    for (const name of ['dailyLoss', 'drawdown', 'rejections'] as const) {
      const trip = tripped[name];
      if (trip && typeof trip.day === 'string') this.trippedOn.set(name, trip);
    }
  }

  get rejectionsInARowNow(): number {
    return this.rejectionsInARow;
  }

  /** Each breaker: tripped today or not, when and why. */
  states(): BreakerState[] {
    const today = this.high.dayOf(this.clock());
    return (['dailyLoss', 'drawdown', 'rejections'] as const).map((name) => {
      const trip = this.trippedOn.get(name);
      const tripped = trip?.day === today;
      return { name, tripped, trippedAt: tripped ? trip.at : null, reason: tripped ? trip.reason : null };
    });
  }

  start(): void {
    this.startedAt = this.clock();
    this.offs.push(
      this.deps.bus.subscribe('accountChanged', (account) => this.onAccount(account)),
      this.deps.bus.subscribe('orderChanged', (order) => this.onOrder(order)),
    );
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** Figures for Health: rejections in a row, and the breakers tripped today. */
  detail(): Record<string, number | string | null> {
    const today = this.high.dayOf(this.clock());
    const tripped = [...this.trippedOn].filter(([, trip]) => trip.day === today).map(([name]) => name);
    return { rejectionsInARow: this.rejectionsInARow, tripped: tripped.join(',') || null };
  }

  private onAccount({ dayPnl }: AccountSnapshot): void {
    const now = this.clock();
    const high = this.high.see(dayPnl, now);
    const { maxDailyLoss, maxDrawdown } = this.limits.current;
    if (-dayPnl >= maxDailyLoss) {
      this.trip('dailyLoss', 'HALTED', `daily loss limit reached: today's P&L ${money(dayPnl)}, limit ${money(maxDailyLoss)} (risk.maxDailyLoss)`);
    } else if (high - dayPnl >= maxDrawdown) {
      this.trip('drawdown', 'REDUCING', `drawdown limit reached: P&L ${money(dayPnl)} is ${money(high - dayPnl)} below today's high of ${money(high)}, limit ${money(maxDrawdown)} (risk.maxDrawdown)`);
    }
  }

  private onOrder(order: OrderRecord): void {
    if (order.external) return;
    const before = this.statuses.get(order.orderId);
    this.statuses.set(order.orderId, order.status);
    if (before === order.status) return;
    if (ACCEPTED.has(order.status)) this.rejectionsInARow = 0;
    // Orders loaded at start-up are replayed on the bus: only rejections from now on count.
    if (order.status !== 'Rejected' || order.updatedAt < this.startedAt) return;
    this.rejectionsInARow++;
    const max = this.limits.current.maxConsecutiveRejections;
    if (this.rejectionsInARow < max) return;
    this.rejectionsInARow = 0;
    const reason = `${max} orders in a row rejected by the gateway (risk.maxConsecutiveRejections), the last: order ${order.orderId}${order.message ? `, "${order.message}"` : ''}`;
    this.remember('rejections', reason);
    this.tighten('REDUCING', reason);
  }

  /** A loss breaker trips once per New York day. */
  private trip(name: BreakerName, state: 'HALTED' | 'REDUCING', reason: string): void {
    if (this.trippedOn.get(name)?.day === this.high.dayOf(this.clock())) return;
    this.remember(name, reason);
    this.tighten(state, reason);
  }

  private remember(name: BreakerName, reason: string): void {
    const now = this.clock();
    const trip = { day: this.high.dayOf(now), at: now, reason };
    this.trippedOn.set(name, trip);
    this.deps.saveTrip?.(name, trip);
  }

  private tighten(state: 'HALTED' | 'REDUCING', reason: string): void {
    if (restrictiveness[this.deps.tradingState.current.state] >= restrictiveness[state]) return;
    log.warn({ state, reason }, 'circuit breaker tripped');
    this.deps.tradingState.change({ state, reason, confirmed: false, by: WHO }).catch((error: unknown) => log.error({ err: error, state, reason }, 'circuit breaker could not change the trading state'));
  }
}
