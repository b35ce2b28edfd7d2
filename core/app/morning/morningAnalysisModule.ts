import type { Redis } from 'ioredis';
import type { EngineBus } from '../../bus/catalogue';
import type { MorningAnalysisConfig } from '../../config/morningAnalysisSchema';
import type { ModuleHealth } from '../../contract/contract';
import type { MorningAnalysisRunning, MorningAnalysisView } from '../../contract/morningAnalysisView';
import type { MorningAnalysis, MorningTrigger } from '../../market/morningAnalysis';
import type { Position } from '../../market/order';
import { withDeadline } from '../../runtime/deadline';
import { moduleLogger } from '../../runtime/logger';
import type { EngineModule } from '../../runtime/supervisor';
import { Topic } from '../../runtime/topic';
import type { StrategySnapshot } from '../../signals/strategySnapshot';
import { MorningAnalysisStore } from '../../store/morningAnalysisStore';
import { writeMorningAnalysis, type LlmSettings } from './morningAnalyst';
import { assembleMorningInputs } from './morningInputs';
import { nextMorningRun, preparedTradingDay } from './morningSchedule';

export interface MorningAnalysisModuleOptions {
  bus: EngineBus;
  redis: Redis;
  config: MorningAnalysisConfig;
  /** OPENAI_API_KEY; undefined: every analysis is the rule-based summary and no request is made. */
  apiKey: string | undefined;
  dataDir: string;
  symbols: readonly string[];
  /** Each symbol's latest inputs (signals/snapshotBook). */
  snapshot: (symbol: string) => StrategySnapshot;
  positions: () => readonly Position[];
  reportBadInput: (source: string, problem: string) => void;
  now?: () => number;
  /** The first backoff wait between retries (tests shorten it). */
  backoffMs?: number;
}

/** An analysis was asked for while one is being made. */
export class MorningAnalysisBusyError extends Error {
  constructor(running: MorningAnalysisRunning) {
    super(`a morning analysis is being made (started ${new Date(running.startedAt).toISOString()}, ${running.step}): wait for it to finish`);
    this.name = 'MorningAnalysisBusyError';
  }
}

const log = moduleLogger('morningAnalysis');
/** A Redis step that takes longer fails (a frozen Redis must not keep an analysis "being made" and refuse the next). */
const REDIS_DEADLINE_MS = 10_000;
/** The schedule is looked at again at least this often, so a suspended machine or a clock change cannot skip a day. */
const RECHECK_MS = 60_000;

/**
 * The morning analysis as an engine module (Health's "morningAnalysis"): reads back the newest analysis at start-up,
 * makes one at morningAnalysis.time (New York) on trading days and on demand (run()), one at a time; stores each in
 * Redis and the data dir, then publishes morningAnalysisReady. The `morningAnalysis` stream follows it all.
 */
export class MorningAnalysisModule implements EngineModule {
  readonly name = 'morningAnalysis';
  readonly dependsOn = ['redis', 'signals'];
  readonly topic = new Topic<MorningAnalysisView>(50);
  private readonly store: MorningAnalysisStore;
  private readonly now: () => number;
  private latest: MorningAnalysis | null = null;
  private running: MorningAnalysisRunning | null = null;
  private nextRunAt: number | null = null;
  private storeError: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private idle: Promise<void> = Promise.resolve();
  private readonly stats = { analyses: 0, llm: 0, rules: 0, llmFailures: 0, storeFailures: 0 };

  constructor(private readonly options: MorningAnalysisModuleOptions) {
    this.now = options.now ?? Date.now;
    this.store = new MorningAnalysisStore(options.redis, options.dataDir, (problem) => options.reportBadInput('morningAnalysis', problem));
  }

  get enabled(): boolean {
    return this.options.config.enabled;
  }

  async start(): Promise<void> {
    if (!this.enabled) return;
    try {
      this.latest = await this.store.loadLatest();
    } catch (error) {
      log.warn({ err: error }, 'the last morning analysis was not read back; the next one replaces it');
    }
    this.nextRunAt = nextMorningRun(this.now(), this.options.config.time);
    this.tick();
    this.publish();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await Promise.race([this.idle, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    this.topic.close();
  }

  /** An analysis now (runMorningAnalysis): answers at the start; MorningAnalysisBusyError while one is being made. */
  run(trigger: MorningTrigger, requested: { by: string; reason: string } | null = null): MorningAnalysisRunning {
    if (this.running) throw new MorningAnalysisBusyError(this.running);
    const running: MorningAnalysisRunning = { startedAt: this.now(), trigger, requestedBy: requested?.by ?? null, step: 'assembling the data' };
    this.running = running;
    log.info({ trigger, requestedBy: running.requestedBy, reason: requested?.reason }, 'morning analysis started');
    this.idle = this.make(running, requested?.reason ?? null).finally(() => {
      this.running = null;
      this.publish();
    });
    this.publish();
    return { ...running };
  }

  /** Settles when the analysis being made (if any) is stored. */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  view(): MorningAnalysisView {
    const { config, apiKey } = this.options;
    return {
      latest: this.latest, running: this.running && { ...this.running }, nextRunAt: this.nextRunAt, time: config.time,
      llm: { configured: apiKey !== undefined, baseUrl: config.baseUrl, model: config.model }, storeError: this.storeError,
    };
  }

  detail(): ModuleHealth['detail'] {
    return { enabled: this.enabled, llmConfigured: this.options.apiKey !== undefined, running: this.running !== null, ...this.stats, nextRunAt: this.nextRunAt, storeError: this.storeError };
  }

  private async make(running: MorningAnalysisRunning, reason: string | null): Promise<void> {
    try {
      const startedAt = running.startedAt;
      const tradingDay = preparedTradingDay(startedAt);
      const inputs = assembleMorningInputs({ tradingDay, now: startedAt, snapshots: this.options.symbols.map((s) => this.options.snapshot(s)), positions: this.options.positions() });
      // Redis away: an id no counter gives (the counter's are small numbers), still unique.
      const id = await withDeadline(this.store.nextId(tradingDay), REDIS_DEADLINE_MS, 'the next analysis id').catch(() => `${tradingDay}-t${startedAt}`);
      this.step(running, this.options.apiKey ? 'asking the LLM' : 'storing');
      const analysis = await writeMorningAnalysis({ id, trigger: running.trigger, requestedBy: running.requestedBy, reason, startedAt, inputs }, this.llm(), this.now);
      this.step(running, 'storing');
      await this.save(analysis);
      this.latest = analysis;
      this.count(analysis);
      this.options.bus.publish('morningAnalysisReady', { id: analysis.id, tradingDay: analysis.tradingDay, createdAt: analysis.createdAt, source: analysis.source, markdown: analysis.markdown });
      log.info({ id, source: analysis.source, model: analysis.model, error: analysis.error, ms: analysis.durationMs }, 'morning analysis stored');
    } catch (error) {
      log.error({ err: error }, 'the morning analysis could not be made');
      this.storeError = error instanceof Error ? error.message : String(error);
    }
  }

  private llm(): LlmSettings {
    const { config, apiKey } = this.options;
    return {
      apiKey, baseUrl: config.baseUrl, model: config.model, timeoutMs: config.timeoutSeconds * 1_000, maxRetries: config.maxRetries,
      temperature: config.temperature, ...(this.options.backoffMs === undefined ? {} : { backoffMs: this.options.backoffMs }),
    };
  }

  /** Redis and the file each on their own: one failing does not stop the other (shown, counted, logged). */
  private async save(analysis: MorningAnalysis): Promise<void> {
    const results = await Promise.allSettled([withDeadline(this.store.saveToRedis(analysis), REDIS_DEADLINE_MS, 'saving to Redis'), this.store.saveFile(analysis)]);
    const failures = results.flatMap((r, i) => (r.status === 'rejected' ? [`not saved to ${i === 0 ? 'Redis' : 'the data dir'}: ${(r.reason as Error)?.message ?? r.reason}`] : []));
    this.storeError = failures.length > 0 ? `analysis ${analysis.id} ${failures.join('; ')}` : null;
    if (this.storeError) {
      this.stats.storeFailures++;
      log.warn(this.storeError);
    }
  }

  private count(analysis: MorningAnalysis): void {
    this.stats.analyses++;
    this.stats[analysis.source]++;
    if (analysis.error) this.stats.llmFailures++;
  }

  private step(running: MorningAnalysisRunning, step: MorningAnalysisRunning['step']): void {
    running.step = step;
    this.publish();
  }

  /** Runs when the scheduled time has come (skipped, and logged, if one is being made), then waits for the next. */
  private tick(): void {
    const now = this.now();
    if (this.nextRunAt !== null && now >= this.nextRunAt) {
      if (this.running) log.warn('the scheduled morning analysis was skipped: one is being made');
      else this.run('schedule');
      this.nextRunAt = nextMorningRun(now, this.options.config.time);
      this.publish();
    }
    this.timer = setTimeout(() => this.tick(), Math.max(0, Math.min(RECHECK_MS, (this.nextRunAt ?? now + RECHECK_MS) - now)));
    this.timer.unref();
  }

  private publish(): void {
    this.topic.publish(this.view(), this.now());
  }
}
