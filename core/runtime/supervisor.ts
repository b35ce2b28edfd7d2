import type { Logger } from 'pino';
import type { ModuleHealth, ModuleStateName } from '../contract/contract';
import { withDeadline } from './deadline';
import { moduleLogger } from './logger';

/** A service of the engine: owns its I/O, starts and stops cleanly, may report failure while running. */
export interface EngineModule {
  readonly name: string;
  readonly dependsOn?: readonly string[];
  start(context: ModuleContext): Promise<void>;
  stop(): Promise<void>;
  /** Optional liveness beyond "started": a heartbeat is only written while this is true. */
  isAlive?(): boolean;
  /** Figures shown in the Health panel. */
  detail?(): ModuleHealth['detail'];
}

export interface ModuleContext {
  log: Logger;
  /** A running module that breaks calls this; the supervisor restarts it with backoff. */
  fail(error: Error): void;
}

interface Supervised {
  module: EngineModule;
  state: ModuleStateName;
  lastHeartbeat: number | null;
  restarts: number;
  /** Failures since the module last ran for `stableAfterMs`: the exponent of the restart backoff. */
  failuresInARow: number;
  runningSince: number | null;
  error: string | null;
  restartTimer: NodeJS.Timeout | undefined;
}

export interface SupervisorOptions {
  heartbeatMs?: number;
  restartInitialMs?: number;
  restartMaxMs?: number;
  /** A module that ran this long before failing restarts after the initial delay again, not the grown one. */
  stableAfterMs?: number;
  /** How long one module may take to stop before the supervisor moves on to the next (default 10 s). */
  stopTimeoutMs?: number;
  /** Called after every heartbeat round with the liveness of every module (the engine writes it to Redis). */
  onHeartbeat?: (modules: Record<string, ModuleHealth>) => Promise<void> | void;
}

/** A module failed on the engine's first start: the engine does not run without it. */
export class ModuleStartError extends Error {
  constructor(
    readonly module: string,
    cause: Error,
  ) {
    super(`${module}: ${cause.message}`, { cause });
    this.name = 'ModuleStartError';
  }
}

/** Orders modules by their dependencies; throws on an unknown dependency or a cycle. */
export function dependencyOrder(modules: readonly EngineModule[]): EngineModule[] {
  const byName = new Map(modules.map((m) => [m.name, m]));
  const ordered: EngineModule[] = [];
  const visiting = new Set<string>();
  const visit = (module: EngineModule) => {
    if (ordered.includes(module)) return;
    if (visiting.has(module.name)) throw new Error(`module dependency cycle through ${module.name}`);
    visiting.add(module.name);
    for (const dependency of module.dependsOn ?? []) {
      const found = byName.get(dependency);
      if (!found) throw new Error(`module ${module.name} depends on unknown module ${dependency}`);
      visit(found);
    }
    visiting.delete(module.name);
    ordered.push(module);
  };
  modules.forEach(visit);
  return ordered;
}

/** Starts modules in dependency order, stops them in reverse, writes heartbeats, restarts failures with backoff. */
export class Supervisor {
  private readonly entries: Supervised[] = [];
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly log = moduleLogger('supervisor');

  constructor(private readonly options: SupervisorOptions = {}) {}

  /**
   * Starts every module in dependency order. A module that fails on this first start rejects it with a
   * ModuleStartError (the modules started before it keep running: the caller stops them); restarts with
   * backoff are for modules that fail after a successful start.
   */
  async start(modules: readonly EngineModule[]): Promise<void> {
    for (const module of dependencyOrder(modules)) {
      const entry: Supervised = { module, state: 'starting', lastHeartbeat: null, restarts: 0, failuresInARow: 0, runningSince: null, error: null, restartTimer: undefined };
      this.entries.push(entry);
      try {
        await this.startModule(entry);
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        entry.state = 'failed';
        entry.error = failure.message;
        this.log.error({ module: module.name, err: failure }, 'module failed to start');
        throw new ModuleStartError(module.name, failure);
      }
    }
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.options.heartbeatMs ?? 5_000);
    await this.heartbeat();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeatTimer);
    for (const entry of [...this.entries].reverse()) {
      clearTimeout(entry.restartTimer);
      if (entry.state === 'stopped') continue;
      entry.state = 'stopping';
      await this.stopWithinDeadline(entry.module);
      entry.state = 'stopped';
    }
  }

  /** A module that hangs in stop() (a drain waiting on a dead connection) is logged and left behind, not waited for. */
  private async stopWithinDeadline(module: EngineModule): Promise<void> {
    const timeoutMs = this.options.stopTimeoutMs ?? 10_000;
    try {
      await withDeadline(Promise.resolve().then(() => module.stop()), timeoutMs, `stopping module ${module.name}`);
    } catch (error) {
      this.log.error({ err: error, module: module.name }, 'stop failed');
    }
  }

  health(): Record<string, ModuleHealth> {
    return Object.fromEntries(
      this.entries.map((e) => [
        e.module.name,
        { state: e.state, lastHeartbeat: e.lastHeartbeat, restarts: e.restarts, error: e.error, detail: e.module.detail?.() ?? {} },
      ]),
    );
  }

  private async startModule(entry: Supervised): Promise<void> {
    const log = moduleLogger(entry.module.name);
    await entry.module.start({ log, fail: (error) => void this.onFailure(entry, error) });
    if (this.stopping) return;
    entry.state = 'running';
    entry.runningSince = Date.now();
    entry.error = null;
    entry.lastHeartbeat = Date.now();
    log.info('started');
  }

  private async restartEntry(entry: Supervised): Promise<void> {
    try {
      await this.startModule(entry);
    } catch (error) {
      await this.onFailure(entry, error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async onFailure(entry: Supervised, error: Error): Promise<void> {
    if (this.stopping || entry.state === 'failed') return; // already failed: a restart is scheduled
    this.log.error({ module: entry.module.name, err: error }, 'module failed');
    entry.state = 'failed';
    entry.error = error.message;
    await this.stopWithinDeadline(entry.module);
    const delay = this.restartDelay(entry);
    entry.restartTimer = setTimeout(() => {
      entry.restarts++;
      entry.state = 'restarting';
      void this.restartEntry(entry);
    }, delay);
  }

  /** Exponential backoff over the failures in a row; a module that had run stably starts the series again. */
  private restartDelay(entry: Supervised): number {
    const ranStably = entry.runningSince !== null && Date.now() - entry.runningSince >= (this.options.stableAfterMs ?? 60_000);
    if (ranStably) entry.failuresInARow = 0;
    entry.runningSince = null;
    const initial = this.options.restartInitialMs ?? 1_000;
    const delay = Math.min(this.options.restartMaxMs ?? 30_000, initial * 2 ** Math.min(entry.failuresInARow, 10));
    entry.failuresInARow++;
    return delay;
  }

  private async heartbeat(): Promise<void> {
    const now = Date.now();
    for (const entry of this.entries) {
      if (entry.state === 'running' && (entry.module.isAlive?.() ?? true)) entry.lastHeartbeat = now;
    }
    try {
      await this.options.onHeartbeat?.(this.health());
    } catch (error) {
      this.log.warn({ err: error }, 'heartbeat could not be written');
    }
  }
}
