import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplay, type ReplayResult } from '../../../core/app/replay/replayRun';
import { sessionFileSource, simulatedSessionSource } from '../../../core/app/replay/replaySource';
import { simulatedAlphaVantageFor } from '../../../core/app/replay/simulatedAlphaVantage';
import type { AppConfig } from '../../../core/config/configSchema';
import { loadConfigFile } from '../../../core/config/loadConfig';
import { createMarketModel } from '../../../core/sim/market/marketModel';
import { recordSession, type ReplayEvent } from '../../../core/sim/replay';
import { sentimentSnapshot, upTechnicals } from '../../support/alphaVantageFacts';
import { writeTestConfig } from '../../support/engineProcess';
import { tempDir } from '../../support/testRedis';
import { ORDER_PATH_RISK } from '../execution/executionHarness';

/** The swing rule on AAPL and the 1DTE rule on SPY, both open all day; the others off. */
const SWING_AND_ONE_DTE = {
  zeroDte: { enabled: false }, mocImbalance: { enabled: false },
  swing: { symbols: ['AAPL'], window: { from: '09:30', to: '16:00' }, maxQuantity: 50, maxOrdersPerHour: 30 },
  oneDte: { symbols: ['SPY'], window: { from: '09:30', to: '16:00' }, dayMovePercent: 0.5, minConfirmations: 0, maxQuantity: 50, maxOrdersPerHour: 30 },
};

const play = (file: string, config: AppConfig): Promise<ReplayResult> => runReplay(sessionFileSource(file), config, Number.POSITIVE_INFINITY);
const proposalsOf = (result: ReplayResult, strategy: string) => result.proposals.filter((p) => p.strategy === strategy);
const firstLast = (events: ReplayEvent[], symbol: string) => events.find((e) => e.type === 'quote' && e.data.symbol === symbol)!.data as { last: number };

/** A recorded chain line with a fifth of its puts' volume: call premium dominates SPY's options flow. */
function callHeavy(line: string): string {
  const event = JSON.parse(line) as ReplayEvent;
  if (event.type !== 'options' || event.underlying !== 'SPY') return line;
  return JSON.stringify({ ...event, data: event.data.map((o) => (o.spec.right === 'P' ? { ...o, volume: Math.round(o.volume / 5) } : o)) });
}

/**
 * Ten minutes of the seeded market (SPY and AAPL with their chains each minute, SPY's puts thinned so its flow leans to
 * calls), recorded by the simulator's recorder, written twice: as the engine's --record writes a day — with SPY's
 * previous close (1.5% below the open) and AAPL's technicals (MACD histogram > 0, RSI 60, price above the Bollinger
 * middle) and news (+0.3 over 12 articles) — and without those facts.
 */
describe('npm run replay with the previous close, technicals and sentiment recorded', () => {
  let config: AppConfig;
  let withFacts: string;
  let withoutFacts: string;
  let first: ReplayResult;
  let previousClose: number;

  beforeAll(async () => {
    const dir = tempDir('alphatrader-replay-facts-');
    const recorded = path.join(dir, 'recorded.jsonl');
    const model = createMarketModel({ seed: 42, symbols: ['SPY', 'AAPL'] });
    const recorder = recordSession(model, recorded, { optionUnderlyings: ['SPY', 'AAPL'], optionsEveryMs: 60_000, depth: false });
    model.advance(10 * 60_000);
    await recorder.stop();
    const [header, ...recordedLines] = fs.readFileSync(recorded, 'utf8').trimEnd().split('\n');
    const lines = recordedLines.map(callHeavy);
    withoutFacts = path.join(dir, 'market.jsonl');
    fs.writeFileSync(withoutFacts, [header, ...lines].join('\n') + '\n');
    const { startTs } = JSON.parse(header!) as { startTs: number };
    const events = lines.slice(0, 5_000).map((l) => JSON.parse(l) as ReplayEvent);
    previousClose = Math.round((firstLast(events, 'SPY').last / 1.015) * 100) / 100;
    const facts: ReplayEvent[] = [
      { t: startTs, type: 'previousClose', data: { symbol: 'SPY', close: previousClose } },
      ...upTechnicals('AAPL', startTs - 60_000, Math.round(firstLast(events, 'AAPL').last * 0.98 * 100) / 100).map((data): ReplayEvent => ({ t: startTs, type: 'technicals', data })),
      { t: startTs, type: 'sentiment', data: sentimentSnapshot('AAPL', 0.3, 12, startTs - 120_000) },
    ];
    withFacts = path.join(dir, 'day.jsonl');
    fs.writeFileSync(withFacts, [header, ...facts.map((f) => JSON.stringify(f)), ...lines].join('\n') + '\n');
    config = loadConfigFile(await writeTestConfig({ signals: SWING_AND_ONE_DTE, risk: ORDER_PATH_RISK }));
    first = await play(withFacts, config);
  }, 120_000);

  it('the swing rule proposes a call on AAPL, its reasons naming the MACD histogram, RSI, the Bollinger middle and the news', () => {
    const [swing] = proposalsOf(first, 'swing');
    expect(swing).toMatchObject({ symbol: 'AAPL', side: 'buy', instrument: expect.stringMatching(/^AAPL \d{4}-\d{2}-\d{2} \d+(\.\d+)? call$/) });
    expect(swing!.reasons.slice(0, 4)).toEqual(['MACD histogram 0.12', 'RSI 60', expect.stringMatching(/^price vs Bollinger middle \d+(\.\d+)?$/), 'news sentiment 0.3']);
    expect(first.problems).toEqual([]);
  });

  it('the 1DTE rule proposes a call on SPY from the day’s move against the recorded previous close, the options flow confirming', () => {
    const oneDte = proposalsOf(first, 'oneDte');
    expect(oneDte[0]).toMatchObject({ symbol: 'SPY', side: 'buy', instrument: expect.stringMatching(/^SPY \d{4}-\d{2}-\d{2} \d+(\.\d+)? call$/) });
    const dayMove = Number(/^day move (-?\d+(\.\d+)?)$/.exec(oneDte[0]!.reasons[0]!)![1]);
    expect(dayMove).toBeGreaterThan(1);
    expect(dayMove).toBeLessThan(2); // 1.5% at the open, and ten minutes of SPY's drift
    // The flow is computed from the replayed chains from the first one on: the premium put/call ratio leans to calls.
    const putCall = oneDte.flatMap((p) => p.reasons.filter((r) => r.startsWith('premium put/call ')));
    expect(putCall.length).toBeGreaterThan(0);
    for (const reason of putCall) expect(Number(reason.slice('premium put/call '.length))).toBeLessThanOrEqual(0.7);
  });

  it('the same file without those facts: both rules stay quiet', async () => {
    const without = await play(withoutFacts, config);
    expect(proposalsOf(without, 'swing')).toEqual([]);
    expect(proposalsOf(without, 'oneDte')).toEqual([]);
    expect(without.strategies.map((s) => [s.strategy, s.proposals])).toEqual([['oneDte', 0], ['swing', 0]]);
    expect(without.problems).toEqual([]);
  }, 120_000);

  it('the same file with the same settings gives the same proposals and results', async () => {
    const second = await play(withFacts, config);
    expect(second.proposals).toEqual(first.proposals);
    expect(second.strategies).toEqual(first.strategies);
    expect(second.events).toBe(first.events);
  }, 120_000);
});

describe('npm run replay refuses a malformed fact', () => {
  it('a technicals event with a value that is not a number: exit code 2, naming the line and the field', async () => {
    const file = path.join(tempDir('alphatrader-replay-'), 'bad.jsonl');
    const [macd] = upTechnicals('AAPL', 0, 238);
    const bad = { t: 1, type: 'technicals', data: { ...macd, latest: { ...macd!.latest, values: { histogram: 'up' } } } };
    fs.writeFileSync(file, `{"type":"header","format":"alphatrader-session","version":1,"startTs":0,"symbols":[]}\n${JSON.stringify(bad)}\n`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/app/replay/replayCli.ts', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toBe('replay: line 2: data.latest.values.histogram: Invalid input: expected number, received string (the replay stopped there; nothing is reported)\n');
    expect(stdout).toBe('');
  }, 60_000);
});

describe('a replay of the seeded simulated market', () => {
  it('gives the swing rule the simulated Alpha Vantage endpoint’s technicals, the same twice', async () => {
    const configPath = await writeTestConfig({
      signals: { ...SWING_AND_ONE_DTE, oneDte: { enabled: false }, swing: { ...SWING_AND_ONE_DTE.swing, minConfirmations: 1 } },
      risk: ORDER_PATH_RISK,
    });
    const simConfig = loadConfigFile(configPath);
    const source = () => simulatedSessionSource({ seed: 7, symbols: ['AAPL'], durationMs: 10 * 60_000, optionUnderlyings: ['AAPL'], optionsEveryMs: 60_000, alphaVantage: simulatedAlphaVantageFor(simConfig) });
    const once = await runReplay(source(), simConfig, Number.POSITIVE_INFINITY);
    const again = await runReplay(source(), simConfig, Number.POSITIVE_INFINITY);
    const [swing] = proposalsOf(once, 'swing');
    expect(swing).toMatchObject({ symbol: 'AAPL', side: 'buy' });
    expect(swing!.reasons[0]).toMatch(/^MACD histogram -?\d/);
    expect(again.proposals).toEqual(once.proposals);
    expect(once.problems).toEqual([]);
  }, 120_000);
});
