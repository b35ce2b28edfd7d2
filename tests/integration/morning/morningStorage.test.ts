import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { MorningAnalysisModule } from '../../../core/app/morning/morningAnalysisModule';
import { createEngineBus } from '../../../core/bus/catalogue';
import { morningAnalysisSchema } from '../../../core/config/morningAnalysisSchema';
import type { MorningAnalysisNote } from '../../../core/market/morningAnalysis';
import { SnapshotBook } from '../../../core/signals/snapshotBook';
import { connectRedis } from '../../../core/store/redisConnection';
import { MORNING_DIR } from '../../../core/store/morningAnalysisStore';
import { startTestRedis, tempDir, type TestRedis } from '../../support/testRedis';
import { timeFarFromNow } from '../../support/fakeChatCompletions';

describe('storing the morning analysis', () => {
  let redis: TestRedis | undefined;
  let client: Redis | undefined;
  afterEach(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  async function moduleOn(dataDir: string) {
    redis = await startTestRedis();
    client = connectRedis(redis.url, 'morning-storage-test');
    await client.connect();
    const bus = createEngineBus(() => undefined);
    const book = new SnapshotBook({ bus, symbols: ['SPY'], chainSymbols: new Set(), maxChainDays: 1 });
    const config = morningAnalysisSchema.parse({ time: timeFarFromNow() });
    const module = new MorningAnalysisModule({ bus, redis: client, config, apiKey: undefined, dataDir, symbols: ['SPY'], snapshot: (s) => book.snapshot(s), positions: () => [], reportBadInput: () => undefined });
    const notes: MorningAnalysisNote[] = [];
    bus.subscribe('morningAnalysisReady', (note) => notes.push(note));
    return { module, notes };
  }

  it('with Redis down, still makes the analysis, writes its file, announces it and says it was not saved to Redis', async () => {
    const dataDir = tempDir('alphatrader-morning-store-');
    const { module, notes } = await moduleOn(dataDir);
    await module.start();
    await redis!.stop();
    redis = undefined;

    module.run('manual', { by: 'test', reason: 'Redis is down' });
    await module.whenIdle();
    const view = module.view();
    expect(view.running).toBeNull();
    expect(view.latest).toMatchObject({ source: 'rules', reason: 'Redis is down' });
    expect(view.latest!.id).toMatch(/^\d{4}-\d{2}-\d{2}-t\d+$/);
    expect(view.storeError).toContain('not saved to Redis');
    expect(notes.map((n) => n.id)).toEqual([view.latest!.id]);
    const file = path.join(dataDir, MORNING_DIR, `${view.latest!.id}.json`);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(view.latest);
    expect(fs.readdirSync(path.join(dataDir, MORNING_DIR))).toEqual([`${view.latest!.id}.json`]); // no temporary left
    await module.stop();
  });

  it('gives each analysis of a day the next number, and the data dir a file each', async () => {
    const dataDir = tempDir('alphatrader-morning-store-');
    const { module } = await moduleOn(dataDir);
    await module.start();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      module.run('manual');
      await module.whenIdle();
      ids.push(module.view().latest!.id);
    }
    const day = module.view().latest!.tradingDay;
    expect(ids).toEqual([`${day}-1`, `${day}-2`, `${day}-3`]);
    expect(fs.readdirSync(path.join(dataDir, MORNING_DIR)).sort()).toEqual(ids.map((id) => `${id}.json`));
    expect(module.view().storeError).toBeNull();
    await module.stop();
  });
});
