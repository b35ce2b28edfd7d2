import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSessionReplay, readSessionFile } from '../../../core/sim/replay';
import { LIGHT_SYMBOLS, runEngineToExit, startEngineProcess, writeTestConfig } from '../../support/engineProcess';
import { eventually } from '../../support/eventually';
import { tempDir } from '../../support/testRedis';

const countLines = (file: string, type: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes(`"type":"${type}"`)).length : 0);

describe('recording a live session (--record)', () => {
  it('writes what the engine heard in the simulator’s session format, and the simulator plays it back', async () => {
    const file = path.join(tempDir('alphatrader-record-'), 'session.jsonl');
    const engine = await startEngineProcess({ configPath: await writeTestConfig({ symbols: LIGHT_SYMBOLS }), extraArgs: ['--record', file] });
    try {
      await eventually('two bars, a depth book and an option chain recorded', () => countLines(file, 'bar') >= 2 && countLines(file, 'depth') > 0 && countLines(file, 'options') > 0, 45_000, 250);
      await eventually('previous closes, technicals and news recorded', () => countLines(file, 'previousClose') >= 2 && countLines(file, 'technicals') >= 8 && countLines(file, 'sentiment') > 0, 45_000, 250);
    } finally {
      expect(await engine.stop()).toBe(0);
    }
    const session = readSessionFile(file);
    expect(session.symbols.map((s) => s.symbol)).toEqual(['SPY', 'AAPL']);
    expect(session.symbols.find((s) => s.symbol === 'SPY')).toMatchObject({ level2: true, isEtf: true });
    const byType = (type: string) => session.events.filter((e) => e.type === type);
    expect(byType('quote').length).toBeGreaterThan(0);
    expect(byType('trade').length).toBeGreaterThan(0);
    const chain = byType('options')[0]!;
    expect(chain).toMatchObject({ underlying: expect.stringMatching(/^(SPY|AAPL)$/) });
    if (chain.type === 'options') expect(chain.data[0]!.spec).toMatchObject({ multiplier: 100, right: expect.stringMatching(/^[CP]$/), expiry: expect.stringMatching(/^\d{8}$/) });
    // Bars keep TWS's start-in-seconds form, so the gateway serves them as it would live ones.
    const bar = byType('bar')[0]!;
    if (bar.type === 'bar') expect(bar.data.time).toBeLessThan(1e11);
    // What the strategies read beside the market: TWS's previous close, Alpha Vantage's four indicators and AAPL's news
    // (SPY is an ETF: no news), each written when the engine heard it.
    expect(new Set(byType('previousClose').map((e) => e.type === 'previousClose' && e.data.symbol))).toEqual(new Set(['SPY', 'AAPL']));
    for (const e of byType('previousClose')) if (e.type === 'previousClose') expect(e.data.close).toBeGreaterThan(0);
    const indicators = byType('technicals').map((e) => (e.type === 'technicals' ? `${e.data.symbol} ${e.data.indicator}` : ''));
    expect(new Set(indicators)).toEqual(new Set(['SPY', 'AAPL'].flatMap((s) => ['rsi', 'macd', 'bbands', 'atr'].map((i) => `${s} ${i}`))));
    expect(new Set(byType('sentiment').map((e) => e.type === 'sentiment' && e.data.score.symbol))).toEqual(new Set(['AAPL']));

    const replay = createSessionReplay({ path: file });
    let trades = 0;
    replay.on('trade', () => trades++);
    replay.advance(session.events.at(-1)!.t - session.startTs + 1);
    expect(trades).toBe(byType('trade').length);
    const lastClose = byType('previousClose').findLast((e) => e.type === 'previousClose' && e.data.symbol === 'SPY');
    if (lastClose?.type === 'previousClose') expect(replay.previousClose('SPY')).toBe(lastClose.data.close ?? undefined);
  }, 90_000);

  it('refuses to overwrite an existing recording, naming the file, with exit code 2', async () => {
    const file = path.join(tempDir('alphatrader-record-'), 'kept.jsonl');
    fs.writeFileSync(file, 'yesterday\n');
    const { code, stderr } = await runEngineToExit(['--config', await writeTestConfig(), '--data-dir', tempDir(), '--record', file]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--record: ${file} exists; name a new file`);
    expect(fs.readFileSync(file, 'utf8')).toBe('yesterday\n');
  });
});
