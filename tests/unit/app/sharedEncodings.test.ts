import { describe, expect, it } from 'vitest';
import { SharedEncodings } from '../../../core/app/sharedEncodings';

const chain = (bid: number) => ({ symbol: 'SPY', contracts: Array.from({ length: 200 }, (_, strike) => ({ strike, bid, ask: bid + 0.05 })) });

describe('SharedEncodings', () => {
  it('gives every subscriber of one published value the same held copy and the same patch', () => {
    const encodings = new SharedEncodings();
    const first = chain(1);
    const a = encodings.encode(undefined, first);
    const b = encodings.encode(undefined, first);
    expect(b.held).toBe(a.held);
    expect(b.json).toBe(a.json);
    const next = chain(1);
    next.contracts[7]!.bid = 2;
    const patchA = encodings.encode(a.held, next);
    const patchB = encodings.encode(b.held, next);
    expect(patchA.patch).toEqual({ o: { contracts: { a: 200, s: { 7: { o: { bid: { v: 2 } } } } } } });
    expect(patchB).toBe(patchA);
  });

  it('reads a value changed in place afresh once it is pushed again', () => {
    const encodings = new SharedEncodings();
    const book = chain(1);
    const first = encodings.encode(undefined, book);
    book.contracts[0]!.bid = 5; // the publisher changes its object in place, then publishes it again
    encodings.forget(book);
    const second = encodings.encode(first.held, book);
    expect(second.patch).toEqual({ o: { contracts: { a: 200, s: { 0: { o: { bid: { v: 5 } } } } } } });
    expect((first.held as ReturnType<typeof chain>).contracts[0]!.bid).toBe(1); // what the peer held is untouched
  });
});
