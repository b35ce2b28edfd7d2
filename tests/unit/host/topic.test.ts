import { afterEach, describe, expect, it, vi } from 'vitest';
import { Topic } from '../../../core/host/topic';

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
});
