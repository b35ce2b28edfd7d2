import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../core/app/engine';
import { readSymbolHistory } from '../../../core/store/discoveryHistory';
import { keys } from '../../../core/store/keys';
import { eventually } from '../../support/eventually';
import { LIGHT_SYMBOLS, writeTestConfig } from '../../support/engineProcess';
import { startInProcessEngine } from '../../support/inProcessEngine';

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.stop();
  engine = undefined;
});

describe('parameter discovery history in the engine', () => {
  it('keeps the simulated market’s prints, bars and Level 2 snapshots in Redis, and after a restart still has them and appends', async () => {
    const configPath = await writeTestConfig({ symbols: LIGHT_SYMBOLS });
    const first = await startInProcessEngine({ configPath, webBridge: false });
    engine = first.engine;
    const redis = () => engine!.redis.client;
    await eventually('SPY prints, bars and book snapshots in the history', async () =>
      (await redis().xlen(keys.history.trades('SPY').key)) >= 2
      && (await redis().xlen(keys.history.books('SPY').key)) >= 2
      && (await redis().xlen(keys.history.bars('SPY').key)) >= 1
      && (await redis().xlen(keys.history.trades('AAPL').key)) >= 1);
    const before = await readSymbolHistory(redis(), 'SPY', 0, Date.now());
    expect(before.books[0]!.bids.length).toBeGreaterThan(0);
    expect(before.books[0]!.bids[0]).toMatchObject({ exchange: expect.any(String), marketMaker: expect.any(String) });
    await first.engine.stop();
    engine = undefined;
    const stoppedAt = Date.now();

    const second = await startInProcessEngine({ configPath, dataDir: first.dataDir, webBridge: false });
    engine = second.engine;
    const kept = await readSymbolHistory(redis(), 'SPY', 0, stoppedAt);
    expect(kept.trades.length).toBeGreaterThanOrEqual(before.trades.length);
    expect(kept.trades.slice(0, before.trades.length)).toEqual(before.trades);
    expect(kept.bars.slice(0, before.bars.length)).toEqual(before.bars);
    await eventually('new SPY prints after the restart', async () => (await readSymbolHistory(redis(), 'SPY', stoppedAt + 1, Date.now())).trades.length > 0);
  });
});
