import { describe, expect, it } from 'vitest';
import type { Trade } from '../../../core/contract/contract';
import { mergePrints } from '../../../renderer/src/panels/tape/tapeBuffer';

const print = (totalVolume: number, size = 100): Trade => ({
  symbol: 'SPY',
  price: 500,
  size,
  ts: totalVolume,
  receivedAt: totalVolume,
  totalVolume,
  vwap: 500,
  aggressor: 'buy',
});

describe('tape buffer', () => {
  it('adds only prints newer than the tape, newest first, when stream windows overlap', () => {
    const tape = mergePrints([], [print(100), print(200)], 10);
    const next = mergePrints(tape, [print(100), print(200), print(300), print(400)], 10);
    expect(next.map((t) => t.totalVolume)).toEqual([400, 300, 200, 100]);
  });

  it('keeps at most the requested number of prints', () => {
    const tape = mergePrints([], [print(1), print(2), print(3)], 2);
    expect(tape.map((t) => t.totalVolume)).toEqual([3, 2]);
  });

  it('starts over when cumulative volume falls (a new session)', () => {
    const tape = mergePrints([], [print(500), print(600)], 10);
    expect(mergePrints(tape, [print(10), print(20)], 10).map((t) => t.totalVolume)).toEqual([20, 10]);
  });

  it('returns the same tape object when nothing is new, so the panel does not re-render', () => {
    const tape = mergePrints([], [print(1)], 10);
    expect(mergePrints(tape, [print(1)], 10)).toBe(tape);
  });
});
