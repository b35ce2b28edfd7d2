/**
 * Automation per strategy: manual (proposals wait for a trader), auto (approved by the engine within limits), off (not
 * evaluated). Auto approves a proposal only when all hold: trading is ACTIVE, the risk engine's approval mode is auto
 * (the dead-man rule turns it to manual when no cockpit is connected), the pre-check passed, the size is within the
 * strategy's maxQuantity and fewer than maxOrdersPerHour orders were placed automatically in the last 60 minutes.
 * Otherwise the proposal waits in the queue like a manual one, with the reason. Switching to auto needs confirmation
 * and every switch is audited.
 */
import type { Proposal, StrategyName } from '../market/proposal';

export type AutomationMode = 'manual' | 'auto' | 'off';

export interface AutomationLimits {
  mode: AutomationMode;
  maxOrdersPerHour: number;
  maxQuantity: number;
}

export interface AutomationChange {
  at: number;
  by: string;
  strategy: StrategyName;
  from: AutomationMode;
  to: AutomationMode;
  reason: string;
}

export class AutomationRefused extends Error {
  readonly code = 'NOT_CONFIRMED';
  constructor(message: string) {
    super(message);
    this.name = 'AutomationRefused';
  }
}

export interface AutomationOptions {
  limits: Record<StrategyName, AutomationLimits>;
  /** The kill switch's state now (ACTIVE / REDUCING / HALTED). */
  tradingState: () => string;
  /** The risk engine's approval mode now (core/risk/approvalMode.ts). */
  approvalMode: () => 'manual' | 'auto';
  /** Records a switch (Redis stream); rejects when it could not be recorded. */
  audit: (change: AutomationChange) => Promise<void>;
  clock?: () => number;
}

const HOUR_MS = 3_600_000;

export class Automation {
  private readonly limits: Record<StrategyName, AutomationLimits>;
  private readonly placed = new Map<StrategyName, number[]>();
  private readonly clock: () => number;

  constructor(private readonly options: AutomationOptions) {
    this.clock = options.clock ?? Date.now;
    this.limits = structuredClone(options.limits);
  }

  mode(strategy: StrategyName): AutomationMode {
    return this.limits[strategy].mode;
  }

  limitsOf(strategy: StrategyName): AutomationLimits {
    return this.limits[strategy];
  }

  /** Orders placed automatically for the strategy in the last 60 minutes. */
  ordersThisHour(strategy: StrategyName): number {
    const cutoff = this.clock() - HOUR_MS;
    const times = (this.placed.get(strategy) ?? []).filter((t) => t > cutoff);
    this.placed.set(strategy, times);
    return times.length;
  }

  /** Null when the engine may approve this proposal now, else why it waits for a trader. */
  whyManual(proposal: Proposal): string | null {
    const limits = this.limits[proposal.strategy];
    if (limits.mode !== 'auto') return `${proposal.strategy} is ${limits.mode}`;
    const state = this.options.tradingState();
    if (state !== 'ACTIVE') return `trading is ${state}: automatic orders only while ACTIVE`;
    if (this.options.approvalMode() !== 'auto') return 'the risk approval mode is manual (risk.approvalMode, or the dead-man rule): automation waits for a trader';
    if (!proposal.preCheck.passed) return `the risk pre-check refused it (${proposal.preCheck.code})`;
    if (proposal.order.quantity > limits.maxQuantity) return `${proposal.order.quantity} is more than maxQuantity ${limits.maxQuantity} for automatic orders`;
    const count = this.ordersThisHour(proposal.strategy);
    if (count >= limits.maxOrdersPerHour) return `${count} automatic orders in the last hour: the limit is ${limits.maxOrdersPerHour}`;
    return null;
  }

  /**
   * Counts an automatic placement against the hourly limit before it is sent (two proposals at once cannot both take
   * the last one); the answer gives the place back when nothing was placed.
   */
  reserve(strategy: StrategyName): () => void {
    const at = this.clock();
    this.placed.set(strategy, [...(this.placed.get(strategy) ?? []), at]);
    return () => {
      const times = this.placed.get(strategy) ?? [];
      const i = times.indexOf(at);
      if (i >= 0) this.placed.set(strategy, [...times.slice(0, i), ...times.slice(i + 1)]);
    };
  }

  /** Switches a strategy's mode; to auto only with `confirmed`. Audited before it takes effect. */
  async setMode(strategy: StrategyName, to: AutomationMode, input: { confirmed: boolean; by: string; reason: string }): Promise<AutomationLimits> {
    const from = this.limits[strategy].mode;
    if (to === 'auto' && from !== 'auto' && !input.confirmed) {
      throw new AutomationRefused(`switching ${strategy} to automatic places its orders without approval (within ${this.limits[strategy].maxOrdersPerHour} orders an hour, ${this.limits[strategy].maxQuantity} a time): resend with confirmed: true after the trader confirms`);
    }
    await this.options.audit({ at: this.clock(), by: input.by, strategy, from, to, reason: input.reason });
    this.limits[strategy] = { ...this.limits[strategy], mode: to };
    return this.limits[strategy];
  }
}
