import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ContractClient } from '../../../core/contract/contractClient';
import { ContractError, type DiscoveryView, type StreamEvent } from '../../../core/contract/contract';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import { contractOf, eventually, healthOf } from '../../support/engineContract';
import { LIGHT_SYMBOLS, shippedConfig, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';
import { startInProcessEngine } from '../../support/inProcessEngine';

describe('parameter discovery in the running engine', () => {
  let engine: EngineProcess | undefined;
  let close: (() => void) | undefined;
  afterEach(async () => {
    close?.();
    await engine?.stop();
  });

  it('runDiscovery over the contract produces a new run on the discovery stream, in discovered.yaml and in Health', async () => {
    engine = await startEngineProcess({ configPath: await writeTestConfig({ symbols: LIGHT_SYMBOLS }) });
    const cockpit = await contractOf(engine);
    close = cockpit.close;
    const views: Array<StreamEvent<DiscoveryView>> = [];
    cockpit.client.subscribe('discovery', {}, (event) => views.push(event));
    await eventually('the discovery stream', () => views.length > 0, 10_000);
    expect(views[0]!.value).toMatchObject({ latest: null, running: null, runs: [], intervalMinutes: 15, nextRunAt: expect.any(Number) });

    const progress = await cockpit.client.call('runDiscovery', { reason: 'engine test' });
    expect(progress).toMatchObject({ trigger: 'manual', total: LIGHT_SYMBOLS.length + 2 });
    await eventually('the run on the stream', () => views.at(-1)!.value.latest?.id === progress.id, 60_000, 100);
    const view = views.at(-1)!.value;
    expect(view.running).toBeNull();
    expect(view.runs[0]).toMatchObject({ id: progress.id, trigger: 'manual', reason: 'engine test', error: null });
    expect(view.latest!.symbols.map((s) => s.symbol)).toEqual(LIGHT_SYMBOLS.map((s) => s.symbol));
    expect(views.some((e) => e.value.running?.id === progress.id), 'its progress was shown').toBe(true);

    const yaml = parse(fs.readFileSync(path.join(engine.dataDir, 'discovered.yaml'), 'utf8')) as { run: { id: number } };
    expect(yaml.run.id).toBe(progress.id);
    const live = engine;
    const health = await eventually('Health to show the run (it is taken each second)', async () => {
      const h = await healthOf(live);
      return h.modules.discovery?.detail.runs === 1 ? h : null;
    }, 10_000);
    expect(health.modules.discovery).toMatchObject({ state: 'running', detail: { runs: 1, failures: 0, running: false, lastError: null } });
  }, 120_000);
});

describe('parameter discovery switched off', () => {
  it('the stream and the command answer UNAVAILABLE, naming the setting', async () => {
    const configPath = await writeTestConfig({ symbols: LIGHT_SYMBOLS, discovery: { ...shippedConfig().discovery, enabled: false } });
    const { engine } = await startInProcessEngine({ configPath, webBridge: false });
    try {
      const pair = createMemoryPair();
      engine.contract.serve(pair.server, 'discovery-off-test');
      const cockpit = new ContractClient(pair.client);
      const errors: ContractError[] = [];
      cockpit.subscribe('discovery', {}, () => undefined, (error) => errors.push(error));
      await eventually('the stream’s answer', () => errors.length > 0, 10_000);
      expect(errors[0]).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('discovery.enabled') });
      await expect(cockpit.call('runDiscovery', { reason: 'off' })).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('discovery.enabled') });
      expect(engine.health().modules.discovery?.detail).toMatchObject({ enabled: false, runs: 0 });
    } finally {
      await engine.stop();
    }
  }, 60_000);
});
