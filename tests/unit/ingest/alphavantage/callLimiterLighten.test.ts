import Bottleneck from 'bottleneck';
import { describe, expect, it } from 'vitest';
import { lighten } from '../../../../core/ingest/alphavantage/callLimiter';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Each behaviour is checked on plain Bottleneck and on the lightened one: they must agree.
describe.each([
  ['plain Bottleneck', (options: Bottleneck.ConstructorOptions) => new Bottleneck(options)],
  ['Bottleneck without its setTimeout(0) yields and unheard events (lighten)', (options: Bottleneck.ConstructorOptions) => lighten(new Bottleneck(options))],
])('%s', (_name, make) => {
  it('serves jobs by priority, one at a time, spaced by minTime', async () => {
    const limiter = make({ maxConcurrent: 1, minTime: 20 });
    const order: string[] = [];
    const times: number[] = [];
    const job = (name: string, ms = 0) => async () => {
      order.push(name);
      times.push(Date.now());
      await sleep(ms);
    };
    const first = limiter.schedule({ priority: 5 }, job('first', 30));
    await sleep(5); // `first` holds the only slot
    await Promise.all([limiter.schedule({ priority: 7 }, job('low')), limiter.schedule({ priority: 1 }, job('high')), first]);
    expect(order).toEqual(['first', 'high', 'low']);
    // Bottleneck spaces the launches it plans; a timer that fires late brings the next one closer (hence the margin).
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(14);
    await limiter.stop();
  });

  it('stops at an empty reservoir until it is refilled', async () => {
    const limiter = make({ maxConcurrent: 4, reservoir: 2 });
    let ran = 0;
    const jobs = Array.from({ length: 3 }, () => limiter.schedule(async () => void ran++));
    await Promise.all(jobs.slice(0, 2));
    await sleep(20);
    expect(ran).toBe(2);
    await limiter.updateSettings({ reservoir: 1 });
    await jobs[2];
    expect(ran).toBe(3);
    await limiter.stop();
  });

  it('gives events to listeners, and a failed listener can retry the job', async () => {
    const limiter = make({ maxConcurrent: 1 });
    const events: string[] = [];
    limiter.on('received', () => void events.push('received'));
    limiter.on('queued', () => void events.push('queued'));
    limiter.on('executing', () => void events.push('executing'));
    limiter.on('done', () => void events.push('done'));
    limiter.on('failed', (_error, info) => (info.retryCount === 0 ? 1 : undefined));
    let attempts = 0;
    const result = await limiter.schedule(async () => {
      attempts++;
      if (attempts === 1) throw new Error('once');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(attempts).toBe(2);
    expect(events).toEqual(['received', 'queued', 'executing', 'executing', 'done']);
    await limiter.stop();
  });
});
