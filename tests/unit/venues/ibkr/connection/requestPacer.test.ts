import { describe, expect, test } from 'vitest';
import { RequestPacer } from '../../../../../core/venues/ibkr/connection/requestPacer';

describe('request pacer', () => {
  test('releases a burst of requests no faster than the configured rate', async () => {
    const pacer = new RequestPacer(40);
    const sentAt: number[] = [];
    for (let i = 0; i < 20; i++) pacer.enqueue(() => sentAt.push(performance.now()));
    expect(pacer.depth).toBe(20);
    while (sentAt.length < 20) await new Promise((r) => setTimeout(r, 50));
    const span = sentAt[19]! - sentAt[0]!;
    expect(span).toBeGreaterThanOrEqual(19 * 25);
    expect(20 / ((span + 25) / 1000)).toBeLessThanOrEqual(41);
  });

  test('clear() drops what a dead session never sent', async () => {
    const pacer = new RequestPacer(40);
    let sent = 0;
    for (let i = 0; i < 5; i++) pacer.enqueue(() => sent++);
    pacer.clear();
    await new Promise((r) => setTimeout(r, 150));
    expect(sent).toBeLessThanOrEqual(1);
    expect(pacer.depth).toBe(0);
  });
});
