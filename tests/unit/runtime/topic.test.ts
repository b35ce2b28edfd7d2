import { afterEach, describe, expect, it, vi } from 'vitest';
import { Topic } from '../../../core/runtime/topic';

describe('Topic', () => {
  afterEach(() => vi.useRealTimers());

  it('gives a new subscriber the latest value at once, then every update', () => {
    const topic = new Topic<number>();
    topic.publish(1, 100);
    const seen: Array<[number, number]> = [];
    topic.subscribe((value, asOf) => seen.push([value, asOf]));
    topic.publish(2, 200);
    expect(seen).toEqual([
      [1, 100],
      [2, 200],
    ]);
  });

  it('coalesces a burst into at most one delivery per interval, ending on the newest value', () => {
    vi.useFakeTimers();
    const topic = new Topic<number>(50);
    const seen: number[] = [];
    topic.subscribe((value) => seen.push(value));
    for (let i = 1; i <= 1000; i++) topic.publish(i);
    vi.advanceTimersByTime(49);
    expect(seen.length).toBeLessThanOrEqual(1);
    vi.advanceTimersByTime(200);
    expect(seen.at(-1)).toBe(1000);
    expect(seen.length).toBeLessThanOrEqual(2);
  });

  it('stops delivering after unsubscribe and close', () => {
    const topic = new Topic<string>();
    const seen: string[] = [];
    const unsubscribe = topic.subscribe((v) => seen.push(v));
    topic.publish('a');
    unsubscribe();
    topic.publish('b');
    expect(seen).toEqual(['a']);
  });

  it('loads a lazily published value only when someone subscribes, once, and never a replaced one', async () => {
    const topic = new Topic<string[]>();
    const loaded: string[] = [];
    const load = (name: string) => async () => (loaded.push(name), [name]);
    topic.publishLazy(load('first'), 100);
    topic.publishLazy(load('second'), 200);
    await settled();
    expect(loaded).toEqual([]); // nobody watches: nothing loaded, and 'first' never will be
    expect(topic.current).toBeUndefined();
    const seen: Array<[string[], number]> = [];
    topic.subscribe((value, asOf) => seen.push([value, asOf]));
    await settled();
    expect(loaded).toEqual(['second']);
    expect(seen).toEqual([[['second'], 200]]);
    expect(topic.current).toEqual(['second']);
    topic.publishLazy(load('third'), 300); // watched: loaded at once and delivered
    await settled();
    expect(loaded).toEqual(['second', 'third']);
    expect(seen.at(-1)).toEqual([['third'], 300]);
  });

  it('keeps showing the previous value while the next one loads, and drops a load that a newer value overtook', async () => {
    const topic = new Topic<string>();
    const seen: string[] = [];
    topic.subscribe((value) => seen.push(value));
    topic.publish('old', 100);
    let finishSlow: (value: string) => void = () => undefined;
    topic.publishLazy(() => new Promise<string>((resolve) => (finishSlow = resolve)), 200);
    expect(topic.current).toBe('old');
    topic.publishLazy(async () => 'newest', 300);
    await settled();
    finishSlow('overtaken');
    await settled();
    expect(seen).toEqual(['old', 'newest']);
    expect(topic.current).toBe('newest');
  });

  it('delivers nothing for a load that finds nothing or fails, and keeps what it had', async () => {
    const topic = new Topic<string>();
    const seen: string[] = [];
    topic.subscribe((value) => seen.push(value));
    topic.publish('stored', 100);
    topic.publishLazy(async () => null, 200);
    topic.publishLazy(() => Promise.reject(new Error('Redis is gone')), 300);
    await settled();
    expect(seen).toEqual(['stored']);
  });
});

/** Lets pending loads (promise callbacks) run. */
const settled = () => new Promise((resolve) => setImmediate(resolve));
