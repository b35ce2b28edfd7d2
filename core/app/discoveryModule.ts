import type { Redis } from 'ioredis';
import type { EngineBus } from '../bus/catalogue';
import type { AppConfig } from '../config/configSchema';
import type { ModuleHealth } from '../contract/contract';
import type { SymbolSetup } from '../discovery/discoveryFindings';
import type { DiscoveryProgress, DiscoveryRun, DiscoveryView } from '../market/discoveryReading';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule } from '../runtime/supervisor';
import type { Topic } from '../runtime/topic';
import { writeDiscoveredYaml } from '../store/discoveredYaml';
import { DiscoveryStore } from '../store/discoveryStore';
import { redisUrlOf } from '../store/redisConnection';
import { DiscoveryThread, type DiscoveryComputer } from './discoveryCompute';
import { DiscoveryRunner } from './discoveryRunner';

export interface DiscoveryModuleOptions {
  bus: EngineBus;
  redis: Redis;
  config: Pick<AppConfig, 'discovery' | 'schedules' | 'symbols' | 'analytics'>;
  dataDir: string;
  reportBadInput: (source: string, problem: string) => void;
  /** Where runs are computed; by default a worker thread of their own. */
  computer?: DiscoveryComputer;
  /** The first scheduled run, this long after start-up (default 30 s). */
  firstRunDelayMs?: number;
}

const FIRST_RUN_DELAY_MS = 30_000;
/** How long stopping waits for a run cut short to be recorded. */
const STOP_WAIT_MS = 3_000;
const log = moduleLogger('discovery');

/**
 * Parameter discovery as an engine module (Health's "discovery"): reads back the newest run at start-up (so the values
 * survive a restart), runs every schedules.discoveryMinutes (the first shortly after start-up) and on demand (run()),
 * on a worker thread. Off (discovery.enabled: false): nothing is read, scheduled or run.
 */
export class DiscoveryModule implements EngineModule {
  readonly name = 'discovery';
  readonly dependsOn = ['redis'];
  readonly enabled: boolean;
  private readonly runner: DiscoveryRunner;
  private readonly computer: DiscoveryComputer;
  private timer: NodeJS.Timeout | undefined;
  private skipped = 0;
  private loadFailed: string | null = null;

  constructor(private readonly options: DiscoveryModuleOptions) {
    const { config, redis } = options;
    this.enabled = config.discovery.enabled;
    this.computer = options.computer ?? new DiscoveryThread({ redisUrl: redisUrlOf(redis) });
    this.runner = new DiscoveryRunner(
      {
        bus: options.bus,
        store: new DiscoveryStore(redis, (problem) => options.reportBadInput('discovery', problem)),
        computer: this.computer,
        symbols: symbolSetups(config),
        historyMinutes: config.discovery.historyMinutes,
        reportBadInput: options.reportBadInput,
        writeFile: (text) => writeDiscoveredYaml(options.dataDir, text),
      },
      config.schedules.discoveryMinutes,
    );
  }

  /** The `discovery` stream. */
  get topic(): Topic<DiscoveryView> {
    return this.runner.topic;
  }

  /** The newest run (this engine's or read back at start-up); null before any. */
  latest(): DiscoveryRun | null {
    return this.runner.latest;
  }

  async start(): Promise<void> {
    if (!this.enabled) return;
    try {
      await this.runner.load();
    } catch (error) {
      this.loadFailed = error instanceof Error ? error.message : String(error);
      log.warn({ err: error }, 'the last discovery run was not read back: values come with the next run');
    }
    this.schedule(this.options.firstRunDelayMs ?? FIRST_RUN_DELAY_MS, 'startup');
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.computer.stop(); // a run cut short fails, and is recorded as failed
    await Promise.race([this.runner.whenIdle(), new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    this.runner.topic.close();
  }

  /** A run now (the cockpit's runDiscovery): answers its progress at the start; DiscoveryBusyError while one runs. */
  run(requestedBy: string, reason: string): Promise<DiscoveryProgress> {
    log.info({ requestedBy, reason }, 'discovery run asked for');
    return this.runner.start('manual', { by: requestedBy, reason });
  }

  /** Settles when the run in progress (if any) has finished and been stored. */
  whenIdle(): Promise<void> {
    return this.runner.whenIdle();
  }

  detail(): ModuleHealth['detail'] {
    const s = this.runner.stats;
    return {
      enabled: this.enabled,
      running: this.runner.isRunning,
      runs: s.runs,
      failures: s.failures,
      skippedWhileRunning: this.skipped,
      lastRunAt: s.lastRunAt,
      lastRunMs: s.lastDurationMs,
      lastReadMs: s.readMs,
      lastComputeMs: s.computeMs,
      lastRefusals: s.lastRefusals,
      saveFailures: s.saveFailures,
      lastError: s.lastError ?? this.loadFailed,
      nextRunAt: this.runner.nextRunAt,
    };
  }

  /** The next scheduled run; a scheduled time that finds a run going is skipped (counted), and the schedule goes on. */
  private schedule(delayMs: number, trigger: 'startup' | 'schedule'): void {
    this.runner.nextRunAt = Date.now() + delayMs;
    this.runner.publish();
    this.timer = setTimeout(() => {
      if (this.runner.isRunning) this.skipped++;
      else this.runner.start(trigger).catch((error: unknown) => log.warn({ err: error }, 'a scheduled discovery run did not start'));
      this.schedule(this.runner.intervalMinutes * 60_000, 'schedule');
    }, delayMs);
    this.timer.unref();
  }
}

/** Each configured symbol: Level 2 or not, and its configured average daily volume (the paper's bucket beside ours). */
function symbolSetups(config: DiscoveryModuleOptions['config']): SymbolSetup[] {
  const vpin = config.analytics.vpin;
  return config.symbols.map((s) => ({ symbol: s.symbol, level2: s.dataClass === 'level2', averageDailyVolume: vpin.dailyVolumes[s.symbol] ?? vpin.defaultDailyVolume }));
}
