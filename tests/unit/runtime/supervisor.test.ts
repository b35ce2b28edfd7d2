import { describe, expect, it, vi } from 'vitest';
import { dependencyOrder, ModuleStartError, Supervisor, type EngineModule, type ModuleContext } from '../../../core/runtime/supervisor';

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

  it('rejects its first start with the failing module and its reason, after starting the modules before it only', async () => {
    const log: string[] = [];
    const broken: EngineModule = {
      name: 'webBridge',
      dependsOn: ['redis'],
      start: async () => {
        throw new Error('port 8600 is in use');
      },
      stop: async () => void log.push('stop webBridge'),
    };
    const supervisor = new Supervisor({ heartbeatMs: 1_000, restartInitialMs: 10 });
    const started = supervisor.start([recordingModule('redis', log), broken, recordingModule('feed', log, ['webBridge'])]);
    await expect(started).rejects.toBeInstanceOf(ModuleStartError);
    await expect(started).rejects.toThrow('webBridge: port 8600 is in use');
    expect(supervisor.health().webBridge).toMatchObject({ state: 'failed', error: 'port 8600 is in use' });
    await new Promise((r) => setTimeout(r, 50)); // longer than the restart backoff: nothing is retried
    expect(log).toEqual(['start redis']);
    await supervisor.stop();
    expect(log).toEqual(['start redis', 'stop webBridge', 'stop redis']);
  });

  it('restarts a module that failed after a successful start with backoff, through failing restarts, until it runs', async () => {
    let context: ModuleContext | undefined;
    let attempts = 0;
    const flaky: EngineModule = {
      name: 'flaky',
      start: async (ctx) => {
        attempts++;
        context = ctx;
        if (attempts === 2 || attempts === 3) throw new Error(`boom ${attempts}`);
      },
      stop: async () => undefined,
    };
    const supervisor = new Supervisor({ heartbeatMs: 1_000, restartInitialMs: 20 });
    await supervisor.start([flaky]);
    context!.fail(new Error('connection lost'));
    expect(supervisor.health().flaky).toMatchObject({ state: 'failed', error: 'connection lost' });
    await waitFor(() => supervisor.health().flaky?.state === 'running');
    expect(supervisor.health().flaky).toMatchObject({ restarts: 3, error: null });
    expect(attempts).toBe(4);
    await supervisor.stop();
  });

  it('grows the restart delay over failures in a row, and starts it again once the module had run stably', async () => {
    vi.useFakeTimers();
    try {
      let context: ModuleContext | undefined;
      const startedAt: number[] = [];
      const crashing: EngineModule = { name: 'redis', start: async (ctx) => void (context = ctx, startedAt.push(Date.now())), stop: async () => undefined };
      const supervisor = new Supervisor({ heartbeatMs: 60_000, restartInitialMs: 100, restartMaxMs: 10_000, stableAfterMs: 1_000 });
      await supervisor.start([crashing]);
      const crashAndRestart = async () => {
        const before = Date.now();
        const starts = startedAt.length;
        context!.fail(new Error('killed'));
        while (startedAt.length === starts) await vi.advanceTimersByTimeAsync(10);
        return startedAt.at(-1)! - before;
      };
      expect([await crashAndRestart(), await crashAndRestart(), await crashAndRestart()]).toEqual([100, 200, 400]);
      await vi.advanceTimersByTimeAsync(1_000); // runs stably
      expect(await crashAndRestart()).toBe(100);
      expect(supervisor.health().redis).toMatchObject({ state: 'running', restarts: 4 });
      await supervisor.stop();
    } finally {
      vi.useRealTimers();
    }
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

  it('moves on to the next module when one never finishes stopping, so shutdown ends', async () => {
    const log: string[] = [];
    const hanging: EngineModule = { name: 'writer', dependsOn: ['redis'], start: async () => undefined, stop: () => new Promise<void>(() => undefined) };
    const supervisor = new Supervisor({ heartbeatMs: 1_000, stopTimeoutMs: 50 });
    await supervisor.start([recordingModule('redis', log), hanging]);
    await supervisor.stop();
    expect(log).toEqual(['start redis', 'stop redis']);
    expect(supervisor.health().writer?.state).toBe('stopped');
  });
});
