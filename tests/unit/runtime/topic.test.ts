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

  it('builds a lazily published value only when a subscriber or a reader asks for it, once, and never a replaced one', () => {
    const topic = new Topic<string[]>();
    const built: string[] = [];
    const make = (name: string) => () => (built.push(name), [name]);
    topic.publishLazy(make('first'), 100);
    topic.publishLazy(make('second'), 200);
    expect(built).toEqual([]); // nobody watches: nothing built, and 'first' never will be
    const seen: Array<[string[], number]> = [];
    topic.subscribe((value, asOf) => seen.push([value, asOf]));
    expect(built).toEqual(['second']);
    expect(seen).toEqual([[['second'], 200]]);
    expect(topic.current).toEqual(['second']);
    topic.publishLazy(make('third'), 300); // watched: built at once and delivered
    expect(built).toEqual(['second', 'third']);
    expect(seen.at(-1)).toEqual([['third'], 300]);
  });

  it('gives a lazily published value to a reader of current without any subscriber', () => {
    const topic = new Topic<number>();
    let builds = 0;
    topic.publishLazy(() => ++builds * 10);
    expect(topic.current).toBe(10);
    expect(topic.current).toBe(10);
    expect(builds).toBe(1);
  });
});
