import { describe, expect, it } from 'vitest';
import { MessageRate } from '../../../core/app/clientMessageRate';

describe('MessageRate', () => {
  it('lets a burst through at once, then refuses until time refills it at the set rate', () => {
    let now = 0;
    const rate = new MessageRate(100, 5, () => now);
    expect(Array.from({ length: 7 }, () => rate.take())).toEqual([true, true, true, true, true, false, false]);
    now += 10; // 100 a second: one message's worth
    expect([rate.take(), rate.take()]).toEqual([true, false]);
    now += 60_000; // a long pause refills only up to the burst
    expect(Array.from({ length: 6 }, () => rate.take()).filter(Boolean)).toHaveLength(5);
  });
});
