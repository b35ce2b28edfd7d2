import { readFileSync } from 'node:fs';
import type { Settings } from '../config/settings';
import type { TradingStateService } from '../risk/tradingState';
import type { Health } from './contract';
import type { CommandHandlers, StreamHandlers } from './contractServer';
import type { Topic } from './topic';

export interface HandlerDeps {
  settings: Settings;
  version: string;
  tradingState: TradingStateService;
  health: () => Health;
}

/** One handler per contract command. */
export function commandHandlers(deps: HandlerDeps): CommandHandlers {
  const { settings, tradingState } = deps;
  return {
    getSession: () => ({
      source: settings.source,
      operator: settings.config.operator,
      version: deps.version,
      symbols: settings.config.symbols.map((s) => ({ symbol: s.symbol, dataClass: s.dataClass, etf: s.etf })),
      marketTimeZone: 'America/New_York',
    }),
    getHealth: () => deps.health(),
    getTradingState: () => tradingState.current,
    setTradingState: (input, context) =>
      tradingState.change({ ...input, by: `${settings.config.operator} via ${context.transport}` }),
  };
}

export function streamHandlers(deps: { tradingState: TradingStateService; healthTopic: Topic<Health> }): StreamHandlers {
  return {
    health: () => deps.healthTopic,
    tradingState: () => deps.tradingState.topic,
  };
}

export function packageVersion(projectRoot: string): string {
  try {
    return (JSON.parse(readFileSync(`${projectRoot}/package.json`, 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
