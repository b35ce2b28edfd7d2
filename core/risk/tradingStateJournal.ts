import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { tradingStateSchema, type TradingState, type TradingStateName } from '../contract/contract';
import { moduleLogger } from '../runtime/logger';

/** A tightening in force but not yet recorded in Redis. */
export interface UnrecordedChange {
  from: TradingStateName;
  to: TradingState;
}

const changeSchema = z.object({
  from: tradingStateSchema,
  to: z.object({
    state: tradingStateSchema,
    changedAt: z.number(),
    changedBy: z.string(),
    reason: z.string(),
    persisted: z.boolean(),
  }),
});
const journalSchema = z.array(changeSchema);

const log = moduleLogger('tradingStateJournal');

/**
 * The kill switch's changes that Redis has not taken yet, kept in a file in the data dir. Without it a HALT set
 * while Redis is away would be lost when the engine stops (or is killed) before Redis answers again. Written
 * only during an outage, atomically (aside, fsync, rename); removed once everything is recorded.
 */
export class TradingStateJournal {
  constructor(private readonly file: string) {}

  save(changes: readonly UnrecordedChange[]): void {
    try {
      if (changes.length === 0) return fs.rmSync(this.file, { force: true });
      const aside = `${this.file}.${process.pid}.tmp`;
      const fd = fs.openSync(aside, 'w', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(changes));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(aside, this.file);
    } catch (error) {
      log.error({ err: error, file: this.file }, 'trading state changes could not be kept on disk; they live in memory until Redis answers');
    }
  }

  /**
   * What an earlier run left unrecorded, oldest first. A journal that cannot be read says something was left
   * unrecorded without saying what: it reads as one HALT, the safe reading.
   */
  load(now = Date.now()): UnrecordedChange[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      return [this.unreadable(`cannot be read (${(error as Error).message})`, now)];
    }
    try {
      const parsed = journalSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
      return [this.unreadable('is not a list of trading state changes', now)];
    } catch {
      return [this.unreadable('is not JSON', now)];
    }
  }

  private unreadable(problem: string, now: number): UnrecordedChange {
    const reason = `${path.basename(this.file)} (trading state changes an earlier run could not record) ${problem}: halted for safety`;
    log.error({ file: this.file }, reason);
    return { from: 'ACTIVE', to: { state: 'HALTED', changedAt: now, changedBy: 'engine', reason, persisted: false } };
  }
}
