import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SessionRecorder } from '../../../core/app/sessionRecorder';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { SymbolConfig } from '../../../core/config/configSchema';
import { emptyQuote, type Quote } from '../../../core/market/quote';
import { readSessionFile } from '../../../core/sim/replay';
import { sentimentSnapshot, technicalSnapshot, upTechnicals } from '../../support/alphaVantageFacts';

const SYMBOLS: SymbolConfig[] = [
  { symbol: 'SPY', dataClass: 'level2', etf: true, priority: true },
  { symbol: 'AAPL', dataClass: 'standard', etf: false, priority: false },
];

const quote = (symbol: string, fields: Partial<Quote>): Quote => ({ ...emptyQuote(symbol), bid: 100, bidSize: 1, ask: 100.02, askSize: 1, last: 100.01, ts: 1, ...fields });

describe('the engine’s session recorder', () => {
  it('writes the previous close when it is first heard and when it changes, and each technicals and sentiment refresh, on the real bus', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'session-recorder-')), 'day.jsonl');
    const bus = createEngineBus();
    let now = 1_000;
    const recorder = new SessionRecorder({ bus, path: file, symbols: SYMBOLS, now: () => now });
    recorder.start();
    bus.publish('quoteChanged', quote('SPY', { close: null })); // no close yet: nothing to record
    now = 2_000;
    bus.publish('quoteChanged', quote('SPY', { close: 585.5 }));
    bus.publish('quoteChanged', quote('SPY', { close: 585.5, bid: 100.01 })); // the same close: not written again
    const technicals = upTechnicals('AAPL', 1_500, 240);
    for (const t of technicals) bus.publish('technicalsRefreshed', t);
    const news = sentimentSnapshot('AAPL', 0.3, 12, 1_700);
    bus.publish('sentimentRefreshed', news);
    bus.publish('technicalsRefreshed', technicalSnapshot('QQQ', 'rsi', { rsi: 40 }, 1_500)); // not a recorded symbol
    now = 3_000;
    bus.publish('quoteChanged', quote('SPY', { close: 590.25 })); // a new session's close
    bus.publish('quoteChanged', quote('SPY', { close: null })); // cleared by the venue
    await recorder.stop();

    const session = readSessionFile(file);
    const facts = session.events.filter((e) => e.type === 'previousClose' || e.type === 'technicals' || e.type === 'sentiment');
    expect(facts).toEqual([
      { t: 2_000, type: 'previousClose', data: { symbol: 'SPY', close: 585.5 } },
      ...technicals.map((data) => ({ t: 2_000, type: 'technicals', data })),
      { t: 2_000, type: 'sentiment', data: news },
      { t: 3_000, type: 'previousClose', data: { symbol: 'SPY', close: 590.25 } },
      { t: 3_000, type: 'previousClose', data: { symbol: 'SPY', close: null } },
    ]);
    // The close goes just before the quote that carried it, so a replay's quote has it.
    const types = session.events.map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['quote', 'previousClose', 'quote']);
  });

  it('skips a technicals snapshot that would not read back (an older engine’s, restored from Redis), so the recording still replays', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'session-recorder-')), 'day.jsonl');
    const bus = createEngineBus();
    const recorder = new SessionRecorder({ bus, path: file, symbols: SYMBOLS, now: () => 5_000 });
    recorder.start();
    const { interpretation: _dropped, ...old } = technicalSnapshot('AAPL', 'macd', { histogram: 0.1 }, 4_000);
    bus.publish('technicalsRefreshed', old as never);
    bus.publish('technicalsRefreshed', technicalSnapshot('AAPL', 'rsi', { rsi: 55 }, 4_000));
    await recorder.stop();
    const session = readSessionFile(file);
    expect(session.events.map((e) => (e.type === 'technicals' ? e.data.indicator : e.type))).toEqual(['rsi']);
  });
});
