import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flipText, gapText } from '../../../core/app/morning/morningFormat';
import { RULES_HEADING } from '../../../core/app/morning/ruleSummary';
import type { MorningAnalysis } from '../../../core/market/morningAnalysis';
import { keys } from '../../../core/store/keys';
import { MORNING_DIR } from '../../../core/store/morningAnalysisStore';
import { eventually } from '../../support/eventually';
import { rateLimited, startFakeChatCompletions, type FakeChatCompletions } from '../../support/fakeChatCompletions';
import { ContractClient } from '../../../core/contract/contractClient';
import type { ContractError } from '../../../core/contract/contract';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import { LIGHT_SYMBOLS, writeTestConfig } from '../../support/engineProcess';
import { startInProcessEngine } from '../../support/inProcessEngine';
import { morningConfig, startMorningDesk, type MorningDesk } from './morningEngine';

const KEY = 'sk-morning-test-5d1e0c9a';
const NOTE = '# Morning note\n\nSPY opens above its flip.';

function storedFile(desk: MorningDesk, id: string): MorningAnalysis {
  return JSON.parse(fs.readFileSync(path.join(desk.dataDir, MORNING_DIR, `${id}.json`), 'utf8')) as MorningAnalysis;
}

describe('the morning analysis in the running engine, with a key and an OpenAI-compatible provider', () => {
  let fake: FakeChatCompletions;
  let desk: MorningDesk & { configPath: string };

  beforeAll(async () => {
    fake = await startFakeChatCompletions([{ content: NOTE }]);
    desk = await startMorningDesk({ baseUrl: fake.baseUrl, apiKey: KEY });
  }, 60_000);
  afterAll(async () => {
    await desk?.stop();
    await fake?.close();
  });

  it('assembles the day\'s data, sends it, stores the answer with its inputs in Redis and a file, and announces it', async () => {
    const spy = () => desk.engine.signals.book.snapshot('SPY');
    await eventually('SPY\'s GEX flip and prior close in the engine', () => spy().gex?.flip.level != null && spy().quote?.close != null, 50_000, 200);
    const running = await desk.cockpit.call('runMorningAnalysis', { reason: 'before the open' });
    expect(running).toMatchObject({ trigger: 'manual', requestedBy: expect.stringContaining('morning-test') });
    const view = await desk.nextAnalysis(0);

    const analysis = view.latest!;
    expect(analysis).toMatchObject({ source: 'llm', markdown: NOTE, model: 'gpt-test', error: null, reason: 'before the open', usage: { totalTokens: 1052 } });
    const inputs = analysis.inputs.symbols.find((s) => s.symbol === 'SPY')!;
    expect(inputs.gex?.flip).toEqual(expect.any(Number));
    expect(inputs.gap).not.toBeNull();
    const [request] = fake.requests;
    const user = request!.body.messages!.find((m) => m.role === 'user')!.content;
    expect(user).toContain(`flip ${flipText(inputs.gex!)}`);
    expect(user).toContain(gapText(inputs.gap!));
    expect(request!.body.model).toBe('gpt-test');

    expect(desk.notes[0]).toEqual({ id: analysis.id, tradingDay: analysis.tradingDay, createdAt: analysis.createdAt, source: 'llm', markdown: NOTE });
    const redis = desk.engine.redis.client;
    expect(JSON.parse((await redis.get(keys.morning.latest.key))!)).toEqual(analysis);
    const history = await redis.xrange(keys.morning.history.key, '-', '+');
    expect(history.at(-1)![1]).toEqual(['id', analysis.id, 'source', 'llm', 'analysis', JSON.stringify(analysis)]);
    expect(storedFile(desk, analysis.id)).toEqual(analysis);
    expect(analysis.id).toMatch(new RegExp(`^${analysis.tradingDay}-\\d+$`));
  }, 90_000);

  it('refuses a second analysis while one is being made', async () => {
    fake.script([{ content: 'slow', delayMs: 1_500 }, { content: NOTE }]);
    const count = desk.notes.length;
    await desk.cockpit.call('runMorningAnalysis', { reason: 'first' });
    await expect(desk.cockpit.call('runMorningAnalysis', { reason: 'second' })).rejects.toMatchObject({ code: 'REFUSED', message: expect.stringContaining('being made') });
    await desk.nextAnalysis(count);
  }, 60_000);

  it('after a 429 waits as the provider asked, then stores the answer', async () => {
    fake.script([rateLimited(1), { content: NOTE }]);
    const count = desk.notes.length;
    const before = fake.requests.length;
    await desk.cockpit.call('runMorningAnalysis', {});
    const view = await desk.nextAnalysis(count);
    expect(view.latest).toMatchObject({ source: 'llm', error: null });
    const [limited, answered] = fake.requests.slice(before);
    expect(answered!.at - limited!.at).toBeGreaterThanOrEqual(1_000);
  }, 60_000);

  it('when the provider keeps failing with 500, stores the rule-based summary with the error, and a new id', async () => {
    fake.script([{ status: 500, error: { message: 'The server had an error while processing your request' } }]);
    const count = desk.notes.length;
    const before = fake.requests.length;
    await desk.cockpit.call('runMorningAnalysis', {});
    const view = await desk.nextAnalysis(count);
    expect(fake.requests.length - before).toBe(3); // the first attempt and maxRetries: 2
    const analysis = view.latest!;
    expect(analysis).toMatchObject({ source: 'rules', model: null });
    expect(analysis.error).toContain('HTTP 500: The server had an error while processing your request');
    expect(analysis.markdown).toContain(RULES_HEADING);
    expect(analysis.markdown).toContain(analysis.error);
    expect(new Set(desk.notes.map((n) => n.id)).size).toBe(desk.notes.length);
    const detail = await eventually('Health to count it (taken each second)', () => {
      const d = desk.engine.health().modules.morningAnalysis?.detail;
      return d?.llmFailures === 1 ? d : null;
    }, 5_000);
    expect(detail).toMatchObject({ llmConfigured: true, storeFailures: 0, rules: 1 });
  }, 60_000);

  it('reads the newest analysis back after a restart', async () => {
    const latest = desk.views.at(-1)!.value.latest!;
    await desk.stop();
    desk = await startMorningDesk({ baseUrl: fake.baseUrl, apiKey: KEY, dataDir: desk.dataDir, configPath: desk.configPath });
    expect(desk.views.at(-1)!.value.latest).toEqual(latest);
  }, 60_000);
});

describe('the morning analysis without a key', () => {
  it('is the rule-based summary, labelled, and nothing is sent anywhere', async () => {
    const fake = await startFakeChatCompletions();
    const desk = await startMorningDesk({ baseUrl: fake.baseUrl });
    try {
      expect(desk.views[0]!.value.llm).toMatchObject({ configured: false, model: 'gpt-test' });
      await desk.cockpit.call('runMorningAnalysis', {});
      const view = await desk.nextAnalysis(0);
      expect(view.latest).toMatchObject({ source: 'rules', error: null, model: null });
      expect(view.latest!.markdown).toContain(RULES_HEADING);
      expect(view.latest!.inputs.symbols.map((s) => s.symbol)).toEqual(['SPY', 'AAPL']);
      expect(desk.notes[0]!.source).toBe('rules');
      expect(fake.requests).toHaveLength(0);
    } finally {
      await desk.stop();
      await fake.close();
    }
  }, 60_000);
});

describe('the morning analysis switched off', () => {
  it('the stream and the command answer UNAVAILABLE, naming the setting, and nothing is made', async () => {
    const configPath = await writeTestConfig({ symbols: LIGHT_SYMBOLS, morningAnalysis: morningConfig('http://127.0.0.1:9/v1', { enabled: false }) });
    const { engine, dataDir } = await startInProcessEngine({ configPath, webBridge: false });
    try {
      const pair = createMemoryPair();
      engine.contract.serve(pair.server, 'morning-off-test');
      const cockpit = new ContractClient(pair.client);
      const errors: ContractError[] = [];
      cockpit.subscribe('morningAnalysis', {}, () => undefined, (error) => errors.push(error));
      await eventually('the stream\'s answer', () => errors.length > 0, 10_000);
      expect(errors[0]).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('morningAnalysis.enabled') });
      await expect(cockpit.call('runMorningAnalysis', {})).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('morningAnalysis.enabled') });
      expect(fs.existsSync(path.join(dataDir, MORNING_DIR))).toBe(false);
    } finally {
      await engine.stop();
    }
  }, 60_000);
});
