import { describe, expect, it } from 'vitest';
import { applyPatch, diffValue, encodeValue } from '../../../core/contract/valuePatch';

const roundTrip = (previous: unknown, next: unknown) => {
  const patch = diffValue(previous, next);
  return patch ? applyPatch(previous, patch) : previous;
};

describe('value patches', () => {
  it('carries only the changed fields of an object and shares the unchanged parts', () => {
    const previous = { symbol: 'SPY', bids: [{ price: 1, size: 100 }, { price: 0.99, size: 200 }], asks: [{ price: 1.01, size: 300 }] };
    const next = { symbol: 'SPY', bids: [{ price: 1, size: 150 }, { price: 0.99, size: 200 }], asks: [{ price: 1.01, size: 300 }] };
    const patch = diffValue(previous, next)!;
    expect(patch).toEqual({ o: { bids: { a: 2, s: { 0: { o: { size: { v: 150 } } } } } } });
    const applied = applyPatch(previous, patch) as typeof next;
    expect(applied).toEqual(next);
    expect(applied.asks).toBe(previous.asks);
    expect(applied.bids[1]).toBe(previous.bids[1]);
  });

  it('sends a rolling window (newest prints) as the items that are new', () => {
    const print = (n: number) => ({ ts: n, size: n * 10 });
    const previous = [1, 2, 3, 4, 5, 6].map(print);
    const next = [3, 4, 5, 6, 7, 8].map(print);
    const patch = diffValue(previous, next)!;
    expect(patch).toEqual({ k: [2, 4], n: [print(7), print(8)] });
    expect(applyPatch(previous, patch)).toEqual(next);
  });

  it('handles an amended last item in a rolling window (the forming bar)', () => {
    const bar = (t: number, close: number) => ({ time: t, close });
    const previous = [bar(1, 10), bar(2, 11), bar(3, 12)];
    const next = [bar(2, 11), bar(3, 13), bar(4, 14)];
    expect(roundTrip(previous, next)).toEqual(next);
  });

  it('round-trips removed keys, grown and shrunk arrays, nulls and type changes', () => {
    const cases: Array<[unknown, unknown]> = [
      [{ a: 1, b: 2 }, { a: 1 }],
      [[1, 2, 3], [1, 2, 3, 4, 5]],
      [[1, 2, 3, 4, 5, 6], [1, 2]],
      [{ a: null }, { a: { b: 1 } }],
      [{ a: [1] }, { a: 'x' }],
      [[], [{ x: 1 }]],
      [null, { x: 1 }],
      [{ nested: { deep: { list: [{ v: 1 }, { v: 2 }] } } }, { nested: { deep: { list: [{ v: 1 }, { v: 3 }, { v: 4 }] } } }],
    ];
    for (const [previous, next] of cases) expect(roundTrip(previous, next)).toEqual(next);
  });

  it('says nothing changed for equal values', () => {
    expect(diffValue({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBeNull();
  });

  it('encodes the first value whole, then patches only when they are smaller, and sees changes made in place', () => {
    const book = { levels: Array.from({ length: 60 }, (_, i) => ({ price: 100 + i / 100, size: 100 })) };
    const first = encodeValue(undefined, book);
    expect(first.value).toEqual(book);
    expect(first.json).toBe(JSON.stringify(book));
    book.levels[3]!.size = 500; // the publisher mutates its object in place
    const second = encodeValue(first.held, book);
    expect(second.patch).toEqual({ o: { levels: { a: 60, s: { 3: { o: { size: { v: 500 } } } } } } });
    expect(second.json).toBe(JSON.stringify(second.patch));
    expect(encodeValue(second.held, book)).toEqual({ held: book });
    const replaced = encodeValue(second.held, { other: true });
    expect(replaced).toEqual({ value: { other: true }, held: undefined, json: '{"other":true}' }); // small: always whole, nothing kept
  });
});

describe('array stretches', () => {
  it('sends a level inserted into a book as that level only', () => {
    const level = (price: number) => ({ price, size: 100, exchange: 'ARCA' });
    const previous = [10, 9, 8, 7, 6, 5, 4].map(level);
    const next = [10, 9, 8.5, 8, 7, 6, 5, 4].map(level);
    const patch = diffValue(previous, next)!;
    expect(patch).toEqual({ r: [2, 5], n: [level(8.5)] });
    expect(applyPatch(previous, patch)).toEqual(next);
    const removed = diffValue(next, previous)!;
    expect(removed).toEqual({ r: [2, 5], n: [] });
    expect(applyPatch(next, removed)).toEqual(previous);
  });

  it('round-trips random edits', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let run = 0; run < 300; run++) {
      const previous = Array.from({ length: Math.floor(random() * 12) }, () => ({ p: Math.floor(random() * 5), q: [Math.floor(random() * 3)] }));
      const next = previous.map((item) => (random() < 0.2 ? { p: item.p + 1, q: item.q } : item)).filter(() => random() > 0.1);
      if (random() < 0.5) next.splice(Math.floor(random() * (next.length + 1)), 0, { p: 9, q: [9] });
      expect(roundTrip(previous, next)).toEqual(next);
    }
  });
});
