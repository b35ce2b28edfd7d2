import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.config.js, proven to bite: each fixture is a file that breaks one rule, linted as if it
 * sat at its path in the project (eslint applies the rules of that folder), and must fail with the layer's message;
 * the allowed imports beside them must pass, so the rules do not block what the design allows.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function importProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const breaking: Array<[rule: string, path: string, code: string, message: RegExp]> = [
  ['venues never import the app', 'core/venues/ibkr/data/fixture.ts', "export { startEngine } from '../../../app/engine';", /never imports the app/],
  ['venues write no Redis: the store does', 'core/venues/alphavantage/fixture.ts', "export { keys } from '../../store/keys';", /never imports the app, the store/],
  ['venues hold no Redis client', 'core/venues/ibkr/data/fixture.ts', "export type { Redis } from 'ioredis';", /writes no Redis/],
  ['venues do not run the detectors', 'core/venues/ibkr/data/fixture.ts', "export { SweepDetector } from '../../../analytics/sweepDetector';", /analytics/],
  ['analytics imports only market/, bus/ and itself (not the runtime)', 'core/analytics/fixture.ts', "export { Topic } from '../runtime/topic';", /imports only market\/, bus\/ and itself/],
  ['analytics imports only market/, bus/ and itself (not a venue)', 'core/analytics/fixture.ts', "export { DepthBook } from '../venues/ibkr/data/depthBook';", /imports only market\/, bus\/ and itself/],
  ['analytics imports only market/, bus/ and itself (not the contract)', 'core/analytics/fixture.ts', "export type { Health } from '../contract/contract';", /imports only market\/, bus\/ and itself/],
  ['only the composition root imports the simulator (store)', 'core/store/fixture.ts', "export { createMarketModel } from '../sim/market/marketModel';", /simulator/],
  ['only the composition root imports the simulator (a venue)', 'core/venues/ibkr/connection/fixture.ts', "export { startGateway } from '../../../sim/gateway/gateway';", /simulator/],
  ['only the composition root imports the simulator (runtime)', 'core/runtime/fixture.ts', "export { startSimulatedMarket } from '../sim/simulatedMarket';", /(simulator|depends on none)/],
  ['the simulator imports no product code beyond market/ (store)', 'core/sim/market/fixture.ts', "export { keys } from '../../store/keys';", /beyond market\//],
  ['the simulator imports no product code beyond market/ (analytics pricing)', 'core/sim/market/fixture.ts', "export { blackScholes } from '../../analytics/blackScholes';", /beyond market\//],
  ['the simulator imports no product code beyond market/ (runtime)', 'core/sim/gateway/fixture.ts', "export type { EngineModule } from '../../runtime/supervisor';", /beyond market\//],
  ['the contract imports only market/ and itself (not a venue)', 'core/contract/fixture.ts', "export type { IbkrFeedState } from '../venues/ibkr/data/ibkrMarketData';", /only market\/ and its own types/],
  ['the contract imports only market/ and itself (not the app)', 'core/contract/fixture.ts', "export { CockpitStreams } from '../app/cockpit/cockpitStreams';", /only market\/ and its own types/],
  ['the contract is browser-safe', 'core/contract/fixture.ts', "export { readFileSync } from 'node:fs';", /browser-safe/],
  ['execution reaches the venue only through its port', 'core/execution/fixture.ts', "export { IbkrMarketData } from '../venues/ibkr/data/ibkrMarketData';", /ExecutionVenue port/],
  ['execution writes Redis only through its store port', 'core/execution/fixture.ts', "export type { Redis } from 'ioredis';", /store port/],
  ['discovery imports only market/ (not analytics)', 'core/discovery/fixture.ts', "export { VpinCalculator } from '../analytics/vpin';", /discovery\/ holds pure parameter-discovery methods/],
  ['discovery imports only market/ (not the store)', 'core/discovery/fixture.ts', "export { keys } from '../store/keys';", /discovery\/ holds pure parameter-discovery methods/],
  ['discovery does no I/O', 'core/discovery/fixture.ts', "export type { Redis } from 'ioredis';", /does no I\/O/],
  ['signals reach orders only through the bus (not execution)', 'core/signals/fixture.ts', "export { OrderManager } from '../execution/orderManager';", /signals\/ turns a snapshot into proposals/],
  ['signals do no I/O', 'core/signals/fixture.ts', "export type { Redis } from 'ioredis';", /signals\/ does no I\/O/],
  ['distribution keeps its outbox through its store port (not the store)', 'core/distribution/fixture.ts', "export { keys } from '../store/keys';", /distribution\/ renders messages/],
  ['distribution holds no Redis client', 'core/distribution/fixture.ts', "export type { Redis } from 'ioredis';", /OutboxStore port/],
  ['distribution does not reach into the app', 'core/distribution/channels/fixture.ts', "export { startEngine } from '../../app/engine';", /distribution\/ renders messages/],
  ['the renderer imports only the contract', 'renderer/src/panels/fixture.ts', "export type { Quote } from '../../../core/market/quote';", /only through the contract/],
  ['the renderer imports nothing of the store', 'renderer/src/fixture.ts', "export { keys } from '../../core/store/keys';", /only through the contract/],
];

const allowed: Array<[what: string, path: string, code: string]> = [
  ['analytics importing market/ and bus/', 'core/analytics/fixture.ts', "export type { Trade } from '../market/trade';\nexport type { EngineBus } from '../bus/catalogue';\nexport { median } from 'simple-statistics';"],
  ['discovery importing market/ and a statistics library', 'core/discovery/fixture.ts', "export type { Bar } from '../market/bar';\nexport { sampleCorrelation } from 'simple-statistics';"],
  ['a venue importing the bus, market/, the contract’s types and the runtime kernel', 'core/venues/ibkr/data/fixture.ts', "export type { EngineBus } from '../../../bus/catalogue';\nexport type { Quote } from '../../../market/quote';\nexport type { IngestionState } from '../../../contract/ingestionState';\nexport type { ModuleContext } from '../../../runtime/supervisor';"],
  ['the composition root importing the simulator and everything else', 'core/app/fixture.ts', "export { startSimulatedMarket } from '../sim/simulatedMarket';\nexport { keys } from '../store/keys';\nexport { IbkrMarketData } from '../venues/ibkr/data/ibkrMarketData';"],
  ['execution importing market/, the bus and risk', 'core/execution/fixture.ts', "export type { Fill } from '../market/order';\nexport type { EngineBus } from '../bus/catalogue';\nexport type { TradingStateService } from '../risk/tradingState';"],
  ['the simulator importing market/', 'core/sim/market/fixture.ts', "export { etToUtc } from '../../market/newYorkTime';\nexport { TICK } from '../../market/tickTypes';"],
  ['the contract importing market/ and itself', 'core/contract/fixture.ts', "export type { Quote } from '../market/quote';\nexport type { Health } from './contract';"],
  ['discovery importing market/ and simple-statistics', 'core/discovery/fixture.ts', "export type { Trade } from '../market/trade';\nexport { ckmeans } from 'simple-statistics';"],
  ['signals importing market/, the bus and analytics', 'core/signals/fixture.ts', "export type { Quote } from '../market/quote';\nexport type { EngineBus } from '../bus/catalogue';\nexport { blackScholes } from '../analytics/blackScholes';"],
  ['distribution importing market/, the contract and axios', 'core/distribution/fixture.ts', "export type { Fill } from '../market/order';\nexport type { ChannelName } from '../contract/distributionView';\nexport { default as axios } from 'axios';"],
  ['the renderer importing the contract', 'renderer/src/panels/fixture.ts', "export type { Quote } from '../../../core/contract/contract';\nexport { quoteChange } from '../../../core/contract/quoteFigures';"],
];

describe('lint keeps the layers apart', () => {
  it.each(breaking)('fails a file that breaks the rule: %s', async (_rule, path, code, message) => {
    const problems = await importProblems(path, code);
    expect(problems, `${path} should fail lint`).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it.each(allowed)('passes what the design allows: %s', async (_what, path, code) => {
    expect(await importProblems(path, code)).toEqual([]);
  });
});
