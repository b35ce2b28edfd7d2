import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** The direct children of a process (e.g. the engine's redis-server). */
export function childPids(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** True while the process exists and is not a zombie; names it, so a failure says what was left behind. */
export function alive(pid: number): string | false {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.split(') ')[1]?.startsWith('Z')) return false;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim() || `pid ${pid}`;
  } catch {
    return false;
  }
}
