/**
 * The `risk` stream: each runtime limit with its current use, the circuit breakers and what tripped them, the
 * trading state's history, the approval mode and today's P&L against its high. Built from the bus and the risk
 * parts, published on a change and at least each second (the order rate changes with time alone).
 */
import type { EngineBus } from '../bus/catalogue';
import {
  runtimeRiskLimitNames, type ApprovalView, type BreakerView, type RiskLimitView, type RiskView, type RuntimeRiskLimitName, type TradingState, type TradingStateHistoryEntry,
} from '../contract/contract';
import { instrumentKey, type AccountSnapshot, type Position } from '../market/order';
import { Topic } from '../runtime/topic';
import { money } from './checkHelpers';
import type { BreakerLatches } from './breakerLatches';
import type { CircuitBreakers } from './circuitBreakers';
import type { DayHighWater } from './dayHighWater';
import type { RuntimeRiskLimits } from './riskLimits';

/** What the Risk panel shows of the order flow and the venue (the order manager answers it). */
export interface OrderFlowUse {
  venueReady: boolean;
  reconciled: boolean;
  workingOrders: number;
  ordersLastSecond: number;
  ordersLastMinute: number;
}

export const HISTORY_SHOWN = 20;
const TICK_MS = 250;
const REFRESH_MS = 1_000;

export interface RiskMonitorDeps {
  bus: EngineBus;
  limits: RuntimeRiskLimits;
  breakers: CircuitBreakers;
  /** The connection and stale-data breakers, latched until a trader resets them. */
  latches: BreakerLatches;
  high: DayHighWater;
  approval: () => ApprovalView;
  /** Null while execution is not running. */
  flow: () => OrderFlowUse | null;
  clock?: () => number;
}

const BREAKER_LABELS: Record<BreakerView['name'], string> = {
  dailyLoss: 'Daily loss limit → HALTED',
  drawdown: 'Drawdown limit → REDUCING',
  rejections: 'Consecutive rejections from the gateway → REDUCING',
  connection: 'IB connection lost → new orders blocked until reconnected, reconciled and reset by a trader',
  staleData: 'A symbol’s data stale → that symbol blocked until its quotes are fresh and a trader resets it',
};

export class RiskMonitor {
  readonly topic = new Topic<RiskView>();
  private readonly clock: () => number;
  private history: TradingStateHistoryEntry[] = [];
  private account: AccountSnapshot | null = null;
  private positions: readonly Position[] = [];
  private dirty = true;
  private lastPublish = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly offs: Array<() => void> = [];

  constructor(private readonly deps: RiskMonitorDeps) {
    this.clock = deps.clock ?? Date.now;
  }

  /** The trading state's last changes from its audit trail, newest first. */
  loadHistory(history: readonly TradingStateHistoryEntry[]): void {
    this.history = history.slice(0, HISTORY_SHOWN);
  }

  start(): void {
    const { bus } = this.deps;
    const touch = () => (this.dirty = true);
    this.offs.push(
      bus.subscribe('accountChanged', (account) => ((this.account = account), touch())),
      bus.subscribe('positionsChanged', (positions) => ((this.positions = positions), touch())),
      bus.subscribe('tradingStateChanged', (state) => (this.onTradingState(state), this.publish())),
      bus.subscribe('approvalModeChanged', () => this.publish()),
      bus.subscribe('orderChanged', touch),
      this.deps.limits.onChange(() => this.publish()),
      this.deps.latches.onChange(() => this.publish()),
    );
    this.publish();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    for (const off of this.offs.splice(0)) off();
    this.topic.close();
  }

  view(): RiskView {
    const now = this.clock();
    const dayPnl = this.account?.dayPnl ?? 0;
    const dayPnlHigh = this.deps.high.see(dayPnl, now);
    const flow = this.deps.flow();
    return {
      history: this.history,
      limits: runtimeRiskLimitNames.map((name) => this.limitView(name, dayPnl, dayPnlHigh, flow)),
      breakers: this.breakers(),
      approval: this.deps.approval(),
      dayPnl,
      dayPnlHigh,
    };
  }

  /** One breaker as the stream shows it (resetBreaker's answer). */
  breaker(name: BreakerView['name']): BreakerView {
    return this.breakers().find((b) => b.name === name)!;
  }

  /** One limit with its use now (setRiskLimit's answer). */
  limit(name: RuntimeRiskLimitName): RiskLimitView {
    const dayPnl = this.account?.dayPnl ?? 0;
    return this.limitView(name, dayPnl, this.deps.high.see(dayPnl, this.clock()), this.deps.flow());
  }

  private limitView(name: RuntimeRiskLimitName, dayPnl: number, high: number, flow: OrderFlowUse | null): RiskLimitView {
    return { ...this.deps.limits.settings(name), ...this.use(name, dayPnl, high, flow) };
  }

  private tick(): void {
    if (this.dirty || this.clock() - this.lastPublish >= REFRESH_MS) this.publish();
  }

  private publish(): void {
    this.dirty = false;
    this.lastPublish = this.clock();
    this.topic.publish(this.view(), this.lastPublish);
  }

  private onTradingState(state: TradingState): void {
    const newest = this.history[0];
    if (newest && newest.to === state.state && newest.at === state.changedAt) return;
    if (!newest && state.changedBy === 'engine' && state.reason === 'first start') return;
    const entry = { from: newest?.to ?? 'UNKNOWN', to: state.state, at: state.changedAt, by: state.changedBy, reason: state.reason };
    this.history = [entry, ...this.history].slice(0, HISTORY_SHOWN);
  }

  private use(name: RuntimeRiskLimitName, dayPnl: number, high: number, flow: OrderFlowUse | null): Pick<RiskLimitView, 'used' | 'usedLabel'> {
    const greeks = this.account?.greeks;
    switch (name) {
      case 'maxDailyLoss':
        return { used: Math.max(0, -dayPnl), usedLabel: 'today’s loss' };
      case 'maxDrawdown':
        return { used: high - dayPnl, usedLabel: `below today’s high of ${money(high)}` };
      case 'maxOpenOrders':
        return flow ? { used: flow.workingOrders, usedLabel: 'working orders' } : none;
      case 'maxOrdersPerSecond':
        return flow ? { used: flow.ordersLastSecond, usedLabel: 'orders in the last second' } : none;
      case 'maxOrdersPerMinute':
        return flow ? { used: flow.ordersLastMinute, usedLabel: 'orders in the last minute' } : none;
      case 'maxPositionPerSymbol':
        return this.largestPosition();
      case 'maxConcentrationPercent':
        return this.concentration();
      case 'maxDeltaDollars':
        return greeks ? { used: Math.abs(greeks.deltaDollars), usedLabel: 'portfolio delta dollars' } : none;
      case 'maxGammaDollars':
        return greeks ? { used: Math.abs(greeks.gammaDollars), usedLabel: 'portfolio gamma dollars' } : none;
      case 'maxVegaDollars':
        return greeks ? { used: Math.abs(greeks.vegaDollars), usedLabel: 'portfolio vega dollars' } : none;
      case 'maxConsecutiveRejections':
        return { used: this.deps.breakers.rejectionsInARowNow, usedLabel: 'rejections in a row' };
      default:
        return none;
    }
  }

  /** Shares, an option contract counting as its multiplier, as the position limit counts them. */
  private largestPosition(): Pick<RiskLimitView, 'used' | 'usedLabel'> {
    let largest: { shares: number; key: string } | null = null;
    for (const p of this.positions) {
      const shares = Math.abs(p.quantity) * p.multiplier;
      if (shares > 0 && (!largest || shares > largest.shares)) largest = { shares, key: instrumentKey(p.instrument) };
    }
    return largest ? { used: largest.shares, usedLabel: `${largest.key} ${largest.shares.toLocaleString('en-US')} shares` } : { used: 0, usedLabel: 'no position' };
  }

  private concentration(): Pick<RiskLimitView, 'used' | 'usedLabel'> {
    const netLiquidation = this.account?.netLiquidation;
    if (!netLiquidation || netLiquidation <= 0) return none;
    let largest: { value: number; key: string } | null = null;
    for (const p of this.positions) {
      const value = Math.abs(p.marketValue ?? 0);
      if (value > 0 && (!largest || value > largest.value)) largest = { value, key: instrumentKey(p.instrument) };
    }
    if (!largest) return { used: 0, usedLabel: 'no position' };
    return { used: (largest.value / netLiquidation) * 100, usedLabel: `${largest.key} of net liquidation` };
  }

  private breakers(): BreakerView[] {
    const views: BreakerView[] = this.deps.breakers.states().map((b) => ({ ...b, label: BREAKER_LABELS[b.name] }));
    for (const name of ['connection', 'staleData'] as const) views.push({ ...this.deps.latches.view(name), label: BREAKER_LABELS[name] });
    return views;
  }
}

const none = { used: null, usedLabel: null };
