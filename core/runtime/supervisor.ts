import type { Logger } from 'pino';
import type { ModuleHealth, ModuleStateName } from '../contract/contract';
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
  error: string | null;
  restartTimer: NodeJS.Timeout | undefined;
}

export interface SupervisorOptions {
  heartbeatMs?: number;
  restartInitialMs?: number;
  restartMaxMs?: number;
  /** Called after every heartbeat round with the liveness of every module (the engine writes it to Redis). */
  onHeartbeat?: (modules: Record<string, ModuleHealth>) => Promise<void> | void;
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

  async start(modules: readonly EngineModule[]): Promise<void> {
    for (const module of dependencyOrder(modules)) {
      const entry: Supervised = { module, state: 'starting', lastHeartbeat: null, restarts: 0, error: null, restartTimer: undefined };
      this.entries.push(entry);
      await this.startEntry(entry);
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
      await entry.module.stop().catch((error: unknown) => this.log.error({ err: error, module: entry.module.name }, 'stop failed'));
      entry.state = 'stopped';
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

  private async startEntry(entry: Supervised): Promise<void> {
    const log = moduleLogger(entry.module.name);
    try {
      await entry.module.start({ log, fail: (error) => void this.onFailure(entry, error) });
      if (this.stopping) return;
      entry.state = 'running';
      entry.error = null;
      entry.lastHeartbeat = Date.now();
      log.info('started');
    } catch (error) {
      await this.onFailure(entry, error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async onFailure(entry: Supervised, error: Error): Promise<void> {
    if (this.stopping || entry.state === 'failed') return; // already failed: a restart is scheduled
    this.log.error({ module: entry.module.name, err: error }, 'module failed');
    entry.state = 'failed';
    entry.error = error.message;
    await entry.module.stop().catch(() => undefined);
    const initial = this.options.restartInitialMs ?? 1_000;
    const delay = Math.min(this.options.restartMaxMs ?? 30_000, initial * 2 ** Math.min(entry.restarts, 10));
    entry.restartTimer = setTimeout(() => {
      entry.restarts++;
      entry.state = 'restarting';
      void this.startEntry(entry);
    }, delay);
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
