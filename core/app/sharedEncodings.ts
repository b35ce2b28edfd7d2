import { encodeSnapshot, snapshotValue, type EncodedValue, type ValueSnapshot } from '../contract/valuePatch';

const isKey = (value: unknown): value is object => typeof value === 'object' && value !== null;

/**
 * Encodes stream values for all of a server's connections, each large value once: subscriptions that send the same
 * published value (on one connection or on many) share its JSON copy and the patch to it from the same held value,
 * so ten subscribers of one option chain cost one copy of it in memory and one diff per refresh, not ten.
 *
 * A value's reading is kept until the value is pushed again (`forget`): a publisher may change its object in place
 * and publish it again, and then it must be read afresh. Held copies are never changed, so a patch between two of
 * them is kept as long as both live.
 */
export class SharedEncodings {
  private readonly snapshots = new WeakMap<object, ValueSnapshot>();
  private readonly patches = new WeakMap<object, WeakMap<object, EncodedValue>>();

  /** Called for every value pushed to an outbox: its publisher may have changed it since it was read. */
  forget(value: unknown): void {
    if (isKey(value)) this.snapshots.delete(value);
  }

  encode(previous: unknown, value: unknown): EncodedValue {
    const snapshot = this.snapshot(value);
    if (!snapshot.large || !isKey(previous) || !isKey(snapshot.held)) return encodeSnapshot(previous, snapshot);
    let fromPrevious = this.patches.get(previous);
    if (!fromPrevious) this.patches.set(previous, (fromPrevious = new WeakMap()));
    let encoded = fromPrevious.get(snapshot.held);
    if (!encoded) fromPrevious.set(snapshot.held, (encoded = encodeSnapshot(previous, snapshot)));
    return encoded;
  }

  private snapshot(value: unknown): ValueSnapshot {
    if (!isKey(value)) return snapshotValue(value);
    const known = this.snapshots.get(value);
    if (known) return known;
    const snapshot = snapshotValue(value);
    // Small values are cheap to read again and their reading holds the publisher's own object: not kept.
    if (snapshot.large) this.snapshots.set(value, snapshot);
    return snapshot;
  }
}
