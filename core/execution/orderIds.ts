import { withDeadline } from '../runtime/deadline';

/** Ids recorded in the store at a time, so that an order does not wait for a write. */
export const ID_BLOCK = 100;
/** A floor that the store has not taken within this long is taken as not recorded. */
const FLOOR_WRITE_MS = 2_000;

export class IdFloorNotRecordedError extends Error {
  constructor(cause: unknown) {
    super(`the order id floor could not be recorded: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'IdFloorNotRecordedError';
  }
}

/**
 * Hands out order ids that are never used twice, across reconnects and engine restarts: each id is at least the
 * venue's nextValidId of the session and above every id handed out before, and the store records a floor above it
 * before it is handed out. Floors are recorded a block ahead (ID_BLOCK), refilled when half of it is used, so an
 * order normally waits for no write; when the block is used up and the store cannot record the next, `take` rejects
 * (IdFloorNotRecordedError) and nothing is placed.
 */
export class OrderIdAllocator {
  private next: number;
  /** Every id below it is recorded in the store as possibly used. */
  private recordedUpTo: number;
  private recording: Promise<void> | null = null;

  constructor(
    private readonly store: { raiseIdFloor(floor: number): Promise<void> },
    storedFloor: number,
    private readonly block = ID_BLOCK,
  ) {
    this.next = Math.max(1, storedFloor);
    this.recordedUpTo = storedFloor;
  }

  /** The next id that would be handed out. */
  get peek(): number {
    return this.next;
  }

  /** The venue's nextValidId for a new session: ids never go below it, and never below what was handed out. */
  venueNextValidId(id: number): void {
    this.next = Math.max(this.next, id);
  }

  /** `count` consecutive ids. */
  async take(count: number): Promise<number[]> {
    while (this.next + count > this.recordedUpTo) await this.record(count);
    const ids = Array.from({ length: count }, (_, i) => this.next + i);
    this.next += count;
    if (this.recordedUpTo - this.next < this.block / 2) this.record(0).catch(() => undefined); // refilled ahead
    return ids;
  }

  /** Records a floor a block ahead (one write at a time; a caller arriving meanwhile waits for it). */
  reserveAhead(): Promise<void> {
    return this.record(0);
  }

  private record(count: number): Promise<void> {
    if (this.recording) return this.recording;
    const floor = this.next + count + this.block;
    this.recording = withDeadline(this.store.raiseIdFloor(floor), FLOOR_WRITE_MS, 'recording the order id floor')
      .then(() => {
        this.recordedUpTo = Math.max(this.recordedUpTo, floor);
      })
      .catch((error: unknown) => {
        throw new IdFloorNotRecordedError(error);
      })
      .finally(() => {
        this.recording = null;
      });
    return this.recording;
  }
}
