import { describe, expect, it, vi } from 'vitest';
import { EncodeScheduler, type EncodeJob } from '../../../core/app/encodeScheduler';

/** A connection with `steps` pieces of encoding left, each taking `ms` of CPU. */
function connection(name: string, steps: number, ms: number, log: string[]): EncodeJob & { left: number } {
  return {
    left: steps,
    encodeFor() {
      const end = performance.now() + ms;
      while (performance.now() < end); // encoding: CPU time, the event loop held
      log.push(name);
      return --this.left > 0;
    },
  };
}

describe('EncodeScheduler', () => {
  it('serves waiting connections in turn, within the budget per turn, and lets other work run between turns', async () => {
    const log: string[] = [];
    const scheduler = new EncodeScheduler(5);
    const jobs = ['A', 'B', 'C'].map((name) => connection(name, 3, 3, log));
    jobs.forEach((job) => scheduler.run(job));
    const ticker = setInterval(() => log.push('|'), 0); // other work: a timer that fires whenever the loop lets it
    await vi.waitFor(() => expect(jobs.every((job) => job.left === 0)).toBe(true));
    clearInterval(ticker);
    const turns = log.join('').replace(/\|+/g, '|').replace(/^\||\|$/g, '').split('|');
    // A ran at once, then each turn serves about 5 ms (two 3 ms pieces); whoever was not served goes first next turn.
    expect(log.filter((entry) => entry !== '|').join('')).toBe('AABCABCBC');
    expect(turns.slice(-3)).toEqual(['CA', 'BC', 'BC']);
  });
});
