import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RowsJob, RowsReply } from './chainRowsWorker';
import type { RowsOutcome } from './chainScanner';

/** Told once when the worker cannot be used (it failed to start, or died): chains are then read by one thread. */
export type WorkerFailureReporter = (problem: string) => void;

/** This module's own URL: import.meta.url from source and the ESM bundle; the CommonJS bundle (Electron) has __filename. */
function moduleUrl(): string {
  return typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
}

/**
 * From source (.ts) the boot script has tsx compile the worker; a bundle starts the bundled worker beside it (in a
 * packaged app, the copy electron-builder leaves unpacked beside the archive).
 */
function workerEntry(): URL {
  const here = moduleUrl();
  if (here.endsWith('.ts')) return new URL('./chainRowsWorkerBoot.mjs', here);
  const bundled = path.join(path.dirname(fileURLToPath(here)), 'chainRowsWorker.cjs');
  const unpacked = bundled.replace(`.asar${path.sep}`, `.asar.unpacked${path.sep}`);
  return pathToFileURL(unpacked !== bundled && fs.existsSync(unpacked) ? unpacked : bundled);
}

/**
 * One worker thread that reads the second half of large option chains while the engine's thread reads the first
 * (chainScanner.scanChainSplit): a 10,000-contract answer is read on both cores. It is started ahead of need; until
 * it is up, or after it failed, `read` answers null and the caller reads everything itself, so a chain is never
 * lost or delayed waiting for it. Jobs are answered in order, one at a time.
 */
export class ChainRowsWorker {
  private worker: Worker | null = null;
  private online = false;
  private failed = false;
  private nextId = 1;
  /** Shares of chains the worker read (monitoring and tests: the second core is really used). */
  jobsRead = 0;
  private readonly waiting = new Map<number, (outcome: RowsOutcome) => void>();

  constructor(private readonly onFailure: WorkerFailureReporter = () => undefined) {}

  /** Starts the thread (once); resolves when it can take jobs, or has failed. */
  start(): Promise<void> {
    if (this.worker || this.failed) return Promise.resolve();
    let worker: Worker;
    try {
      worker = new Worker(workerEntry());
    } catch (error) {
      this.fail(`chain-rows worker could not start: ${error instanceof Error ? error.message : String(error)}`);
      return Promise.resolve();
    }
    this.worker = worker;
    worker.unref();
    worker.on('message', (reply: RowsReply) => this.answer(reply));
    worker.on('error', (error) => this.fail(`chain-rows worker failed: ${error.message}`));
    worker.on('exit', (code) => this.fail(`chain-rows worker exited (code ${code})`));
    return new Promise((resolve) => {
      worker.once('online', () => {
        this.online = true;
        resolve();
      });
      worker.once('error', () => resolve());
      worker.once('exit', () => resolve());
    });
  }

  /** Reads rows of `shared` from `start` in the worker; null when the worker cannot (not up yet, failed, stopped). */
  read(shared: Buffer, size: number, start: number, symbol: string): Promise<RowsOutcome> {
    if (!this.worker || !this.online || this.failed) return Promise.resolve(null);
    const id = this.nextId++;
    const job: RowsJob = { id, shared, size, start, symbol };
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker!.postMessage(job);
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.failed = true; // no more jobs
    this.settleAll();
    if (worker) await worker.terminate();
  }

  private answer(reply: RowsReply): void {
    const resolve = this.waiting.get(reply.id);
    if (!resolve) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) {
      this.fail(`chain-rows worker could not read a chain: ${reply.error}`);
      return resolve(null);
    }
    this.jobsRead++;
    resolve(reply.part);
  }

  private fail(problem: string): void {
    if (this.failed) return this.settleAll();
    this.failed = true;
    this.settleAll();
    this.onFailure(problem);
  }

  /** Jobs still waiting are read by their callers themselves. */
  private settleAll(): void {
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }
}
