import fs from 'node:fs/promises';
import path from 'node:path';
import type { Redis } from 'ioredis';
import type { MorningAnalysis } from '../market/morningAnalysis';
import { MORNING_ANALYSES_KEPT, keys } from './keys';
import { storedJson } from './storedJson';

/** The folder of the data dir that holds one JSON file per analysis, named by its id. */
export const MORNING_DIR = 'morning-analysis';
const { latest, history, seq } = keys.morning;

/**
 * Morning analyses in Redis (morning:latest, the capped morning:history stream, the per-day id counter) and as files in
 * the data dir (morning-analysis/{id}.json, written atomically), each with the inputs it was written from.
 */
export class MorningAnalysisStore {
  constructor(
    private readonly redis: Redis,
    private readonly dataDir: string,
    private readonly onUnreadable: (problem: string) => void = () => undefined,
  ) {}

  /** The next id of a trading day: "2026-12-07-1", "2026-12-07-2", … never given twice. */
  async nextId(tradingDay: string): Promise<string> {
    return `${tradingDay}-${await this.redis.hincrby(seq.key, tradingDay, 1)}`;
  }

  /** The newest analysis and one more history entry, in one transaction. */
  async saveToRedis(analysis: MorningAnalysis): Promise<void> {
    const json = JSON.stringify(analysis);
    const results = await this.redis
      .multi()
      .set(latest.key, json)
      .xadd(history.key, 'MAXLEN', '~', String(MORNING_ANALYSES_KEPT), '*', 'id', analysis.id, 'source', analysis.source, 'analysis', json)
      .exec();
    const failed = results?.find(([error]) => error !== null);
    if (results === null) throw new Error('the Redis transaction was aborted');
    if (failed) throw failed[0]!;
  }

  /** {dataDir}/morning-analysis/{id}.json, whole or not at all; answers the file's path. */
  async saveFile(analysis: MorningAnalysis): Promise<string> {
    const dir = path.join(this.dataDir, MORNING_DIR);
    await fs.mkdir(dir, { recursive: true });
    const file = path.join(dir, `${analysis.id.replace(/[^\w.-]/g, '_')}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      await fs.writeFile(temporary, `${JSON.stringify(analysis, null, 2)}\n`, 'utf8');
      await fs.rename(temporary, file);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    return file;
  }

  /** The newest analysis, or null (none yet, or unreadable: reported). */
  async loadLatest(): Promise<MorningAnalysis | null> {
    const json = await this.redis.get(latest.key);
    return storedJson(latest.key, json, (v) => typeof v.id === 'string' && typeof v.markdown === 'string' && typeof v.inputs === 'object', this.onUnreadable) as MorningAnalysis | null;
  }
}
