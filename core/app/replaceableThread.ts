import { Worker, type ResourceLimits } from 'node:worker_threads';
import { READY } from './threadReady';
import { defaultYoungGenerationForNewThreads } from './threadHeap';

/** A job as its owner writes it: the id is given by the thread host. */
export type JobWithoutId<J> = J extends unknown ? Omit<J, 'id'> : never;

export interface ReplaceableThreadOptions<Reply extends { id: number }> {
  /** How a person calls the thread in a message: "the analytics thread". */
  name: string;
  /** The thread's script and what it is started with. */
  entry: URL;
  workerData: unknown;
  resourceLimits?: ResourceLimits;
  /** What a call does, for the error when its thread is lost: "computing chain analytics". */
  doing: string;
  /** A reply's outcome: the answer, or the error the call fails with. */
  settle(reply: Reply): { value: unknown } | { error: Error };
  /** The thread could not start (or its script could not load): the owner works on the engine's thread from now on. */
  onUnusable(problem: string): void;
  /** A running thread was lost (its calls failed): a new one starts for the next call. */
  onLost(problem: string): void;
}

interface Waiting {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/**
 * A worker thread that answers jobs by id, started on first use and replaced when it dies: the calls it was making
 * fail by name and the next call starts a new thread. A thread that cannot start at all is not tried again (`thread()`
 * answers null from then on), so its owner does the work on the engine's thread instead.
 */
export class ReplaceableThread<Job extends { id: number }, Reply extends { id: number }> {
  private worker: Worker | null = null;
  private starting: Promise<Worker | null> | null = null;
  private unusable = false;
  private stopped = false;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiting>();

  constructor(private readonly options: ReplaceableThreadOptions<Reply>) {}

  get hasStopped(): boolean {
    return this.stopped;
  }

  /** The running thread (started if need be), or null when stopped or when the thread cannot start. */
  thread(): Promise<Worker | null> {
    if (this.stopped || this.unusable) return Promise.resolve(null);
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= this.startThread().then((worker) => {
      this.starting = null;
      return worker;
    });
    return this.starting;
  }

  /** Sends a job (its id is given here) to the thread `thread()` answered, and waits for its answer. */
  ask<T>(worker: Worker, job: JobWithoutId<Job>, what: string): Promise<T> {
    if (worker !== this.worker) return Promise.reject(new Error(`${this.options.name} stopped before ${what}`)); // lost meanwhile
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...job, id });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = null;
    this.rejectAll(`${this.options.name} stopped`);
    await worker?.terminate();
  }

  private startThread(): Promise<Worker | null> {
    const { name, entry, workerData, resourceLimits } = this.options;
    let worker: Worker;
    try {
      defaultYoungGenerationForNewThreads();
      worker = new Worker(entry, { workerData, resourceLimits });
    } catch (error) {
      return Promise.resolve(this.giveUp(`${name} could not start: ${error instanceof Error ? error.message : String(error)}`));
    }
    worker.unref();
    return new Promise((resolve) => {
      let ready = false; // 'online' comes before the code loads, and a script that cannot load fails after it
      let gone = false;
      const lost = (problem: string) => {
        if (gone) return; // 'error' is followed by 'exit'
        gone = true;
        if (this.stopped) return resolve(null);
        if (!ready) return resolve(this.giveUp(problem));
        this.worker = null;
        this.rejectAll(problem);
        this.options.onLost(problem);
      };
      worker.on('message', (reply: Reply | typeof READY) => {
        if (reply !== READY) return this.answer(reply);
        ready = true;
        this.worker = worker;
        resolve(worker);
      });
      worker.once('error', (error) => lost(`${name} failed: ${error.message}`));
      worker.once('exit', (code) => lost(`${name} exited (code ${code})`));
    });
  }

  private giveUp(problem: string): null {
    this.unusable = true;
    this.options.onUnusable(problem);
    return null;
  }

  private answer(reply: Reply): void {
    const job = this.waiting.get(reply.id);
    if (!job) return;
    this.waiting.delete(reply.id);
    const outcome = this.options.settle(reply);
    if ('value' in outcome) job.resolve(outcome.value);
    else job.reject(outcome.error);
  }

  /** Calls on a thread that is gone fail by name (their owners count the failure and try again later). */
  private rejectAll(problem: string): void {
    for (const job of this.waiting.values()) job.reject(new Error(`${problem} while ${this.options.doing}`));
    this.waiting.clear();
  }
}
