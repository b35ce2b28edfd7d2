import os from 'node:os';

/** The nice value the engine's worker threads step back to: the engine's event loop gets a busy core first. */
const WORKER_THREAD_NICE = 10;

/**
 * Lowers the calling worker thread's scheduling priority, so on a busy machine the engine's event loop (the kill
 * switch, the order path, the cockpit) is given the core before a chain parse, a GEX pricing or a discovery run.
 * On Linux a nice value belongs to a thread, so only this thread steps back; elsewhere the call would lower the whole
 * engine, so it is not made.
 */
export function yieldToTheEngine(): void {
  if (process.platform !== 'linux') return;
  try {
    os.setPriority(WORKER_THREAD_NICE);
  } catch {
    // not allowed here: the thread simply competes at the engine's priority
  }
}
