import type { Redis } from 'ioredis';
import type { EngineBus } from '../bus/catalogue';
import { strategySettings, type SignalsConfig } from '../config/signalsSchema';
import type { ProposalDecision, ProposalsView, ProposalView, StrategyView } from '../contract/proposalView';
import { strategyNames, type StrategyName } from '../market/proposal';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule } from '../runtime/supervisor';
import { Topic } from '../runtime/topic';
import { ApprovalQueue, type QueueEntry } from '../signals/approvalQueue';
import { Automation, type AutomationLimits, type AutomationMode } from '../signals/automation';
import { mocImbalance } from '../signals/mocImbalance';
import { oneDte } from '../signals/oneDte';
import { SignalHistory } from '../signals/signalHistory';
import { SignalService, type StrategyRun } from '../signals/signalService';
import { SnapshotBook } from '../signals/snapshotBook';
import type { Strategy } from '../signals/strategy';
import { swing } from '../signals/swing';
import { zeroDte } from '../signals/zeroDte';
import { RedisSignalStore } from '../store/signalStore';

const log = moduleLogger('signals');
/** How often expiry is applied and the queue's ages and moves are re-sent. */
const TICK_MS = 1_000;
/** A chain's expiries further out than this are not loaded (the swing strategy's longest default is 45 days). */
const MAX_CHAIN_DAYS = 45;
const STRATEGIES: Record<StrategyName, Strategy<never>> = { zeroDte, oneDte, swing, mocImbalance };
const OPTION_STRATEGIES: readonly StrategyName[] = ['zeroDte', 'oneDte', 'swing'];

export interface SignalsModuleOptions {
  bus: EngineBus;
  redis: Redis;
  config: SignalsConfig;
  symbols: readonly string[];
  tradingState: () => string;
  approvalMode: () => 'manual' | 'auto';
  clock?: () => number;
}

/**
 * Signals as one engine module (Health's "signals"): the snapshot book, the strategies run by the signal service,
 * the approval queue, automation and the signal history, with the cockpit's `proposals` and `strategies` streams.
 */
export class SignalsModule implements EngineModule {
  readonly name = 'signals';
  readonly dependsOn = ['redis', 'execution', 'approvalMode'];
  readonly book: SnapshotBook;
  readonly queue: ApprovalQueue;
  readonly automation: Automation;
  readonly history: SignalHistory;
  readonly service: SignalService;
  readonly runs: Record<StrategyName, StrategyRun>;
  readonly proposals = new Topic<ProposalsView>(50);
  readonly strategies = new Topic<StrategyView[]>(50);
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SignalsModuleOptions) {
    const { bus, config } = options;
    this.clock = options.clock ?? Date.now;
    const store = new RedisSignalStore(options.redis);
    const settings = strategySettings(config);
    const run = (name: StrategyName): StrategyRun => ({ strategy: STRATEGIES[name] as Strategy<unknown>, settings: settings[name], enabled: config[name].enabled, symbols: config[name].symbols });
    this.runs = { zeroDte: run('zeroDte'), oneDte: run('oneDte'), swing: run('swing'), mocImbalance: run('mocImbalance') };
    const chainSymbols = new Set(OPTION_STRATEGIES.filter((n) => config[n].enabled).flatMap((n) => config[n].symbols));
    this.book = new SnapshotBook({ bus, symbols: options.symbols, chainSymbols, maxChainDays: MAX_CHAIN_DAYS, clock: this.clock, onProblem: (_s, problem) => log.warn(problem) });
    this.queue = new ApprovalQueue({ bus, reconfirmMovePercent: config.reconfirmMovePercent, price: (s) => this.book.price(s), clock: this.clock, onChange: () => this.publish() });
    this.automation = new Automation({
      limits: Object.fromEntries(strategyNames.map((n) => [n, { mode: config[n].automation, maxOrdersPerHour: config[n].maxOrdersPerHour, maxQuantity: config[n].maxQuantity }])) as Record<StrategyName, AutomationLimits>,
      tradingState: options.tradingState, approvalMode: options.approvalMode, audit: (change) => store.auditAutomation(change), clock: this.clock,
    });
    this.history = new SignalHistory(bus, store, (problem, error) => log.warn({ err: error }, problem));
    this.service = new SignalService({
      bus, snapshots: this.book, strategies: Object.values(this.runs), queue: this.queue, automation: this.automation,
      evaluateEveryMs: config.evaluateEveryMs, proposalTtlMs: config.proposalTtlSeconds * 1_000, nextNumber: () => store.nextProposalNumber(), clock: this.clock,
      onProblem: (problem, error) => log.warn({ err: error }, problem),
    });
  }

  async start(): Promise<void> {
    await this.history.start(this.clock());
    this.book.start();
    this.service.start();
    this.timer = setInterval(() => {
      this.queue.tick();
      this.publish();
    }, TICK_MS);
    this.timer.unref();
    this.publish();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.service.stop();
    this.queue.expireAll('the engine stopped');
    this.book.stop();
    this.history.stop();
  }

  detail(): Record<string, number> {
    const open = this.queue.list().filter((e) => e.decision === null).length;
    return { ...this.service.figures, open };
  }

  async setAutomation(strategy: StrategyName, mode: AutomationMode, input: { confirmed: boolean; by: string; reason: string }): Promise<StrategyView> {
    await this.automation.setMode(strategy, mode, input);
    this.publish();
    return this.strategyView(strategy);
  }

  view(entry: QueueEntry): ProposalView {
    const { proposal } = entry;
    return {
      ...proposal,
      ageMs: this.clock() - proposal.createdAt,
      currentPrice: this.book.price(proposal.symbol),
      movedPercent: this.queue.movedPercent(proposal),
      needsConfirmation: entry.decision === null && this.queue.needsConfirmation(proposal),
      snoozedUntil: entry.snoozedUntil,
      changes: entry.changes,
      decision: entry.decision,
    };
  }

  decisionOrView(result: ProposalDecision | QueueEntry): ProposalDecision | ProposalView {
    return 'proposal' in result ? this.view(result) : result;
  }

  strategyView(name: StrategyName): StrategyView {
    const { config } = this.options;
    const limits = this.automation.limitsOf(name);
    return {
      name, enabled: config[name].enabled, symbols: [...config[name].symbols], automation: limits.mode, maxOrdersPerHour: limits.maxOrdersPerHour,
      maxQuantity: limits.maxQuantity, ordersThisHour: this.automation.ordersThisHour(name), quiet: this.service.quietReasons(name), report: this.history.card(name),
    };
  }

  private publish(): void {
    const entries = this.queue.list().map((e) => this.view(e));
    const now = this.clock();
    this.proposals.publish({ open: entries.filter((e) => e.decision === null), decided: entries.filter((e) => e.decision !== null) }, now);
    this.strategies.publish(strategyNames.map((n) => this.strategyView(n)), now);
  }
}
