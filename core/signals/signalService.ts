/**
 * The signal service: on the bus events that move a strategy's inputs it evaluates each enabled strategy for its
 * symbols (at most once per `evaluateEveryMs` per strategy and symbol), keeps the last quiet reason of each, and turns
 * a draft into a Proposal — an id never reused, its times, the risk engine's pre-check (the order gate's answer
 * through `checkOrder`, nothing sent) — queued for approval and published (proposalCreated). One open proposal per
 * strategy and symbol. A strategy in automatic mode has its proposal approved by the engine within its limits.
 */
import { CommandUnavailableError } from '../bus/bus';
import type { EngineBus, EventName } from '../bus/catalogue';
import type { PreCheck, Proposal, StrategyName } from '../market/proposal';
import type { ApprovalQueue } from './approvalQueue';
import type { Automation } from './automation';
import { proposalOrder } from './proposalOrder';
import type { ProposalDraft, Strategy } from './strategy';
import type { StrategySnapshot } from './strategySnapshot';

/** One strategy as configured: its pure rule, its settings and symbols. */
export interface StrategyRun {
  strategy: Strategy<unknown>;
  settings: unknown;
  enabled: boolean;
  symbols: readonly string[];
}

export interface QuietReason {
  symbol: string;
  why: string;
  at: number;
}

export interface SignalServiceOptions {
  bus: EngineBus;
  snapshots: { snapshot(symbol: string, now?: number): StrategySnapshot };
  strategies: readonly StrategyRun[];
  queue: ApprovalQueue;
  automation: Automation;
  evaluateEveryMs: number;
  proposalTtlMs: number;
  /** The next proposal number: persisted, so an id is never reused across restarts. */
  nextNumber: () => Promise<number>;
  clock?: () => number;
  onProblem?: (problem: string, error?: unknown) => void;
}

/** Events after which a strategy's inputs may have changed, and the symbol each concerns. */
const TRIGGERS = {
  quoteChanged: (e: { symbol: string }) => e.symbol,
  barClosed: (e: { symbol: string }) => e.symbol,
  gexUpdated: (e: { symbol: string }) => e.symbol,
  vpinUpdated: (e: { symbol: string }) => e.symbol,
  flowUpdated: (e: { symbol: string }) => e.symbol,
  sweepDetected: (e: { symbol: string }) => e.symbol,
  technicalsRefreshed: (e: { symbol: string }) => e.symbol,
} as const satisfies Partial<Record<EventName, (e: { symbol: string }) => string>>;

export class SignalService {
  private readonly clock: () => number;
  /** When each strategy last looked at each symbol (no string building on the quote path). */
  private readonly lastEvaluated = new Map<StrategyRun, Map<string, number>>();
  private readonly quiet = new Map<StrategyName, Map<string, QuietReason>>();
  /** strategy:symbol pairs whose proposal is being made (ids and pre-check are asynchronous). */
  private readonly proposing = new Set<string>();
  private readonly offs: Array<() => void> = [];
  readonly figures = { evaluations: 0, proposals: 0, throttled: 0 };

  constructor(private readonly options: SignalServiceOptions) {
    this.clock = options.clock ?? Date.now;
  }

  start(): void {
    for (const [event, symbolOf] of Object.entries(TRIGGERS)) {
      this.offs.push(this.options.bus.subscribe(event as keyof typeof TRIGGERS, (e) => this.trigger(symbolOf(e))));
    }
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** The last quiet reason of a strategy, per symbol. */
  quietReasons(strategy: StrategyName): QuietReason[] {
    return [...(this.quiet.get(strategy)?.values() ?? [])];
  }

  /** Evaluates every strategy that trades the symbol, each at most once per evaluateEveryMs. */
  trigger(symbol: string): void {
    const now = this.clock();
    for (const run of this.options.strategies) {
      if (!run.enabled || !run.symbols.includes(symbol) || this.options.automation.mode(run.strategy.name) === 'off') continue;
      let bySymbol = this.lastEvaluated.get(run);
      if (!bySymbol) this.lastEvaluated.set(run, (bySymbol = new Map()));
      const last = bySymbol.get(symbol);
      if (last !== undefined && now - last < this.options.evaluateEveryMs) {
        this.figures.throttled++;
        continue;
      }
      bySymbol.set(symbol, now);
      void this.evaluate(run, this.options.snapshots.snapshot(symbol, now));
    }
  }

  /**
   * One strategy on one snapshot (the trigger path, a replay, a test): quiet with its reason, or a proposal queued.
   * Answers the proposal made, or null.
   */
  async evaluate(run: StrategyRun, snapshot: StrategySnapshot): Promise<Proposal | null> {
    const { name } = run.strategy;
    this.figures.evaluations++;
    const verdict = run.strategy.evaluate(snapshot, run.settings);
    if (verdict.kind === 'quiet') {
      this.setQuiet(name, snapshot.symbol, verdict.why, snapshot.now);
      return null;
    }
    const key = `${name}:${snapshot.symbol}`;
    if (this.proposing.has(key) || this.options.queue.hasOpen(name, snapshot.symbol)) {
      this.setQuiet(name, snapshot.symbol, 'a proposal for this symbol is waiting for a decision', snapshot.now);
      return null;
    }
    this.proposing.add(key);
    try {
      return await this.propose(name, snapshot.symbol, verdict.draft);
    } catch (error) {
      this.options.onProblem?.(`${name} could not propose for ${snapshot.symbol}: ${(error as Error).message}`, error);
      return null;
    } finally {
      this.proposing.delete(key);
    }
  }

  private async propose(strategy: StrategyName, symbol: string, draft: ProposalDraft): Promise<Proposal> {
    const number = await this.options.nextNumber();
    const createdAt = this.clock();
    const base: Proposal = {
      id: `${strategy}-${symbol}-${number}`, strategy, symbol, order: draft.order, confidence: draft.confidence, reasons: draft.reasons,
      createdAt, expiresAt: createdAt + this.options.proposalTtlMs, underlyingPrice: draft.underlyingPrice, preCheck: { passed: true }, status: 'pending',
    };
    const proposal: Proposal = { ...base, preCheck: await this.preCheck(base) };
    this.options.queue.add(proposal);
    this.figures.proposals++;
    this.setQuiet(strategy, symbol, 'proposed', createdAt);
    this.options.bus.publish('proposalCreated', proposal);
    await this.automate(proposal);
    return proposal;
  }

  /** The order gate's answer now for the proposal's whole order: the entry and its bracket's legs. */
  private async preCheck(proposal: Proposal): Promise<PreCheck> {
    try {
      return await this.options.bus.send('checkOrder', proposalOrder(proposal, `signals:${proposal.strategy}`));
    } catch (error) {
      const message = error instanceof CommandUnavailableError ? 'order execution is not running: the risk gate could not judge it' : (error as Error).message;
      return { passed: false, code: 'UNAVAILABLE', message };
    }
  }

  private async automate(proposal: Proposal): Promise<void> {
    const { automation, queue } = this.options;
    if (automation.mode(proposal.strategy) !== 'auto') return;
    const why = automation.whyManual(proposal);
    if (why !== null) {
      this.setQuiet(proposal.strategy, proposal.symbol, `proposed; waits for a trader: ${why}`, this.clock());
      return;
    }
    const release = automation.reserve(proposal.strategy);
    const decision = await queue.approve(proposal.id, { by: `automation:${proposal.strategy}`, confirmed: true, reason: 'automatic, within limits' });
    if (decision.orderIds.length === 0) release();
  }

  private setQuiet(strategy: StrategyName, symbol: string, why: string, at: number): void {
    let bySymbol = this.quiet.get(strategy);
    if (!bySymbol) this.quiet.set(strategy, (bySymbol = new Map()));
    bySymbol.set(symbol, { symbol, why, at });
  }
}
