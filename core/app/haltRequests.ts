import fs from 'node:fs';
import path from 'node:path';
import type { TradingStateService } from '../risk/tradingState';
import { moduleLogger } from '../runtime/logger';
import type { EngineModule } from '../runtime/supervisor';
import { ANSWER_SUFFIX, haltDir, REQUEST_SUFFIX, writeAtomically, type HaltAnswer, type HaltRequest } from './haltRequestFiles';

const log = moduleLogger('haltRequests');
/** fs.watch can miss events (network file systems, some editors' renames): the directory is also read this often. */
const POLL_MS = 250;
/** How long the answer waits for the HALTED state to be recorded in Redis; after that it says persisted: false. */
const RECORD_WAIT_MS = 1_000;

export interface HaltRequestsOptions {
  dataDir: string;
  tradingState: TradingStateService;
  reportBadInput: (source: string, problem: string) => void;
}

/**
 * The engine's side of `npm run halt`: watches `<data-dir>/halt-requests/` (fs.watch, and a poll in case a change
 * is missed) and answers each request by setting the trading state HALTED — in memory at once, recorded when Redis
 * answers — then writing the state it now has. An unreadable request still halts (someone asked to stop trading),
 * and is counted as bad input.
 */
export class HaltRequests implements EngineModule {
  readonly name = 'haltRequests';
  readonly dependsOn = ['tradingState'];
  private readonly dir: string;
  private watcher: fs.FSWatcher | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private readonly handling = new Set<string>();
  answered = 0;

  constructor(private readonly options: HaltRequestsOptions) {
    this.dir = haltDir(options.dataDir);
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    try {
      this.watcher = fs.watch(this.dir, () => this.scan());
      this.watcher.on('error', (error) => log.warn({ err: error }, 'watching the halt requests failed; the poll still reads them'));
    } catch (error) {
      log.warn({ err: error }, 'cannot watch the halt requests; reading them every 250 ms instead');
    }
    this.pollTimer = setInterval(() => this.scan(), POLL_MS);
    this.pollTimer.unref();
    this.scan();
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    this.watcher = undefined;
    clearInterval(this.pollTimer);
  }

  detail(): Record<string, number> {
    return { answered: this.answered };
  }

  private scan(): void {
    let names: string[];
    try {
      names = fs.readdirSync(this.dir);
    } catch (error) {
      return void log.warn({ err: error }, 'cannot read the halt requests');
    }
    for (const name of names) {
      if (!name.endsWith(REQUEST_SUFFIX) || this.handling.has(name)) continue;
      this.handling.add(name);
      void this.handle(name).finally(() => this.handling.delete(name));
    }
  }

  private async handle(name: string): Promise<void> {
    const file = path.join(this.dir, name);
    if (!fs.existsSync(file)) return; // withdrawn by its sender, who gave up waiting
    const request = this.read(file, name.slice(0, -REQUEST_SUFFIX.length));
    fs.rmSync(file, { force: true });
    let answer: HaltAnswer;
    try {
      const change = this.options.tradingState.change({ state: 'HALTED', reason: request.reason, confirmed: false, by: request.by });
      // A tightening takes effect before change() first waits: the state is HALTED now; the wait is for the record.
      const recorded = new Promise((resolve) => setTimeout(resolve, RECORD_WAIT_MS).unref());
      await Promise.race([change, recorded]);
      answer = { id: request.id, ok: true, state: this.options.tradingState.current };
      log.warn({ by: request.by, reason: request.reason }, 'HALTED from a terminal (npm run halt)');
    } catch (error) {
      answer = { id: request.id, ok: false, error: (error as Error).message };
    }
    this.answered++;
    try {
      writeAtomically(path.join(this.dir, `${request.id}${ANSWER_SUFFIX}`), answer);
    } catch (error) {
      log.error({ err: error }, 'the halt was done but its answer could not be written');
    }
  }

  private read(file: string, id: string): HaltRequest {
    const unreadable = (problem: string): HaltRequest => {
      this.options.reportBadInput('halt', `halt request ${path.basename(file)}: ${problem}; halting anyway`);
      return { id: safeId(id), reason: `halt request from a terminal (unreadable: ${problem})`, by: 'unknown via terminal', at: Date.now() };
    };
    try {
      const value = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<HaltRequest>;
      if (typeof value.reason !== 'string' || value.reason.trim() === '') return unreadable('no reason');
      if (typeof value.by !== 'string' || value.by.trim() === '') return unreadable('no "by"');
      return { id: safeId(id), reason: value.reason.slice(0, 500), by: value.by.slice(0, 100), at: Number(value.at) || Date.now() };
    } catch (error) {
      return unreadable((error as Error).message);
    }
  }
}

/** The answer's file name comes from the request's: nothing in it may leave the directory. */
function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'request';
}
