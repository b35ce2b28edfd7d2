import { describe, expect, test } from 'vitest';
import { backoffDelay } from '../../../../../core/venues/ibkr/connection/backoff';

describe('reconnect backoff', () => {
  const options = { initialMs: 500, maxMs: 30_000 };

  test('doubles per attempt between half and all of the ceiling', () => {
    expect(backoffDelay(0, options, () => 0)).toBe(250);
    expect(backoffDelay(0, options, () => 1)).toBe(500);
    expect(backoffDelay(3, options, () => 0)).toBe(2000);
    expect(backoffDelay(3, options, () => 1)).toBe(4000);
  });

  test('is capped, however many attempts failed', () => {
    expect(backoffDelay(50, options, () => 1)).toBe(30_000);
    expect(backoffDelay(50, options, () => 0)).toBe(15_000);
  });

  test('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(4, options)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
