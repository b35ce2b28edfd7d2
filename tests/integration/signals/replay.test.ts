import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runReplay, type ReplayResult } from '../../../core/app/replay/replayRun';
import { simulatedSessionSource } from '../../../core/app/replay/replaySource';
import { loadConfigFile } from '../../../core/config/loadConfig';
import { createMarketModel } from '../../../core/sim/market/marketModel';
import { recordSession } from '../../../core/sim/replay';
import { writeTestConfig } from '../../support/engineProcess';
import { tempDir } from '../../support/testRedis';
import { ORDER_PATH_RISK } from '../execution/executionHarness';

/** `npm run replay` as the trader runs it: its own process, its exit code, stdout and stderr. */
function runReplayCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/app/replay/replayCli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** The 0DTE rule opened up so it fires on the seeded market's moves: any hour, a 1σ move, no confirmation needed. */
const ZERO_DTE_ON = {
  zeroDte: { symbols: ['SPY'], window: { from: '00:00', to: '23:59' }, momentumZ: 1, minConfirmations: 0, maxQuantity: 50, maxOrdersPerHour: 30 },
  oneDte: { enabled: false }, swing: { enabled: false }, mocImbalance: { enabled: false },
};

/**
 * A session recorded from the seeded simulated market (SPY's quotes, prints, bars and its option chain each minute),
 * replayed twice through the whole decision loop by the command itself.
 */
describe('npm run replay on a recorded session', () => {
  let sessionFile: string;
  let configPath: string;
  let first: ReplayResult;
  let second: ReplayResult;

  beforeAll(async () => {
    sessionFile = path.join(tempDir('alphatrader-replay-'), 'session.jsonl');
    const model = createMarketModel({ seed: 42, symbols: ['SPY'] });
    // Without Level 2 books: the simulator's recorder writes every book change, and the 0DTE rule needs none here.
    const recorder = recordSession(model, sessionFile, { optionUnderlyings: ['SPY'], optionsEveryMs: 60_000, depth: false });
    model.advance(20 * 60_000);
    await recorder.stop();
    configPath = await writeTestConfig({ signals: ZERO_DTE_ON, risk: ORDER_PATH_RISK });
    const runs = await Promise.all([1, 2].map(() => runReplayCli([sessionFile, '--config', configPath, '--json'])));
    for (const run of runs) expect(run.stderr).toBe('');
    [first, second] = runs.map((run) => JSON.parse(run.stdout) as ReplayResult) as [ReplayResult, ReplayResult];
  }, 120_000);

  it('the 0DTE strategy proposes from the recorded market', () => {
    expect(first.proposals.length).toBeGreaterThan(0);
    expect(first.proposals[0]).toMatchObject({ strategy: 'zeroDte', symbol: 'SPY', side: 'buy', instrument: expect.stringMatching(/^SPY 2025-01-06 \d+(\.\d+)? (call|put)$/) });
    expect(first.proposals[0]!.reasons[0]).toMatch(/^momentum /);
    expect(first.problems).toEqual([]);
  });

  it('the same file with the same settings gives the same proposals, at the same times and prices, and the same results', () => {
    const key = (r: ReplayResult) => r.proposals.map((p) => ({ id: p.id, createdAt: p.createdAt, limitPrice: p.limitPrice, quantity: p.quantity, instrument: p.instrument, fate: p.fate, pnl: p.pnl }));
    expect(key(second)).toEqual(key(first));
    expect(second.strategies).toEqual(first.strategies);
    expect(second.events).toBe(first.events);
  });

  it("each strategy's counts are the proposals listed", () => {
    const zeroDte = first.strategies.find((s) => s.strategy === 'zeroDte')!;
    const mine = first.proposals.filter((p) => p.strategy === 'zeroDte');
    expect(zeroDte.proposals).toBe(mine.length);
    expect(zeroDte.approved).toBe(mine.filter((p) => p.fate === 'approved').length);
    expect(zeroDte.refusedByRisk).toBe(mine.filter((p) => p.preCheck !== 'passed' || p.fate.startsWith('refused')).length);
    expect(zeroDte.expired).toBe(mine.filter((p) => p.fate === 'expired').length);
    expect(zeroDte.fills).toBe(mine.filter((p) => p.filled).length);
    expect(zeroDte.markedPnl).toBeCloseTo(mine.reduce((sum, p) => sum + (p.pnl ?? 0), 0), 2);
  });

  it('prints the results as tables without --json', async () => {
    const run = await runReplayCli([sessionFile, '--config', configPath]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Replay of ${sessionFile}`);
    expect(run.stdout).toMatch(/strategy\s+symbols\s+proposals\s+approved\s+refused by risk/);
    expect(run.stdout).toContain(first.proposals[0]!.id);
  }, 60_000);
});

describe('a replay of the seeded simulated market', () => {
  it('gives the same proposals twice, and the 1DTE rule has the previous close it needs', async () => {
    const configPath = await writeTestConfig({
      signals: { oneDte: { symbols: ['SPY'], window: { from: '09:30', to: '16:00' }, dayMovePercent: 0.05, minConfirmations: 0, maxQuantity: 50 }, zeroDte: { enabled: false }, swing: { enabled: false }, mocImbalance: { enabled: false } },
      risk: ORDER_PATH_RISK,
    });
    const config = loadConfigFile(configPath);
    const play = () => runReplay(simulatedSessionSource({ seed: 7, symbols: ['SPY'], durationMs: 10 * 60_000, optionUnderlyings: ['SPY'], optionsEveryMs: 60_000 }), config, Number.POSITIVE_INFINITY);
    const first = await play();
    const second = await play();
    expect(first.proposals.length).toBeGreaterThan(0);
    expect(first.proposals[0]!.reasons[0]).toMatch(/^day move /);
    expect(second.proposals).toEqual(first.proposals);
    expect(second.strategies).toEqual(first.strategies);
  }, 120_000);
});

describe('npm run replay refuses what it cannot play', () => {
  it('a missing file: exit code 2, naming the file', async () => {
    const missing = path.join(tempDir('alphatrader-replay-'), 'nowhere.jsonl');
    const run = await runReplayCli([missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('replay: cannot read the session file');
    expect(run.stderr).toContain(missing);
  });

  it('a file that is not a session: exit code 2, naming the problem', async () => {
    const file = path.join(tempDir('alphatrader-replay-'), 'bad.jsonl');
    fs.writeFileSync(file, 'time,price\n1,2\n');
    const run = await runReplayCli([file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('replay: line 1: not JSON\n');
  });

  it('a session with a malformed event: exit code 2, naming the line and the field, and no report', async () => {
    const file = path.join(tempDir('alphatrader-replay-'), 'bad.jsonl');
    fs.writeFileSync(file, '{"type":"header","format":"alphatrader-session","version":1,"startTs":0,"symbols":[]}\n{"t":1,"type":"quote","data":{"symbol":"SPY"}}\n');
    const run = await runReplayCli([file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^replay: line 2: data\.bid: .*\(the replay stopped there; nothing is reported\)/);
    expect(run.stdout).toBe('');
  });

  it('a bad --speed: exit code 2, naming the value', async () => {
    const run = await runReplayCli(['--speed', 'fast']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--speed must be a positive number or "max", got "fast"');
  });
});
