import type { SymbolSetup } from '../discovery/discoveryFindings';
import type { DiscoveryRun, DiscoveryRunSummary } from '../market/discoveryReading';

/* What the discovery runner (discoveryCompute.ts) and its thread (discoveryThread.ts) say to each other. */

/** What the thread is started with: where the history is read from. */
export interface DiscoveryThreadSetup {
  redisUrl: string;
}

/**
 * One run: its own facts, the symbols, the history window [from, to] (epoch ms; `to` is the run's start, the time its
 * values are stamped with), and the previous run as stored (JSON), whose values a refusing method keeps.
 */
export interface DiscoveryJob {
  stamp: Pick<DiscoveryRun, 'id' | 'trigger' | 'requestedBy' | 'reason' | 'startedAt' | 'windowMinutes'>;
  symbols: SymbolSetup[];
  from: number;
  to: number;
  previousJson: string | null;
}

import { READY } from './threadReady';

export { READY };

/** A step of a run done: `done` of `total` steps (one per symbol, then the correlations; saving is the runner's). */
export interface JobProgress {
  id: number;
  progress: { done: number; step: string };
}

/**
 * The run, whole: as objects (the stream, the bus), as JSON (Redis) and as discovered.yaml's text, made on the thread so
 * the engine serialises nothing; with the time spent reading the history and computing (ms). Or why the run failed.
 */
export interface ComputedRun {
  run: DiscoveryRun;
  runJson: string;
  yaml: string;
  summary: DiscoveryRunSummary;
  readMs: number;
  computeMs: number;
  /** Stored history entries that could not be read, by symbol (only symbols with some). */
  skipped: Record<string, number>;
}

export type JobReply = ({ id: number } & ComputedRun) | { id: number; failure: string };

export type ThreadMessage = typeof READY | JobProgress | JobReply;
