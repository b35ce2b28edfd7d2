import type { DistributionMessageView, MessageState } from '../contract/distributionView';

/** A message in the outbox: as the panel shows it, plus the count of 429 answers (they do not use up attempts). */
export interface OutboxMessage extends DistributionMessageView {
  rateLimited: number;
}

/** Where the outbox keeps its messages (core/store/distributionStore.ts writes Redis). */
export interface OutboxStore {
  /** Stores the message unless one with its key is stored: answers false for a duplicate (nothing written). */
  add(message: OutboxMessage): Promise<boolean>;
  /** Writes the message's new state over the stored one. */
  save(message: OutboxMessage): Promise<void>;
  /** The stored message with this key; null when there is none or it cannot be read. */
  get(key: string): Promise<OutboxMessage | null>;
  /** Every stored message (the unreadable ones reported and left out). */
  load(): Promise<OutboxMessage[]>;
  remove(keys: readonly string[]): Promise<void>;
}

export const FINAL_STATES: ReadonlySet<MessageState> = new Set(['sent', 'failed', 'dryRun']);

export const isFinal = (message: OutboxMessage) => FINAL_STATES.has(message.state);
