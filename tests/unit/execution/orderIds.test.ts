import { describe, expect, test } from 'vitest';
import { IdFloorNotRecordedError, OrderIdAllocator } from '../../../core/execution/orderIds';
import { MemoryExecutionStore } from '../../support/executionDoubles';

describe('order ids', () => {
  test('start at the venue’s nextValidId and record a floor a block ahead before the first is handed out', async () => {
    const store = new MemoryExecutionStore();
    const ids = new OrderIdAllocator(store, 0, 10);
    ids.venueNextValidId(500);
    expect(await ids.take(1)).toEqual([500]);
    expect(store.idFloor).toBe(511);
    expect(await ids.take(3)).toEqual([501, 502, 503]);
    expect(store.floorWrites).toEqual([511]); // no write per order
  });

  test('are never reused across a restart, even when the venue’s nextValidId is lower than what was used', async () => {
    const store = new MemoryExecutionStore();
    const first = new OrderIdAllocator(store, store.idFloor, 10);
    first.venueNextValidId(1);
    const used = [...(await first.take(3)), ...(await first.take(1))];
    const restarted = new OrderIdAllocator(store, store.idFloor, 10);
    restarted.venueNextValidId(1); // TWS forgot: a new session after a reset
    const next = await restarted.take(2);
    expect(Math.min(...next)).toBeGreaterThan(Math.max(...used));
  });

  test('are never reused across a reconnect whose nextValidId is lower than the last used', async () => {
    const ids = new OrderIdAllocator(new MemoryExecutionStore(), 0, 10);
    ids.venueNextValidId(100);
    await ids.take(5);
    ids.venueNextValidId(50);
    expect(await ids.take(1)).toEqual([105]);
    ids.venueNextValidId(1_000);
    expect(await ids.take(1)).toEqual([1_000]);
  });

  test('keep handing out ids already recorded while the store is away, and refuse once those are used up', async () => {
    const store = new MemoryExecutionStore();
    const ids = new OrderIdAllocator(store, 0, 4);
    ids.venueNextValidId(1);
    await ids.reserveAhead(); // ids 1..4 recorded
    store.floorUnwritable = true;
    expect(await ids.take(2)).toEqual([1, 2]);
    expect(await ids.take(2)).toEqual([3, 4]);
    await expect(ids.take(1)).rejects.toBeInstanceOf(IdFloorNotRecordedError);
    store.floorUnwritable = false;
    expect(await ids.take(1)).toEqual([5]);
    expect(store.idFloor).toBeGreaterThan(5);
  });
});
