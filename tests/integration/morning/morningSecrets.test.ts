import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MorningAnalysisView, StreamEvent } from '../../../core/contract/contract';
import { keys } from '../../../core/store/keys';
import { MORNING_DIR } from '../../../core/store/morningAnalysisStore';
import { contractOf, eventually, redisOf } from '../../support/engineContract';
import { LIGHT_SYMBOLS, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';
import { startFakeChatCompletions, type FakeChatCompletions } from '../../support/fakeChatCompletions';
import { morningConfig } from './morningEngine';

const KEY = 'sk-proj-SECRET-4b8e1f7d2a9c';

describe('the LLM key in the engine process', () => {
  let engine: EngineProcess | undefined;
  let fake: FakeChatCompletions | undefined;
  let close: (() => void) | undefined;
  afterEach(async () => {
    close?.();
    await engine?.stop();
    await fake?.close();
  });

  it('never appears in the engine\'s log, its stored analyses or Redis, whether the provider refuses it, times out or answers', async () => {
    fake = await startFakeChatCompletions([{ status: 401, error: { message: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.`, type: 'invalid_request_error', code: 'invalid_api_key' } }]);
    const configPath = await writeTestConfig({ symbols: LIGHT_SYMBOLS, morningAnalysis: morningConfig(fake.baseUrl, { timeoutSeconds: 1, maxRetries: 1 }) });
    engine = await startEngineProcess({ configPath, env: { OPENAI_API_KEY: KEY, LOG_LEVEL: 'debug' } });
    const cockpit = await contractOf(engine);
    close = cockpit.close;
    const views: Array<StreamEvent<MorningAnalysisView>> = [];
    cockpit.client.subscribe('morningAnalysis', {}, (event) => views.push(event));
    await eventually('the morningAnalysis stream', () => views.length > 0, 10_000);
    const analysed = async (count: number) => {
      await cockpit.client.call('runMorningAnalysis', { reason: `run ${count}` });
      return eventually(`analysis ${count}`, () => {
        const latest = views.at(-1)!.value.latest;
        return latest?.reason === `run ${count}` && views.at(-1)!.value.running === null ? latest : null;
      }, 30_000, 50);
    };

    const refused = await analysed(1);
    expect(refused).toMatchObject({ source: 'rules', error: expect.stringContaining('HTTP 401') });
    expect(refused.error).toContain('[redacted]');
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`); // it was sent, to the provider only
    fake.script([{ content: 'late', delayMs: 4_000 }]);
    expect((await analysed(2)).error).toContain('no answer within 1 s');
    fake.script([{ content: '# Fine' }]);
    expect(await analysed(3)).toMatchObject({ source: 'llm', markdown: '# Fine' });

    await eventually('the engine to log the analyses', () => engine!.output().includes('morning analysis stored') || null, 5_000);
    expect(engine.output()).not.toContain(KEY);
    const dir = path.join(engine.dataDir, MORNING_DIR);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(3);
    for (const file of files) expect(fs.readFileSync(path.join(dir, file), 'utf8')).not.toContain(KEY);
    const redis = redisOf(engine);
    try {
      const history = await redis.xrange(keys.morning.history.key, '-', '+');
      expect(history).toHaveLength(3);
      expect(JSON.stringify(history)).not.toContain(KEY);
    } finally {
      redis.disconnect();
    }
  }, 120_000);
});
