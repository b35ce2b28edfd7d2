import path from 'node:path';
import type { Settings } from '../config/settings';
import type { RiskLimits } from '../config/riskSchema';
import { TradingStateService } from '../risk/tradingState';
import { TradingStateJournal } from '../risk/tradingStateJournal';
import { keys } from '../store/keys';
import { RedisModule } from '../store/redisModule';
import type { SimulatedMarketModule } from './simulatedMarketModule';
import { BadInputCounter } from '../store/badInputCounter';
import { HashCounter } from '../store/hashCounter';
import { createEngineBus, type EngineBus } from '../bus/catalogue';
import type { ApprovalView, Health, ModuleHealth } from '../contract/contract';
import { moduleLogger } from '../runtime/logger';
import { Supervisor, type EngineModule } from '../runtime/supervisor';
import { SessionRecorder } from './sessionRecorder';
import { Topic } from '../runtime/topic';
import { CockpitStreams } from './cockpit/cockpitStreams';
import { analyticsSeedModule } from './analyticsSeed';
import { vpinSettings } from './vpinModule';
import { ExecutionModule } from './executionModule';
import { GexModule, gexSettings } from './gexModule';
import { AnalyticsWorker } from './analyticsWorker';
import { DiscoveryModule } from './discoveryModule';
import { commandHandlers, streamHandlers } from './contractHandlers';
import { ContractServer } from './contractServer';
import { dataSources, type DataSources } from './dataSources';
import { healthReport } from './healthReport';
import { ApprovalMode } from '../risk/approvalMode';
import { RiskMonitor, type OrderFlowUse } from '../risk/riskMonitor';
import { RiskModule } from './riskModule';
import { SignalsModule } from './signalsModule';
import { MorningAnalysisModule } from './morning/morningAnalysisModule';
import { DistributionModule } from './distributionModule';
import { DataDirLock } from './dataDirLock';
import { HaltRequests } from './haltRequests';
import { WebBridge } from './webBridge';
import { withDeadline } from '../runtime/deadline';
import { ChainAnalyticsCore } from '../analytics/chainAnalytics';
import { OptionsFlowService } from '../analytics/optionsFlowService';
import { AlphaVantageStore } from '../store/alphaVantageStore';
import { redisUrlOf } from '../store/redisConnection';
import { loadChain } from '../venues/alphavantage/chainCall';
import { OptionsFlowStore } from '../store/optionsFlowStore';

export interface EngineOptions {
  projectRoot: string;
  version: string;
  /** Web mode serves the cockpit over HTTP + WebSocket; the Electron shell binds the contract to IPC instead. */
  webBridge: boolean;
  heartbeatMs?: number;
}

export interface Engine {
  readonly contract: ContractServer;
  readonly redis: RedisModule;
  /** The embedded simulated market (sim mode only). */
  readonly sim: SimulatedMarketModule | null;
  readonly bus: EngineBus;
  readonly market: DataSources;
  /** Orders, fills, positions and the account: the order manager and the IBKR venue's order side. */
  readonly execution: ExecutionModule;
  /** GEX / DEX from each option chain at the live spot (analytics:{symbol}:gex / :dex, gexUpdated). */
  readonly gex: GexModule;
  /** Parameter discovery: its runs, schedule and the `discovery` stream. */
  readonly discovery: DiscoveryModule;
  /** What the contract's streams show, fed by the bus. */
  readonly cockpit: CockpitStreams;
  /** Strategies, the approval queue, automation and the signal history. */
  readonly signals: SignalsModule;
  /** The morning analysis: scheduled before the open and on demand, stored with its inputs. */
  readonly morning: MorningAnalysisModule;
  /** Messages to Discord, Telegram and X: the outbox and its channels. */
  readonly distribution: DistributionModule;
  readonly webBridge: WebBridge | null;
  readonly tradingState: TradingStateService;
  readonly badInput: BadInputCounter;
  /** Stream events dropped for slow pages, by stream (monitoring:cockpit:dropped). */
  readonly droppedEvents: HashCounter;
  health(): Health;
  stop(): Promise<void>;
}

const log = moduleLogger('engine');
/** The last write of the monitoring counters on stop; Redis down or frozen must not hold the shutdown. */
const COUNTER_FLUSH_MS = 2_000;

/** A module that only tracks a service the engine constructed, so it shows in Health and stops in order. */
function serviceModule(name: string, dependsOn: string[], start: () => Promise<void>, stop: () => Promise<void> | void): EngineModule {
  return { name, dependsOn, start, stop: async () => stop() };
}

/** GEX and the options flow on their own thread, reading chains and writing the flow's histories on its own connection. */
function analyticsWorker(settings: Settings, redis: RedisModule): AnalyticsWorker {
  const { flow } = settings.config.analytics;
  const gex = gexSettings(settings.config.analytics.gex).settings;
  const here = () => {
    const chains = new AlphaVantageStore(redis.client);
    return new ChainAnalyticsCore({ chains: (symbol) => loadChain(chains, symbol), flowStorage: new OptionsFlowStore(redis.client), gex, flow });
  };
  const log = moduleLogger('analyticsThread');
  return new AnalyticsWorker({ redisUrl: redisUrlOf(redis.client), gex, flow, here, onProblem: (problem) => log.warn(problem) });
}

/** --record FILE: the market as the engine hears it, in the simulator's session format (before the data sources start). */
function sessionRecorderModule(bus: EngineBus, settings: Settings): EngineModule {
  const recorder = new SessionRecorder({ bus, path: settings.recordPath!, symbols: settings.config.symbols });
  return { name: 'sessionRecorder', start: async () => recorder.start(), stop: () => recorder.stop(), detail: () => ({ file: settings.recordPath!, lines: recorder.lines }) };
}

/** The bus in Health: subscribers that threw, by event (each is logged; the others still got the event). */
function busModule(bus: EngineBus): EngineModule {
  return { name: 'bus', start: async () => undefined, stop: async () => undefined, detail: () => ({ ...bus.subscriberFailures }) };
}

/**
 * Takes the data dir's lock, then starts every module. A failure on the way (a module that cannot start, an
 * empty Redis password file) stops what was started, releases the lock and rejects with the reason.
 */
export async function startEngine(settings: Settings, options: EngineOptions): Promise<Engine> {
  const lock = DataDirLock.acquire(settings.dataDir, {
    webPort: options.webBridge ? settings.webPort : null,
    redisPort: settings.redisUrl ? null : settings.config.redis.port,
  });
  try {
    return await startLocked(settings, options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startLocked(settings: Settings, options: EngineOptions, lock: DataDirLock): Promise<Engine> {
  const redis = new RedisModule({
    externalUrl: settings.redisUrl,
    dataDir: settings.dataDir,
    port: settings.config.redis.port,
    socketTimeoutMs: settings.config.redis.socketTimeoutSeconds * 1_000,
    // In a packaged app config/ is unpacked beside the asar archive: redis-server reads the file from disk.
    confPath: path.join(options.projectRoot, 'config/redis.conf').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
  });
  const tradingState = new TradingStateService(redis.client, new TradingStateJournal(path.join(settings.dataDir, 'trading-state.unrecorded.json')));
  const badInput = new BadInputCounter(redis.client);
  const droppedEvents = new HashCounter(redis.client, keys.monitoring.cockpitDropped.key);
  const healthTopic = new Topic<Health>();
  let modulesHealth: Record<string, ModuleHealth> = {};
  const health = () =>
    healthReport({ source: settings.source, redisConnected: redis.isAlive(), modules: modulesHealth, tradingState: tradingState.current.state });

  const supervisor = new Supervisor({
    heartbeatMs: options.heartbeatMs ?? 5_000,
    onHeartbeat: async (modules) => {
      modulesHealth = modules;
      const report = health();
      healthTopic.publish(report, report.asOf);
      await writeHeartbeats(redis, modules, report);
    },
  });
  const reportBadInput = (source: string, problem: string) => badInput.report(source, problem);
  const bus = createEngineBus((topic, error) => log.error({ err: error, event: topic }, 'a bus subscriber failed; the others still got the event'));
  tradingState.topic.subscribe((state) => bus.publish('tradingStateChanged', state));
  const vpinConfig = settings.config.analytics.vpin;
  const cockpit = new CockpitStreams(bus, settings.config.symbols, (symbol) => (vpinConfig.enabled ? vpinSettings(vpinConfig, symbol) : null));
  const discovery = new DiscoveryModule({ bus, redis: redis.client, config: settings.config, dataDir: settings.dataDir, reportBadInput });
  const market = dataSources(settings, redis, bus, reportBadInput, discovery.enabled ? () => discovery.latest() : undefined);
  const symbols = settings.config.symbols.map((s) => s.symbol);
  const risk = new RiskModule({ bus, redis: redis.client, tradingState, configured: riskLimitsOf(settings), symbols, venue: (): OrderFlowUse => execution.manager.flowUse() });
  // The monitor starts after execution and the approval mode (riskMonitor's module depends on both).
  const riskMonitor = new RiskMonitor({
    bus, limits: risk.limits, breakers: risk.breakers, latches: risk.latches, high: risk.high, approval: (): ApprovalView => approvalMode.view(),
    flow: (): OrderFlowUse => execution.manager.flowUse(),
  });
  const signals = new SignalsModule({
    bus, redis: redis.client, config: settings.config.signals, symbols, tradingState: () => tradingState.current.state, approvalMode: () => approvalMode.current.mode,
  });
  const morning = new MorningAnalysisModule({
    bus, redis: redis.client, config: settings.config.morningAnalysis, apiKey: settings.llmApiKey, dataDir: settings.dataDir, symbols,
    snapshot: (symbol) => signals.book.snapshot(symbol), positions: () => cockpit.execution.positions.current ?? [], reportBadInput,
  });
  const failedSends = new HashCounter(redis.client, keys.monitoring.distributionFailed.key);
  const distribution = new DistributionModule({
    bus, redis: redis.client, config: settings.config.distribution, secrets: settings.distributionSecrets, reportCard: (s) => signals.history.card(s), failedSends, reportBadInput,
  });
  const contract = new ContractServer(
    commandHandlers({ settings, version: options.version, tradingState, health, redis: redis.client, bus, riskLimits: risk.limits, riskMonitor, latches: risk.latches, signals, discovery, morning, distribution }),
    streamHandlers({ settings, tradingState, healthTopic, cockpit, alphaVantageConfigured: market.alphaVantage !== null, riskMonitor, denials: risk.denials, signals, discovery, morning, distribution }),
    reportBadInput,
    (stream) => droppedEvents.add(stream),
  );
  const webBridge = options.webBridge
    ? new WebBridge({
        port: settings.webPort,
        rendererDir: path.join(options.projectRoot, 'dist/renderer'),
        contract,
        health,
        reportBadInput,
      })
    : null;

  const modules: EngineModule[] = [
    redis,
    busModule(bus),
    serviceModule('tradingState', ['redis'], () => tradingState.load(), () => tradingState.stop()),
  ];
  // Before the analytics: the cockpit's streams start with what Redis holds, and live figures then replace it.
  modules.push(analyticsSeedModule({
    redis: redis.client, streams: cockpit.analytics, symbols, vpinHistoryReadings: vpinConfig.enabled ? vpinConfig.historyReadings : 0, reportBadInput,
  }));
  // Before the data sources: the chains they announce (restored from Redis) at start-up are heard.
  const analytics = analyticsWorker(settings, redis);
  modules.push(serviceModule('analyticsThread', ['redis'], () => analytics.start(), () => analytics.stop()));
  const gex = new GexModule({ bus, redis: redis.client, symbols, config: settings.config.analytics.gex, analytics, dependsOn: ['redis', 'analyticsThread'] });
  modules.push(gex);
  const optionsFlow = new OptionsFlowService({ bus, analytics, symbols, log: moduleLogger('optionsFlow') });
  modules.push({ name: 'optionsFlow', dependsOn: ['redis', 'analyticsThread'], start: () => optionsFlow.start(), stop: () => optionsFlow.stop(), detail: () => optionsFlow.detail() });
  if (settings.recordPath) modules.push(sessionRecorderModule(bus, settings));
  // Before VPIN: the newest run's bucket sizes are read back before VPIN reads back its buckets.
  modules.push(discovery);
  modules.push(...market.all);
  const { breakers } = risk;
  modules.push(risk);
  modules.push({ name: 'circuitBreakers', dependsOn: ['tradingState', 'risk'], start: async () => breakers.start(), stop: async () => breakers.stop(), detail: () => breakers.detail() });
  const execution = new ExecutionModule({ bus, redis: redis.client, connection: market.ibkr.connection, tradingState, riskLimits: risk.limits, dayHigh: risk.high, latched: risk.latches, reportBadInput, optionRate: settings.config.analytics.gex.rate });
  modules.push(execution);
  // Watches the venue once the order manager runs, and stops before it: a shutdown is not a lost connection.
  const { latches } = risk;
  modules.push({ name: 'breakerLatches', dependsOn: ['risk', 'execution'], start: async () => latches.start(), stop: async () => latches.stop(), detail: () => latches.detail() });
  const approvalMode = new ApprovalMode({
    bus, configured: settings.config.risk.approvalMode, deadManSeconds: settings.config.risk.deadManSeconds, cockpits: (): number => contract.connections,
    save: (state) => risk.store.saveApproval(state),
  });
  modules.push(serviceModule('approvalMode', ['risk'], async () => approvalMode.start(), () => approvalMode.stop()));
  modules.push(serviceModule('riskMonitor', ['risk', 'execution', 'approvalMode'], async () => (riskMonitor.loadHistory(risk.history), riskMonitor.start()), () => riskMonitor.stop()));
  modules.push(signals);
  modules.push(morning);
  modules.push(distribution);
  modules.push(new HaltRequests({ dataDir: settings.dataDir, tradingState, reportBadInput }));
  if (webBridge) modules.push(serviceModule('webBridge', ['tradingState'], () => webBridge.start(), () => webBridge.stop()));

  cockpit.start();
  try {
    await supervisor.start(modules);
  } catch (error) {
    await supervisor.stop();
    cockpit.stop();
    stopCounters(badInput, droppedEvents, failedSends);
    await redis.close();
    healthTopic.close();
    throw error;
  }
  if (webBridge) lock.update({ webPort: webBridge.port });
  modulesHealth = supervisor.health();
  const healthTimer = setInterval(() => {
    modulesHealth = supervisor.health();
    const report = health();
    healthTopic.publish(report, report.asOf);
  }, 1_000);
  healthTimer.unref();
  log.info({ source: settings.source, dataDir: settings.dataDir }, 'engine started');

  return {
    contract,
    redis,
    sim: market.sim,
    bus,
    market,
    execution,
    gex,
    discovery,
    cockpit,
    signals,
    morning,
    distribution,
    webBridge,
    tradingState,
    badInput,
    droppedEvents,
    health,
    async stop() {
      clearInterval(healthTimer);
      healthTopic.close();
      await withDeadline(Promise.all([badInput.flush(), droppedEvents.flush(), failedSends.flush()]), COUNTER_FLUSH_MS, 'flushing monitoring counters').catch(
        (error: unknown) => log.warn({ err: error }, 'monitoring counters not written'),
      );
      stopCounters(badInput, droppedEvents, failedSends);
      await supervisor.stop();
      cockpit.stop();
      await redis.close();
      lock.release(); // after redis-server has shut down: the next engine may start its own
    },
  };
}

function stopCounters(...counters: Array<{ stop(): void }>): void {
  for (const counter of counters) counter.stop();
}

async function writeHeartbeats(redis: RedisModule, modules: Record<string, ModuleHealth>, report: Health): Promise<void> {
  if (!redis.isAlive()) return;
  const pipeline = redis.client.pipeline();
  for (const [name, module] of Object.entries(modules)) {
    if (module.state !== 'running' || module.lastHeartbeat === null) continue;
    const spec = keys.module.heartbeat(name);
    pipeline.set(spec.key, JSON.stringify({ ts: module.lastHeartbeat, state: module.state }), 'EX', spec.ttl!);
  }
  const healthKey = keys.system.health('main');
  pipeline.set(healthKey.key, JSON.stringify(report), 'EX', healthKey.ttl!);
  await pipeline.exec();
}

/** The simulator set to trade at any hour (sim.tradingHours: always-open) has no session for the risk checks to keep. */
function riskLimitsOf(settings: Settings): RiskLimits {
  const { risk, sim } = settings.config;
  const practice = settings.source === 'sim' && sim.tradingHours === 'always-open';
  return practice ? { ...risk, marketCalendar: 'always-open' } : risk;
}
