import { describe, expect, it } from 'vitest';
import { dependencyOrder, Supervisor, type EngineModule, type ModuleContext } from '../../../core/runtime/supervisor';

function recordingModule(name: string, log: string[], dependsOn: string[] = []): EngineModule {
  return {
    name,
    dependsOn,
    start: async () => void log.push(`start ${name}`),
    stop: async () => void log.push(`stop ${name}`),
  };
}

const waitFor = async (condition: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('Supervisor', () => {
  it('starts modules in dependency order and stops them in reverse', async () => {
    const log: string[] = [];
    const supervisor = new Supervisor({ heartbeatMs: 1_000 });
    await supervisor.start([recordingModule('bridge', log, ['engine']), recordingModule('engine', log, ['redis']), recordingModule('redis', log)]);
    await supervisor.stop();
    expect(log).toEqual(['start redis', 'start engine', 'start bridge', 'stop bridge', 'stop engine', 'stop redis']);
  });

  it('refuses unknown dependencies and cycles', () => {
    expect(() => dependencyOrder([recordingModule('a', [], ['missing'])])).toThrow(/unknown module missing/);
    expect(() => dependencyOrder([recordingModule('a', [], ['b']), recordingModule('b', [], ['a'])])).toThrow(/cycle/);
  });

  it('shows a module that throws on start as failed and restarts it with backoff until it runs', async () => {
    let attempts = 0;
    const flaky: EngineModule = {
      name: 'flaky',
      start: async () => {
        attempts++;
        if (attempts < 3) throw new Error(`boom ${attempts}`);
      },
      stop: async () => undefined,
    };
    const supervisor = new Supervisor({ heartbeatMs: 1_000, restartInitialMs: 20 });
    await supervisor.start([flaky]);
    expect(supervisor.health().flaky).toMatchObject({ state: 'failed', error: 'boom 1' });
    await waitFor(() => supervisor.health().flaky?.state === 'running');
    expect(supervisor.health().flaky).toMatchObject({ restarts: 2, error: null });
    await supervisor.stop();
  });

  it('restarts a running module that reports a failure, and writes heartbeats only for live modules', async () => {
    let context: ModuleContext | undefined;
    let starts = 0;
    const beats: Array<Record<string, { state: string }>> = [];
    const crashing: EngineModule = {
      name: 'feed',
      start: async (ctx) => {
        starts++;
        context = ctx;
      },
      stop: async () => undefined,
    };
    const supervisor = new Supervisor({ heartbeatMs: 10, restartInitialMs: 30, onHeartbeat: (m) => void beats.push(m) });
    await supervisor.start([crashing]);
    context!.fail(new Error('socket died'));
    expect(supervisor.health().feed).toMatchObject({ state: 'failed', error: 'socket died' });
    await waitFor(() => starts === 2 && supervisor.health().feed?.state === 'running');
    expect(beats.some((b) => b.feed?.state === 'failed')).toBe(true);
    await supervisor.stop();
    expect(supervisor.health().feed?.state).toBe('stopped');
  });
});
