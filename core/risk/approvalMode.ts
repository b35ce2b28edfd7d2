import type { EngineBus } from '../bus/catalogue';
import type { ApprovalView } from '../contract/contract';
import { moduleLogger } from '../runtime/logger';

export type ApprovalModeName = 'manual' | 'auto';

export interface ApprovalModeState {
  mode: ApprovalModeName;
  changedAt: number;
  changedBy: string;
  reason: string;
}

const log = moduleLogger('approvalMode');
/** How often the dead-man rule looks at the cockpits. */
const CHECK_MS = 1_000;

export interface DeadManOptions {
  bus: EngineBus;
  /** `risk.approvalMode`: what the engine starts in. */
  configured: ApprovalModeName;
  /** `risk.deadManSeconds`: with automatic approval, no cockpit for this long falls back to manual. */
  deadManSeconds: number;
  /** How many cockpits (contract connections) are connected now. */
  cockpits: () => number;
  /** Keeps each change (Redis, for the audit and the Risk panel); config.yaml still decides the mode at start. */
  save?: (state: ApprovalModeState) => void;
  clock?: () => number;
}

/**
 * Whether orders from automation are approved automatically or wait for a trader, and the dead-man rule: with
 * automatic approval on and no cockpit connected for `deadManSeconds`, approval falls back to manual (published as
 * `approvalModeChanged` and logged). It never switches to auto by itself. Automation does not exist yet: nothing
 * reads the mode but Health and the bus.
 */
export class ApprovalMode {
  private state: ApprovalModeState;
  private readonly clock: () => number;
  /** When a cockpit was last seen connected (start counts as seen: a cockpit gets N seconds to connect). */
  private lastCockpitAt: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DeadManOptions) {
    this.clock = options.clock ?? Date.now;
    this.lastCockpitAt = this.clock();
    this.state = { mode: options.configured, changedAt: this.lastCockpitAt, changedBy: 'config', reason: 'risk.approvalMode' };
  }

  get current(): ApprovalModeState {
    return this.state;
  }

  /** The mode, who set it, the dead-man rule's seconds and the cockpits connected now. */
  view(): ApprovalView {
    return { ...this.state, deadManSeconds: this.options.deadManSeconds, cockpits: this.options.cockpits() };
  }

  start(): void {
    this.lastCockpitAt = this.clock();
    this.options.save?.(this.state);
    this.timer = setInterval(() => this.check(), CHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** One look at the cockpits (the timer calls it every second). */
  check(): void {
    const now = this.clock();
    if (this.options.cockpits() > 0) this.lastCockpitAt = now;
    if (this.state.mode !== 'auto') return;
    const aloneMs = now - this.lastCockpitAt;
    if (aloneMs < this.options.deadManSeconds * 1_000) return;
    const reason = `dead-man rule: no cockpit connected for ${Math.round(aloneMs / 1_000)} s (risk.deadManSeconds ${this.options.deadManSeconds})`;
    this.state = { mode: 'manual', changedAt: now, changedBy: 'engine', reason };
    log.warn({ reason }, 'automatic approval off: orders from automation now wait for a trader');
    this.options.save?.(this.state);
    this.options.bus.publish('approvalModeChanged', this.state);
  }
}
