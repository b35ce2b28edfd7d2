import { Worker, type ResourceLimits } from 'node:worker_threads';
import { READY, type ComputedRun, type DiscoveryJob, type JobProgress, type JobReply, type ThreadMessage } from './discoveryMessages';
import { threadEntry } from './threadEntry';
import { defaultYoungGenerationForNewThreads } from './threadHeap';

export interface DiscoveryComputeOptions {
  /** Where the thread reads the history (the engine's Redis). */
  redisUrl: string;
  /** The thread's script; by default discoveryThread beside this module (source or bundle). */
  entry?: URL;
  /** A run that has not answered in this long fails and its thread is ended (default 5 minutes). */
  timeoutMs?: number;
  resourceLimits?: ResourceLimits;
}

/** One run's computation, wherever it happens (the runner's tests may give their own). */
export interface DiscoveryComputer {
  compute(job: DiscoveryJob, onProgress: (progress: JobProgress['progress']) => void): Promise<ComputedRun>;
  stop(): Promise<void>;
}

interface Current {
  id: number;
  onProgress: (progress: JobProgress['progress']) => void;
  resolve: (computed: ComputedRun) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/**
 * Runs discovery on a worker thread of its own (discoveryThread.ts), one run at a time: the history is read, every
 * method computed and the run made whole there (JSON and YAML included), so the engine's event loop only receives it. The thread starts with the first run
 * and stays; one that dies or hangs fails the run it was doing (by name) and is replaced at the next run. A thread that
 * cannot start fails the run: discovery never falls back to the engine's thread.
 */
export class DiscoveryThread implements DiscoveryComputer {
  private worker: Worker | null = null;
  private starting: Promise<Worker> | null = null;
  private current: Current | null = null;
  private stopped = false;

  constructor(private readonly options: DiscoveryComputeOptions) {}

  async compute(job: DiscoveryJob, onProgress: (progress: JobProgress['progress']) => void): Promise<ComputedRun> {
    if (this.current) throw new Error(`the discovery thread is still computing run ${this.current.id}`);
    const worker = await this.thread();
    const { id } = job.stamp;
    return new Promise<ComputedRun>((resolve, reject) => {
      const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const timer = setTimeout(() => this.lose(worker, `the discovery thread did not finish run ${id} within ${Math.round(timeoutMs / 1000)} s`), timeoutMs);
      this.current = { id, onProgress, resolve, reject, timer };
      worker.postMessage(job);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const worker = this.worker;
    this.worker = null;
    this.finish(new Error('the discovery thread stopped'));
    await worker?.terminate();
  }

  private thread(): Promise<Worker> {
    if (this.stopped) return Promise.reject(new Error('the discovery thread has stopped'));
    if (this.worker) return Promise.resolve(this.worker);
    this.starting ??= this.startThread().finally(() => (this.starting = null));
    return this.starting;
  }

  private startThread(): Promise<Worker> {
    return new Promise<Worker>((resolve, reject) => {
      let worker: Worker;
      try {
        const entry = this.options.entry ?? threadEntry('discoveryThread');
        defaultYoungGenerationForNewThreads();
        worker = new Worker(entry, { workerData: { redisUrl: this.options.redisUrl }, resourceLimits: this.options.resourceLimits });
      } catch (error) {
        return reject(new Error(`the discovery thread could not start: ${error instanceof Error ? error.message : String(error)}`));
      }
      worker.unref();
      let ready = false; // 'online' comes before the code loads, and a script that cannot load fails after it
      worker.on('message', (message: ThreadMessage) => {
        if (message !== READY) return this.hear(message);
        ready = true;
        this.worker = worker;
        resolve(worker);
      });
      const lost = (problem: string) => (ready ? this.lose(worker, problem) : reject(new Error(`the discovery thread could not start: ${problem}`)));
      worker.once('error', (error) => lost(`the discovery thread failed: ${error.message}`));
      worker.once('exit', (code) => lost(`the discovery thread exited (code ${code})`));
    });
  }

  private hear(message: JobProgress | JobReply): void {
    const current = this.current;
    if (!current || message.id !== current.id) return;
    if ('progress' in message) return current.onProgress(message.progress);
    if ('failure' in message) return this.finish(new Error(message.failure));
    const { id: _id, ...computed } = message;
    this.finish(null, computed);
  }

  /** The thread died or hung: the run it was doing fails, and the next run starts a new thread. */
  private lose(worker: Worker, problem: string): void {
    if (this.worker === worker) this.worker = null;
    this.finish(new Error(problem));
    void worker.terminate();
  }

  private finish(error: Error | null, computed?: ComputedRun): void {
    const current = this.current;
    if (!current) return;
    this.current = null;
    clearTimeout(current.timer);
    if (error) current.reject(error);
    else current.resolve(computed!);
  }
}
