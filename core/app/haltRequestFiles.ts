import fs from 'node:fs';
import path from 'node:path';
import type { TradingState } from '../contract/contract';

/**
 * The out-of-band halt's mailbox in the data dir (`npm run halt` ↔ the running engine), which needs no browser, web
 * bridge or Redis: a request file `<id>.request.json` in `<data-dir>/halt-requests/`, answered by the engine with
 * `<id>.answer.json`. Both are written aside and renamed into place, so neither side reads half a file.
 */
export const HALT_DIR = 'halt-requests';
export const REQUEST_SUFFIX = '.request.json';
export const ANSWER_SUFFIX = '.answer.json';

export interface HaltRequest {
  id: string;
  reason: string;
  /** Who asked: "<user> via terminal". */
  by: string;
  at: number;
}

export type HaltAnswer = { id: string; ok: true; state: TradingState } | { id: string; ok: false; error: string };

export function haltDir(dataDir: string): string {
  return path.join(dataDir, HALT_DIR);
}

export function writeAtomically(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(value) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
