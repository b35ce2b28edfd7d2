import type { DiscoveryFindings, SymbolSetup } from '../discovery/discoveryFindings';

/* What the discovery runner (discoveryCompute.ts) and its thread (discoveryThread.ts) say to each other. */

/** What the thread is started with: where the history is read from. */
export interface DiscoveryThreadSetup {
  redisUrl: string;
}

/** One run: the symbols, the history window [from, to] (epoch ms) and the time the values are stamped with. */
export interface DiscoveryJob {
  id: number;
  symbols: SymbolSetup[];
  from: number;
  to: number;
  now: number;
}

/** Posted once the thread can take runs (its code loaded, its Redis connection up or given up on). */
export const READY = 'ready';

/** A step of a run done: `done` of `total` steps (one per symbol, then the correlations; saving is the runner's). */
export interface JobProgress {
  id: number;
  progress: { done: number; step: string };
}

/** What the methods found, with the time spent reading the history and computing (ms), or why the run failed. */
export type JobReply = { id: number; findings: DiscoveryFindings; readMs: number; computeMs: number } | { id: number; failure: string };

export type ThreadMessage = typeof READY | JobProgress | JobReply;
