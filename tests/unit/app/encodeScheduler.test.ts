import { describe, expect, it, vi } from 'vitest';
import { EncodeScheduler, type EncodeJob } from '../../../core/app/encodeScheduler';

/** The scheduler's clock: each piece of encoding advances it by its cost, whatever the machine's load. */
const clock = { ms: 0 };

/** A connection with `steps` pieces of encoding left, each taking `ms`. */
function connection(name: string, steps: number, ms: number, log: string[]): EncodeJob & { left: number } {
  return {
    left: steps,
    encodeFor() {
      clock.ms += ms;
      log.push(name);
      return --this.left > 0;
    },
  };
}

describe('EncodeScheduler', () => {
  it('serves waiting connections in turn, within the budget per turn, and lets other work run between turns', async () => {
    const log: string[] = [];
    const scheduler = new EncodeScheduler(5, () => clock.ms);
    const jobs = ['A', 'B', 'C'].map((name) => connection(name, 3, 3, log));
    jobs.forEach((job) => scheduler.run(job));
    // Other work: a callback that comes back at every event-loop turn the scheduler lets pass.
    let ticking = true;
    const tick = () => {
      log.push('|');
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await vi.waitFor(() => expect(jobs.every((job) => job.left === 0)).toBe(true));
    ticking = false;
    const turns = log.join('').replace(/\|+/g, '|').replace(/^\||\|$/g, '').split('|');
    // A ran at once, then each turn serves about 5 ms (two 3 ms pieces); whoever was not served goes first next turn.
    expect(log.filter((entry) => entry !== '|').join('')).toBe('AABCABCBC');
    expect(turns.slice(-3)).toEqual(['CA', 'BC', 'BC']);
  });
});
