/**
 * The decision loop of the engine, wired in one process for a replay — analytics (VPIN, sweeps, GEX, the options flow)
 * → the snapshot book → the strategies (signal service) → the approval queue with automation → the order gate → the
 * order manager → the paper venue — on one bus and one market clock, with in-memory stores instead of Redis. It is
 * wired as core/app/engine.ts wires the live engine, less parameter discovery, the circuit breakers and the cockpit.
 * Alpha Vantage's technicals and sentiment come from the session itself (ReplayMarket puts them on the bus).
 */
import { ChainAnalyticsCore } from '../../analytics/chainAnalytics';
import { GexService } from '../../analytics/gexService';
import { OptionsFlowService } from '../../analytics/optionsFlowService';
import { SweepDetector } from '../../analytics/sweepDetector';
import { VpinService } from '../../analytics/vpinService';
import { createEngineBus, type EngineBus } from '../../bus/catalogue';
import type { AppConfig } from '../../config/configSchema';
import { strategySettings } from '../../config/signalsSchema';
import { vpinBucketVolume } from '../../config/vpinSchema';
import { OrderManager } from '../../execution/orderManager';
import { strategyNames, type StrategyName } from '../../market/proposal';
import { ORDER_CHECKS, OrderGate } from '../../risk/orderGate';
import { ApprovalQueue } from '../../signals/approvalQueue';
import { Automation, type AutomationLimits } from '../../signals/automation';
import { mocImbalance } from '../../signals/mocImbalance';
import { oneDte } from '../../signals/oneDte';
import { SignalHistory } from '../../signals/signalHistory';
import { SignalService, type StrategyRun } from '../../signals/signalService';
import { SnapshotBook } from '../../signals/snapshotBook';
import type { Strategy } from '../../signals/strategy';
import { swing } from '../../signals/swing';
import { zeroDte } from '../../signals/zeroDte';
import { gexSettings } from '../gexModule';
import { OptionChainMarks } from '../optionChainMarks';
import { PaperVenue } from './paperVenue';
import type { ReplayClock } from './replayClock';
import { ReplayMarket } from './replayMarket';
import { MemoryExecutionStore, MemoryHistoryStore, proposalNumbers } from './replayStores';

const STRATEGIES: Record<StrategyName, Strategy<never>> = { zeroDte, oneDte, swing, mocImbalance };
const OPTION_STRATEGIES: readonly StrategyName[] = ['zeroDte', 'oneDte', 'swing'];
/** As the signals module: chains further out than this are not loaded. */
const MAX_CHAIN_DAYS = 45;

export interface ReplayEngine {
  bus: EngineBus;
  market: ReplayMarket;
  venue: PaperVenue;
  queue: ApprovalQueue;
  history: SignalHistory;
  vpin: VpinService | null;
  sweeps: SweepDetector;
  gex: GexService;
  flow: OptionsFlowService;
  signals: SignalService;
  /** The strategies the replay runs (enabled, automation not off), with their automation limits. */
  strategies: Array<{ name: StrategyName; symbols: readonly string[]; limits: AutomationLimits }>;
  /** What went wrong inside the loop (a subscriber that threw, a chain that could not be read): printed, never hidden. */
  problems: string[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `symbols`: the session's symbols (Level 2 ones for the sweeps). */
export function wireReplay(config: AppConfig, clock: ReplayClock, symbols: Array<{ symbol: string; level2: boolean }>): ReplayEngine {
  const now = clock.now;
  const problems: string[] = [];
  const bus = createEngineBus((topic, error) => problems.push(`a ${topic} subscriber failed: ${(error as Error).message}`));
  const names = symbols.map((s) => s.symbol);
  const market = new ReplayMarket(bus);
  const venue = new PaperVenue(bus, market, now);
  const active = { state: 'ACTIVE' as const, changedAt: clock.now(), changedBy: 'replay', reason: 'replay', persisted: false };
  const marks = new OptionChainMarks(bus, config.analytics.gex.rate);
  const manager = new OrderManager({ bus, venue, store: new MemoryExecutionStore(), gate: new OrderGate({ current: active }, config.risk, ORDER_CHECKS), optionMarks: marks.lookup, clock: now });

  const flowStorage = { readState: async () => null, readIvHistory: async () => null, readReading: async () => null, write: async () => undefined };
  const gexConfig = gexSettings(config.analytics.gex);
  const analytics = new ChainAnalyticsCore({ chains: async (symbol) => market.chain(symbol), flowStorage, gex: gexConfig.settings, flow: config.analytics.flow });
  const gex = new GexService({ bus, symbols: names, analytics, repriceStep: gexConfig.repriceStep, now, onProblem: (_s, problem) => problems.push(problem) });
  // As GEX, computed on the engine's thread here, from the chain the session last played (no pause between stages:
  // a moment's flow is done before the clock moves, so it is the same at any speed). Its IV history starts empty.
  const flow = new OptionsFlowService({ bus, analytics, symbols: names, now, log: { warn: (details, message) => problems.push(flowProblem(details, message)) } });
  const v = config.analytics.vpin;
  const vpin = v.enabled
    ? new VpinService({
        bus, symbols: names.map((symbol) => ({ symbol, bucketVolume: vpinBucketVolume(v, symbol) })), regularHoursOnly: v.regularHoursOnly, clockMs: 0,
        vpin: { buckets: v.buckets, classification: v.classification, barSeconds: v.barSeconds, sigmaBars: v.sigmaBars, minSigmaBars: v.minSigmaBars, historyReadings: v.historyReadings, minHistoryReadings: v.minHistoryReadings, alertLevel: v.alertLevel, exitLevel: v.exitLevel },
      })
    : null;
  const sweeps = new SweepDetector(bus, symbols.filter((s) => s.level2).map((s) => s.symbol), 0);

  const signalsConfig = config.signals;
  const settings = strategySettings(signalsConfig);
  const limits = Object.fromEntries(strategyNames.map((n) => [n, { mode: signalsConfig[n].automation === 'off' ? 'off' : 'auto', maxOrdersPerHour: signalsConfig[n].maxOrdersPerHour, maxQuantity: signalsConfig[n].maxQuantity }])) as Record<StrategyName, AutomationLimits>;
  const runs: StrategyRun[] = strategyNames.map((n) => ({ strategy: STRATEGIES[n] as Strategy<unknown>, settings: settings[n], enabled: signalsConfig[n].enabled, symbols: signalsConfig[n].symbols }));
  const chainSymbols = new Set(OPTION_STRATEGIES.filter((n) => signalsConfig[n].enabled).flatMap((n) => signalsConfig[n].symbols));
  const book = new SnapshotBook({ bus, symbols: names, chainSymbols, maxChainDays: MAX_CHAIN_DAYS, clock: now, onProblem: (_s, problem) => problems.push(problem) });
  const queue = new ApprovalQueue({ bus, reconfirmMovePercent: signalsConfig.reconfirmMovePercent, price: (s) => book.price(s), clock: now });
  const automation = new Automation({ limits, tradingState: () => 'ACTIVE', approvalMode: () => 'auto', audit: async () => undefined, clock: now });
  const history = new SignalHistory(bus, new MemoryHistoryStore());
  const signals = new SignalService({
    bus, snapshots: book, strategies: runs, queue, automation, evaluateEveryMs: signalsConfig.evaluateEveryMs, proposalTtlMs: signalsConfig.proposalTtlSeconds * 1_000,
    nextNumber: proposalNumbers(), clock: now,
    onProblem: (problem) => problems.push(problem),
  });
  const strategies = runs
    .filter((r) => r.enabled && limits[r.strategy.name].mode !== 'off')
    .map((r) => ({ name: r.strategy.name, symbols: r.symbols.filter((s) => names.includes(s)), limits: limits[r.strategy.name] }));

  return {
    bus, market, venue, queue, history, vpin, sweeps, gex, flow, signals, strategies, problems,
    async start() {
      marks.start();
      await manager.start();
      gex.start();
      await flow.start();
      await vpin?.start();
      await sweeps.start();
      await history.start(clock.now());
      book.start();
      signals.start();
    },
    async stop() {
      signals.stop();
      book.stop();
      history.stop();
      await sweeps.stop();
      await vpin?.stop();
      await flow.stop();
      await gex.stop();
      await manager.stop();
      marks.stop();
    },
  };
}

function flowProblem(details: { symbol?: string; err?: Error }, message: string): string {
  return `options flow${details.symbol ? ` of ${details.symbol}` : ''}: ${message}${details.err ? ` (${details.err.message})` : ''}`;
}
