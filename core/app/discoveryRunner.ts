import type { EngineBus } from '../bus/catalogue';
import type { SymbolSetup } from '../discovery/discoveryFindings';
import type { DiscoveryProgress, DiscoveryRun, DiscoveryRunSummary, DiscoveryTrigger, DiscoveryView } from '../market/discoveryReading';
import { moduleLogger } from '../runtime/logger';
import { Topic } from '../runtime/topic';
import type { DiscoveryStore } from '../store/discoveryStore';
import type { DiscoveryComputer } from './discoveryCompute';
import type { ComputedRun } from './discoveryMessages';

export interface DiscoveryRunnerOptions {
  bus: EngineBus;
  store: DiscoveryStore;
  computer: DiscoveryComputer;
  symbols: readonly SymbolSetup[];
  /** Minutes of history a run reads (discovery.historyMinutes). */
  historyMinutes: number;
  /** A stored history entry a run could not read: counted in monitoring:bad_input. */
  reportBadInput: (source: string, problem: string) => void;
  /** Writes discovered.yaml's text (store/discoveredYaml). */
  writeFile: (text: string) => Promise<unknown>;
  now?: () => number;
}

/** A run was asked for while another runs. */
export class DiscoveryBusyError extends Error {
  constructor(readonly running: DiscoveryProgress) {
    super(`discovery run ${running.id} is running (${running.done} of ${running.total} steps done): wait for it to finish`);
    this.name = 'DiscoveryBusyError';
  }
}

/** The runs listed in the view. */
export const RUNS_SHOWN = 20;
const log = moduleLogger('discovery');

/**
 * Discovery's runs, one at a time: each reads the history, computes every method and passes every value through the
 * guard (a refusal keeps the previous value) on the thread (DiscoveryComputer), then is stored here: discovered.yaml,
 * discovery:latest and discovery:runs; then parametersDiscovered. A run that fails as a whole (Redis down while reading,
 * the thread lost) is recorded as failed with its error; the next run is unaffected. The view (`topic`) follows it all.
 */
export class DiscoveryRunner {
  readonly topic = new Topic<DiscoveryView>(50);
  latest: DiscoveryRun | null = null;
  /** The newest run as stored (JSON): the thread keeps a refusing method's value from it. */
  private latestJson: string | null = null;
  private running: DiscoveryProgress | null = null;
  private runs: DiscoveryRunSummary[] = [];
  private highestId = 0;
  private idle: Promise<void> = Promise.resolve();
  /** The schedule's next run (set by the module); null when none is scheduled. */
  nextRunAt: number | null = null;
  readonly stats = { runs: 0, failures: 0, saveFailures: 0, lastRunAt: null as number | null, lastDurationMs: null as number | null, lastRefusals: null as number | null, lastError: null as string | null, readMs: null as number | null, computeMs: null as number | null };

  constructor(
    private readonly options: DiscoveryRunnerOptions,
    readonly intervalMinutes: number,
  ) {}

  /** Reads back the newest run and the last runs' summaries (a restart keeps the values), and announces the run. */
  async load(): Promise<void> {
    const [latest, runs, lastId] = await Promise.all([this.options.store.loadLatest(), this.options.store.loadSummaries(RUNS_SHOWN), this.options.store.lastRunId()]);
    this.latest = latest?.run ?? null;
    this.latestJson = latest?.json ?? null;
    this.runs = runs;
    this.highestId = Math.max(lastId, this.latest?.id ?? 0, ...runs.map((r) => r.id));
    if (this.latest) this.options.bus.publish('parametersDiscovered', this.latest);
    this.publish();
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /** Settles when the run in progress (if any) has finished and been stored. */
  whenIdle(): Promise<void> {
    return this.idle;
  }

  /**
   * Starts a run and answers its progress at the start; the run goes on in the background (the topic follows it).
   * Refused (DiscoveryBusyError) while one runs.
   */
  async start(trigger: DiscoveryTrigger, requested: { by: string; reason: string } | null = null): Promise<DiscoveryProgress> {
    if (this.running) throw new DiscoveryBusyError(this.running);
    const startedAt = this.now();
    const progress: DiscoveryProgress = { id: 0, trigger, startedAt, done: 0, total: this.options.symbols.length + 2, step: 'starting' };
    this.running = progress;
    let finished!: () => void;
    this.idle = new Promise((resolve) => (finished = resolve));
    try {
      progress.id = await this.nextId();
    } catch (error) {
      progress.id = ++this.highestId; // Redis away: the run fails at its first read, recorded under an id no run will reuse
      log.warn({ err: error }, 'no run id from Redis; the run goes on with the next one this engine knows');
    }
    this.publish();
    void this.execute(progress, requested).finally(finished);
    return { ...progress };
  }

  view(): DiscoveryView {
    return { latest: this.latest, running: this.running && { ...this.running }, runs: [...this.runs], nextRunAt: this.nextRunAt, intervalMinutes: this.intervalMinutes };
  }

  publish(): void {
    this.topic.publish(this.view());
  }

  private async execute(progress: DiscoveryProgress, requested: { by: string; reason: string } | null): Promise<void> {
    const { id, trigger, startedAt } = progress;
    const [requestedBy, reason] = [requested?.by ?? null, requested?.reason ?? null];
    const windowMinutes = this.options.historyMinutes;
    try {
      progress.step = 'reading the history';
      this.publish();
      const job = {
        stamp: { id, trigger, requestedBy, reason, startedAt, windowMinutes },
        symbols: [...this.options.symbols],
        from: startedAt - windowMinutes * 60_000,
        to: startedAt,
        previousJson: this.latestJson,
      };
      const computed = await this.options.computer.compute(job, (p) => {
        Object.assign(progress, p);
        this.publish();
      });
      Object.assign(progress, { done: progress.total - 1, step: 'saving the results' });
      this.publish();
      for (const [symbol, count] of Object.entries(computed.skipped)) {
        this.options.reportBadInput('discovery', `${count} stored history entries of ${symbol} could not be read and were left out of run ${id}`);
      }
      await this.save(computed);
      Object.assign(this.stats, { readMs: Math.round(computed.readMs), computeMs: Math.round(computed.computeMs) });
      this.latestJson = computed.runJson;
      this.finished(computed.summary, computed.run);
      this.options.bus.publish('parametersDiscovered', computed.run);
      log.info({ id, trigger, changes: computed.summary.changes, refusals: computed.summary.refusals, ms: computed.run.finishedAt - startedAt }, 'discovery run finished');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const summary: DiscoveryRunSummary = { id, trigger, requestedBy, reason, startedAt, finishedAt: this.now(), changes: 0, refusals: 0, error: message };
      await this.options.store.saveFailure(summary).catch(() => undefined); // Redis is likely why it failed
      this.stats.failures++;
      this.finished(summary, null);
      log.warn({ id, trigger, err: error }, 'discovery run failed; the next run is scheduled as usual');
    }
  }

  /** discovered.yaml and Redis, each on its own: one failing does not stop the other (counted, logged). */
  private async save({ yaml, runJson, summary }: ComputedRun): Promise<void> {
    const results = await Promise.allSettled([this.options.writeFile(yaml), this.options.store.saveRun(runJson, summary)]);
    for (const [i, result] of results.entries()) {
      if (result.status === 'fulfilled') continue;
      this.stats.saveFailures++;
      this.stats.lastError = `run ${summary.id} not saved to ${i === 0 ? 'discovered.yaml' : 'Redis'}: ${String((result.reason as Error)?.message ?? result.reason)}`;
      log.warn({ err: result.reason, id: summary.id }, this.stats.lastError);
    }
  }

  private finished(summary: DiscoveryRunSummary, run: DiscoveryRun | null): void {
    if (run) this.latest = run;
    this.runs = [summary, ...this.runs].slice(0, RUNS_SHOWN);
    this.running = null;
    this.stats.runs++;
    this.stats.lastRunAt = summary.startedAt;
    this.stats.lastDurationMs = summary.finishedAt - summary.startedAt;
    this.stats.lastRefusals = run ? summary.refusals : null;
    if (summary.error) this.stats.lastError = `run ${summary.id}: ${summary.error}`;
    this.publish();
  }

  private async nextId(): Promise<number> {
    const id = await this.options.store.nextRunId(this.highestId);
    this.highestId = Math.max(this.highestId, id);
    return id;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
