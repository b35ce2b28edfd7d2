import type { Redis } from 'ioredis';
import type { DiscoveryRun, DiscoveryRunSummary } from '../market/discoveryReading';
import { DISCOVERY_RUNS_KEPT, keys } from './keys';
import { storedJson } from './storedJson';

/**
 * The next run id: one above both the stored counter and `atLeast` (the highest id this engine already gave, perhaps
 * to a run that failed while Redis was away), stored as the new counter. So an id is never given twice.
 */
const NEXT_RUN_ID = `
local stored = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local floor = tonumber(ARGV[1]) or 0
local id = math.max(stored, floor) + 1
redis.call('SET', KEYS[1], id)
return id`;

const { latest, runs, runId } = keys.discoveryRuns;

/** Discovery's runs in Redis: the newest run (discovery:latest), the capped stream of runs (discovery:runs), the id counter. */
export class DiscoveryStore {
  constructor(
    private readonly redis: Redis,
    private readonly onUnreadable: (problem: string) => void = () => undefined,
  ) {}

  /** A new run id, above every id given before (`atLeast`: the highest this engine gave). */
  async nextRunId(atLeast: number): Promise<number> {
    return Number(await this.redis.eval(NEXT_RUN_ID, 1, runId.key, String(atLeast)));
  }

  /** A finished run (`runJson`: the run as JSON): the newest (discovery:latest) and one more entry of the runs stream, in one transaction. */
  async saveRun(runJson: string, summary: DiscoveryRunSummary): Promise<void> {
    await this.redis
      .multi()
      .set(latest.key, runJson)
      .xadd(runs.key, 'MAXLEN', String(DISCOVERY_RUNS_KEPT), '*', 'summary', JSON.stringify(summary), 'run', runJson)
      .exec()
      .then(failedStep);
  }

  /** A run that failed as a whole: only its summary, with the error, in the runs stream. */
  async saveFailure(summary: DiscoveryRunSummary): Promise<void> {
    await this.redis.xadd(runs.key, 'MAXLEN', String(DISCOVERY_RUNS_KEPT), '*', 'summary', JSON.stringify(summary));
  }

  /** The newest finished run and its JSON as stored, or null (none yet, or unreadable: reported). */
  async loadLatest(): Promise<{ run: DiscoveryRun; json: string } | null> {
    const json = await this.redis.get(latest.key);
    const run = storedJson(latest.key, json, (v) => typeof v.id === 'number' && Array.isArray(v.symbols) && typeof v.correlations === 'object', this.onUnreadable) as DiscoveryRun | null;
    return run && { run, json: json! };
  }

  /** The newest `count` runs' summaries, newest first (the runs' full JSON is left unparsed). */
  async loadSummaries(count: number): Promise<DiscoveryRunSummary[]> {
    const entries = await this.redis.xrevrange(runs.key, '+', '-', 'COUNT', count);
    const summaries: DiscoveryRunSummary[] = [];
    for (const [, fields] of entries) {
      const at = fields.indexOf('summary');
      const text = at >= 0 ? (fields[at + 1] ?? null) : null;
      const summary = storedJson(runs.key, text, (v) => typeof v.id === 'number' && typeof v.startedAt === 'number', this.onUnreadable) as DiscoveryRunSummary | null;
      if (summary) summaries.push(summary);
    }
    return summaries;
  }

  /** The highest run id given so far (0 before the first). */
  async lastRunId(): Promise<number> {
    return Number(await this.redis.get(runId.key)) || 0;
  }
}

/** A transaction's first failed step, thrown (ioredis reports them per step, not as a rejection). */
function failedStep(results: Array<[Error | null, unknown]> | null): void {
  if (results === null) throw new Error('the Redis transaction was aborted');
  const failed = results.find(([error]) => error !== null);
  if (failed) throw failed[0]!;
}
