import fs from 'node:fs';
import path from 'node:path';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** A garbage collection on the engine's thread: when (the CPU profile's clock, µs), how long (ms), and its kind (perf_hooks constants.NODE_PERFORMANCE_GC_*). */
interface Gc {
  at: number;
  ms: number;
  kind: number | undefined;
}

/** performance.now() (ms) on the clock of V8's CPU profiles (monotonic µs). */
const profileClockOffset = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
export const onProfileClock = (ms: number) => ms * 1000 + profileClockOffset;

/**
 * The engine thread's garbage collections while enabled; and with `dumpDir` (BENCH_PROFILE_DIR), every stretch of more
 * than 4 ms in which a 1 ms timer could not run, so that `dump` can write them beside the CPU profile: what held the
 * loop at each stall — a collection, the engine's own code, or nothing at all (the process was not given a core).
 */
export class EngineTrace {
  readonly gcs: Gc[] = [];
  private readonly stalls: Array<{ at: number; lateMs: number }> = [];
  private stallTimer: NodeJS.Timeout | undefined;
  private readonly observer = new PerformanceObserver((list) =>
    list.getEntries().forEach((e) => this.gcs.push({ at: onProfileClock(e.startTime), ms: e.duration, kind: (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind })),
  );

  constructor(private readonly dumpDir = process.env.BENCH_PROFILE_DIR) {}

  start(): void {
    this.observer.observe({ entryTypes: ['gc'] });
    if (!this.dumpDir) return;
    let last = performance.now();
    this.stallTimer = setInterval(() => {
      const now = performance.now();
      if (now - last > 4) this.stalls.push({ at: onProfileClock(last), lateMs: now - last - 1 });
      last = now;
    }, 1);
  }

  stop(): void {
    this.observer.disconnect();
    clearInterval(this.stallTimer);
  }

  get majorCount(): number {
    return this.gcs.filter((gc) => gc.kind === constants.NODE_PERFORMANCE_GC_MAJOR).length;
  }

  get longestMs(): number {
    return Math.max(0, ...this.gcs.map((gc) => gc.ms));
  }

  /**
   * Writes `name`.cpuprofile, and `name`.trace.json: collections, stalls, the measured rounds and the spans in which
   * the chain reader's thread worked on a chain (performance.now() ms given, written on the profile's clock).
   */
  dump(name: string, profile: unknown, rounds: Array<[number, number]>, chains: Array<[number, number]>): void {
    if (!this.dumpDir) return;
    fs.mkdirSync(this.dumpDir, { recursive: true });
    fs.writeFileSync(path.join(this.dumpDir, `${name}.cpuprofile`), JSON.stringify(profile));
    const spans = (list: Array<[number, number]>) => list.map(([from, to]) => [onProfileClock(from), onProfileClock(to)]);
    const trace = { gcs: this.gcs, stalls: this.stalls, rounds: spans(rounds), chains: spans(chains) };
    fs.writeFileSync(path.join(this.dumpDir, `${name}.trace.json`), JSON.stringify(trace));
  }
}
