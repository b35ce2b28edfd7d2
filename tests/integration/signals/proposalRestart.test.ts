import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../core/app/engine';
import type { Bar } from '../../../core/market/bar';
import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import type { StrategySnapshot } from '../../../core/signals/strategySnapshot';
import type { ZeroDteSettings } from '../../../core/signals/zeroDte';
import { keys } from '../../../core/store/keys';
import { writeTestConfig } from '../../support/engineProcess';
import { eventually } from '../../support/eventually';
import { startInProcessEngine } from '../../support/inProcessEngine';
import { optionQuote } from '../../unit/signals/snapshotFixture';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
}, 30_000);

/** The 0DTE rule fires on this whatever the market does (its own chain and confirmations). */
function firing(now: number): StrategySnapshot {
  const bars: Bar[] = [];
  let close = 600;
  for (let i = 0; i <= 60; i++) {
    if (i > 0) close *= Math.exp(i <= 30 ? (i % 2 ? 0.0002 : -0.0002) : 0.0005);
    bars.push({ symbol: 'SPY', time: now - (61 - i) * 5_000, open: close, high: close, low: close, close, volume: 1_000, wap: close, count: 10 });
  }
  const gex = { spot: 609, totals: { gex: -2.5e9 }, flip: { level: 612, low: 490, high: 730 }, computedAt: now, chainAsOf: now } as unknown as GammaExposureUpdate;
  return {
    symbol: 'SPY', now, marketDate: '2026-12-07', marketMinute: 11 * 60, quote: null, bars, imbalance: null, gex, flow: null, discovered: null, technicals: null, sentiment: null,
    vpin: { symbol: 'SPY', vpin: 0.41, bucket: 80, time: now, cdf: 0.95, toxic: true, alert: true } as StrategySnapshot['vpin'], sweeps: [],
    chain: { symbol: 'SPY', asOf: now, quoteDate: null, skipped: 0, contracts: [optionQuote('2026-12-07', 'call', 612, 0.31, 1.15, 1.25)] }, positionQuantity: 0, workingOrders: 0,
  };
}

describe('proposals across an engine restart', () => {
  it('an open proposal is expired when the engine stops, and the next engine never reuses its id', async () => {
    const configPath = await writeTestConfig({ symbols: [{ symbol: 'SPY', dataClass: 'level2', etf: true, priority: true }] });
    const first = await startInProcessEngine({ configPath, webBridge: false });
    engine = first.engine;
    const run = { ...engine.signals.runs.zeroDte, settings: { ...(engine.signals.runs.zeroDte.settings as ZeroDteSettings), fromMinute: 0, toMinute: 1440 } };
    const before = await engine.signals.service.evaluate(run, firing(Date.now()));
    expect(before?.status).toBe('pending');
    await engine.stop();
    engine = (await startInProcessEngine({ configPath, dataDir: first.dataDir, webBridge: false })).engine;
    const history = await engine.redis.client.xrange(keys.signals.history.key, '-', '+');
    const fate = history.map(([, f]) => JSON.parse(f[f.indexOf('json') + 1]!) as { kind: string; id: string; decision?: { status: string } }).find((e) => e.kind === 'decided' && e.id === before!.id);
    expect(fate?.decision?.status).toBe('expired');
    expect(engine.signals.history.card('zeroDte')).toMatchObject({ proposed: 1, expired: 1 });
    const after = await eventually('a proposal from the restarted engine', () => engine!.signals.service.evaluate(run, firing(Date.now())));
    expect(Number(after.id.split('-').at(-1))).toBeGreaterThan(Number(before!.id.split('-').at(-1)));
  }, 90_000);
});
