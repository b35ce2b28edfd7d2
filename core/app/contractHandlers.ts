import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { CommandUnavailableError } from '../bus/bus';
import type { EngineBus } from '../bus/catalogue';
import { OrderDeniedError } from '../execution/orderDenied';
import type { Settings } from '../config/settings';
import type { BreakerLatches } from '../risk/breakerLatches';
import type { DenialLog } from '../risk/denialLog';
import type { RiskMonitor } from '../risk/riskMonitor';
import type { RuntimeRiskLimits } from '../risk/riskLimits';
import type { TradingStateService } from '../risk/tradingState';
import type { SymbolConfig } from '../config/configSchema';
import { ContractError, type Health, type SentimentView } from '../contract/contract';
import type { StreamSource, Topic } from '../runtime/topic';
import { barsBefore } from './barHistory';
import type { AlphaVantageStreams } from './cockpit/alphaVantageStreams';
import type { CockpitStreams } from './cockpit/cockpitStreams';
import type { CommandHandlers, StreamHandlers } from './contractServer';
import type { SignalsModule } from './signalsModule';
import { ProposalRefused } from '../signals/approvalQueue';
import { AutomationRefused } from '../signals/automation';
import type { DiscoveryModule } from './discoveryModule';
import { DiscoveryBusyError } from './discoveryRunner';
import { MorningAnalysisBusyError, type MorningAnalysisModule } from './morning/morningAnalysisModule';
import { ChannelModeRefused, type DistributionModule } from './distributionModule';

export interface HandlerDeps {
  settings: Settings;
  version: string;
  tradingState: TradingStateService;
  health: () => Health;
  redis: Redis;
  bus: EngineBus;
  riskLimits: RuntimeRiskLimits;
  riskMonitor: RiskMonitor;
  latches: BreakerLatches;
  signals: SignalsModule;
  discovery: DiscoveryModule;
  morning: MorningAnalysisModule;
  distribution: DistributionModule;
}

/** One handler per contract command. */
export function commandHandlers(deps: HandlerDeps): CommandHandlers {
  const { settings, tradingState, bus } = deps;
  const symbols = settings.config.symbols;
  const who = (transport: string) => `${settings.config.operator} via ${transport}`;
  const traded = <T extends { instrument: { symbol: string } }>(order: T): T => (configuredSymbol(symbols, order.instrument.symbol), order);
  return {
    getSession: () => ({
      source: settings.source,
      operator: settings.config.operator,
      version: deps.version,
      symbols: settings.config.symbols.map((s) => ({ symbol: s.symbol, dataClass: s.dataClass, etf: s.etf })),
      marketTimeZone: 'America/New_York',
      staleAfterSeconds: settings.config.schedules.staleAfterSeconds,
      confirmNotionalAbove: settings.config.execution.confirmNotionalAbove,
    }),
    getHealth: () => deps.health(),
    getTradingState: () => tradingState.current,
    setTradingState: (input, context) =>
      tradingState.change({ ...input, by: `${settings.config.operator} via ${context.transport}` }),
    getBars: ({ symbol, before, count }) => barsBefore(deps.redis, configuredSymbol(symbols, symbol), before, count),
    submitOrder: ({ reason, ...order }, context) =>
      orderCommand(bus.send('submitOrder', { ...traded(order), source: 'ticket', requestedBy: who(context.transport), reason: reason || 'order ticket' })),
    previewOrder: ({ reason, ...order }, context) =>
      orderCommand(bus.send('previewOrder', { ...traded(order), source: 'ticket', requestedBy: who(context.transport), reason: reason || 'preview' })),
    modifyOrder: (input, context) => orderCommand(bus.send('modifyOrder', { ...input, requestedBy: who(context.transport) })),
    cancelOrder: ({ orderId, reason }, context) =>
      orderCommand(bus.send('cancelOrder', { orderId, requestedBy: who(context.transport), reason: reason || 'cancelled from the cockpit' })),
    cancelAllOrders: async ({ scope, confirmed, reason }, context) => {
      const requestedBy = who(context.transport);
      const answer = scope === 'global' ? bus.send('globalCancel', { requestedBy, reason, confirmed }) : bus.send('cancelAll', { requestedBy, reason });
      return { scope, ...(await orderCommand(answer)) };
    },
    closePosition: ({ reason, ...input }, context) =>
      orderCommand(bus.send('closePosition', { ...input, requestedBy: who(context.transport), reason: reason || 'close from the Positions panel' })),
    flattenAll: ({ confirmed, reason }, context) => orderCommand(bus.send('flattenAll', { requestedBy: who(context.transport), reason, confirmed })),
    setRiskLimit: async (input, context) => {
      const { warning } = await deps.riskLimits.change(input, who(context.transport));
      return { ...deps.riskMonitor.limit(input.name), ...(warning ? { warning } : {}) };
    },
    resetBreaker: async (input, context) => {
      await deps.latches.reset(input, who(context.transport));
      return deps.riskMonitor.breaker(input.name);
    },
    runDiscovery: async ({ reason }, context) => {
      if (!deps.discovery.enabled) throw new ContractError('UNAVAILABLE', DISCOVERY_OFF);
      try {
        return await deps.discovery.run(who(context.transport), reason);
      } catch (error) {
        if (error instanceof DiscoveryBusyError) throw new ContractError('REFUSED', error.message);
        throw error;
      }
    },
    runMorningAnalysis: ({ reason }, context) => {
      if (!deps.morning.enabled) throw new ContractError('UNAVAILABLE', MORNING_OFF);
      try {
        return deps.morning.run('manual', { by: who(context.transport), reason });
      } catch (error) {
        if (error instanceof MorningAnalysisBusyError) throw new ContractError('REFUSED', error.message);
        throw error;
      }
    },
    ...proposalHandlers(deps.signals, who),
    previewDistribution: ({ channel, kind }) => deps.distribution.service.preview(channel, kind),
    testSendDistribution: async ({ channel, text }) => {
      const service = deps.distribution.service;
      const view = service.channelViews().find((c) => c.name === channel)!;
      if (!view.enabled) throw new ContractError('REFUSED', `${channel} is switched off: switch it to dry-run or live first`);
      const { rateLimited: _r, ...message } = await service.testSend(channel, text);
      return message;
    },
    setDistributionChannel: async ({ channel, mode, confirmed, reason }, context) => {
      try {
        return await deps.distribution.setChannelMode(channel, mode, { confirmed, reason, by: who(context.transport) });
      } catch (error) {
        if (error instanceof ChannelModeRefused) throw new ContractError('REFUSED', error.message, 'NOT_CONFIRMED');
        throw error;
      }
    },
  };
}

/** The approval queue's commands; the queue's refusals are REFUSED errors (NOT_CONFIRMED as the reason when so). */
function proposalHandlers(signals: SignalsModule, who: (transport: string) => string): Pick<CommandHandlers, 'approveProposal' | 'rejectProposal' | 'modifyProposal' | 'snoozeProposal' | 'setStrategyAutomation'> {
  const { queue } = signals;
  return {
    approveProposal: ({ id, confirmed }, context) => proposalCommand(() => queue.approve(id, { by: who(context.transport), confirmed })),
    rejectProposal: ({ id, reason }, context) => proposalCommand(async () => queue.reject(id, reason, who(context.transport))),
    modifyProposal: ({ id, quantity, limitPrice, approve, confirmed }, context) =>
      proposalCommand(async () => {
        const changed = queue.modify(id, { ...(quantity === undefined ? {} : { quantity }), ...(limitPrice === undefined ? {} : { limitPrice }) });
        return signals.decisionOrView(approve ? await queue.approve(id, { by: who(context.transport), confirmed }) : changed);
      }),
    snoozeProposal: ({ id, minutes }) => proposalCommand(async () => signals.view(queue.snooze(id, minutes))),
    setStrategyAutomation: ({ strategy, mode, confirmed, reason }, context) =>
      proposalCommand(() => signals.setAutomation(strategy, mode, { confirmed, reason, by: who(context.transport) })),
  };
}

async function proposalCommand<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProposalRefused || error instanceof AutomationRefused) {
      throw new ContractError('REFUSED', error.message, error.code === 'NOT_CONFIRMED' ? 'NOT_CONFIRMED' : undefined);
    }
    throw error;
  }
}

export interface StreamDeps {
  settings: Settings;
  tradingState: TradingStateService;
  healthTopic: Topic<Health>;
  cockpit: CockpitStreams;
  /** Whether an Alpha Vantage source runs (sim mode, or a key configured). */
  alphaVantageConfigured: boolean;
  riskMonitor: RiskMonitor;
  denials: DenialLog;
  signals: SignalsModule;
  discovery: DiscoveryModule;
  morning: MorningAnalysisModule;
  distribution: DistributionModule;
}

const DISCOVERY_OFF = 'parameter discovery is switched off: set discovery.enabled to true in config/config.yaml';
const MORNING_OFF = 'the morning analysis is switched off: set morningAnalysis.enabled to true in config/config.yaml';

/** An order command's answer, with the execution's refusals as contract errors the cockpit can show. */
async function orderCommand<T>(answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof OrderDeniedError) throw new ContractError('REFUSED', error.message, error.denial.code);
    if (error instanceof CommandUnavailableError) throw new ContractError('UNAVAILABLE', 'order execution is not running');
    throw error;
  }
}

function configuredSymbol(symbols: readonly SymbolConfig[], symbol: string): string {
  if (!symbols.some((s) => s.symbol === symbol)) {
    throw new ContractError('BAD_REQUEST', `symbol ${symbol} is not configured; configured: ${symbols.map((s) => s.symbol).join(', ')}`);
  }
  return symbol;
}

export function streamHandlers(deps: StreamDeps): StreamHandlers {
  const symbols = deps.settings.config.symbols;
  const configured = (symbol: string) => symbols.find((s) => s.symbol === configuredSymbol(symbols, symbol))!;
  const { market } = deps.cockpit;
  const marketTopics = (symbol: string) => market.topics(configured(symbol).symbol)!;
  const analyticsTopics = (symbol: string) => deps.cockpit.analytics.topics(configured(symbol).symbol)!;
  const alphaVantage = () => {
    if (!deps.alphaVantageConfigured) throw new ContractError('UNAVAILABLE', 'Alpha Vantage is not configured: set ALPHAVANTAGE_API_KEY in .env');
    return deps.cockpit.alphaVantage;
  };
  return {
    health: () => deps.healthTopic,
    tradingState: () => deps.tradingState.topic,
    quote: ({ symbol }) => marketTopics(symbol).quote,
    book: ({ symbol }) => {
      const book = marketTopics(symbol).book;
      if (!book) throw new ContractError('BAD_REQUEST', `${symbol} is a standard (top-of-book) symbol: no Level 2 depth; use the quote stream`);
      return mapStream(book, ({ exchanges: _perExchange, ...view }) => view);
    },
    prints: ({ symbol }) => marketTopics(symbol).prints,
    bars: ({ symbol }) => marketTopics(symbol).bars,
    sweeps: () => market.sweeps,
    ingestion: () => market.ingestion,
    optionChain: ({ symbol }) => alphaVantage().chain(configured(symbol).symbol),
    sentiment: ({ symbol }) => sentimentView(configured(symbol), alphaVantage()),
    technicals: ({ symbol }) => alphaVantage().technicals(configured(symbol).symbol),
    alphaVantage: () => alphaVantage().status,
    orders: () => deps.cockpit.execution.orders,
    executions: () => deps.cockpit.execution.executions,
    positions: () => deps.cockpit.execution.positions,
    account: () => deps.cockpit.execution.account,
    risk: () => deps.riskMonitor.topic,
    riskDenials: () => deps.denials.topic,
    flatten: () => deps.cockpit.execution.flatten,
    vpin: ({ symbol }) => {
      const vpin = analyticsTopics(symbol).vpin;
      if (!vpin) throw new ContractError('UNAVAILABLE', 'VPIN is disabled: set analytics.vpin.enabled to true in config/config.yaml');
      return vpin;
    },
    gex: ({ symbol }) => analyticsTopics(symbol).gex,
    optionsFlow: ({ symbol }) => analyticsTopics(symbol).optionsFlow,
    discovery: () => {
      if (!deps.discovery.enabled) throw new ContractError('UNAVAILABLE', DISCOVERY_OFF);
      return deps.discovery.topic;
    },
    morningAnalysis: () => {
      if (!deps.morning.enabled) throw new ContractError('UNAVAILABLE', MORNING_OFF);
      return deps.morning.topic;
    },
    proposals: () => deps.signals.proposals,
    strategies: () => deps.signals.strategies,
    distribution: () => deps.distribution.topic,
  };
}

function mapStream<A, B>(source: StreamSource<A>, map: (value: A) => B): StreamSource<B> {
  return { subscribe: (listener) => source.subscribe((value, asOf) => listener(map(value), asOf)) };
}

/** ETFs have no news coverage: their stream says so once instead of staying silent. */
function sentimentView(symbol: SymbolConfig, streams: AlphaVantageStreams): StreamSource<SentimentView> {
  if (symbol.etf) {
    return { subscribe: (listener) => (listener({ covered: false, reason: `${symbol.symbol} is an ETF: Alpha Vantage news sentiment does not cover it` }, Date.now()), () => undefined) };
  }
  const topic = streams.sentiment(symbol.symbol);
  const coverage = streams.newsCoverage(symbol.symbol);
  // The feed's own "not covered" answer wins over articles stored before it; its next articles bring them back.
  return {
    subscribe: (listener) => {
      const offArticles = topic.subscribe((snapshot, asOf) => {
        if (coverage.current?.covered !== false) listener({ covered: true, snapshot }, asOf);
      });
      let covered = true;
      const offCoverage = coverage.subscribe((state, asOf) => {
        if (!state.covered) listener({ covered: false, reason: state.reason ?? `Alpha Vantage's news feed does not cover ${symbol.symbol}` }, asOf);
        else if (!covered && topic.current) listener({ covered: true, snapshot: topic.current }, asOf);
        covered = state.covered;
      });
      return () => {
        offArticles();
        offCoverage();
      };
    },
  };
}

export function packageVersion(projectRoot: string): string {
  try {
    return (JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
