import type { ChannelName } from '../contract/distributionView';
import { ChannelSendError, type ChannelClient } from './channels/channelClient';
import type { OutboxMessage, OutboxStore } from './outboxMessage';

export interface RetryPolicy {
  /** Failed attempts (429s not counted) after which a message is given up as failed. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ChannelWorkerDeps {
  channel: ChannelName;
  /** Null when the channel cannot send (a secret missing): its messages fail at once with `problem`. */
  client: ChannelClient | null;
  problem: string | null;
  store: OutboxStore;
  retry: RetryPolicy;
  redact: (text: string) => string;
  clock: () => number;
  /** After every change of a message's state (stored or not). */
  onChange: (message: OutboxMessage) => void;
  onProblem: (problem: string) => void;
}

/** When a state cannot be stored, the message waits this long before it is tried (or its state stored) again. */
const STORE_RETRY_MS = 5_000;
/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * One channel's sender: its due messages one at a time, oldest first, each marked `sending` in the store before
 * the channel is asked and `sent` after it answered, so a restart retries what was in flight and never what was
 * sent. A 429 waits exactly what the channel said; other failures back off (doubling, capped); a refusal that
 * cannot pass on retry fails at once. Each channel has its own worker: a slow or failing one holds up no other.
 */
export class ChannelWorker {
  private readonly waiting = new Map<string, OutboxMessage>();
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | null = null;
  private stopped = true;
  /** A 429 holds the whole channel (its rate limit is the channel's, not the message's) until then. */
  private pausedUntil = 0;
  /** States the store did not take after the channel answered (Redis down), written again until it takes them. */
  private readonly unsaved = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: ChannelWorkerDeps) {}

  get depth(): number {
    return this.waiting.size;
  }

  /** A message read back after a restart still waiting on a 429 holds the channel again, for the rest of the wait. */
  add(message: OutboxMessage): void {
    this.waiting.set(message.key, message);
    if (message.state === 'queued' && message.error?.startsWith('HTTP 429')) this.pausedUntil = Math.max(this.pausedUntil, message.dueAt);
    this.kick();
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Stops taking messages; a send in flight is given `graceMs` to be answered and marked. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const timer of this.unsaved.values()) clearTimeout(timer);
    this.unsaved.clear();
    if (this.current) await Promise.race([this.current, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  }

  private kick(): void {
    if (this.stopped || this.current) return;
    clearTimeout(this.timer);
    const next = this.next();
    if (!next) return;
    const wait = Math.max(next.dueAt, this.pausedUntil) - this.deps.clock();
    if (wait > 0) {
      this.timer = setTimeout(() => this.kick(), Math.min(wait, MAX_TIMER_MS));
      this.timer.unref();
      return;
    }
    this.current = this.attempt(next)
      .catch((error: unknown) => this.deps.onProblem(`${this.deps.channel}: ${this.deps.redact(String((error as Error).message))}`))
      .finally(() => {
        this.current = null;
        this.kick();
      });
  }

  /** Of the messages due, the oldest (a message that waited on a 429 keeps its place); else the one due first. */
  private next(): OutboxMessage | undefined {
    const now = this.deps.clock();
    let oldestDue: OutboxMessage | undefined;
    let dueFirst: OutboxMessage | undefined;
    for (const m of this.waiting.values()) {
      if (m.dueAt <= now && (!oldestDue || m.createdAt < oldestDue.createdAt)) oldestDue = m; // ties: the first queued
      if (!dueFirst || m.dueAt < dueFirst.dueAt) dueFirst = m;
    }
    return oldestDue ?? dueFirst;
  }

  private async attempt(message: OutboxMessage): Promise<void> {
    const { client, store, clock } = this.deps;
    const before = { ...message };
    Object.assign(message, { state: 'sending', attempts: message.attempts + 1 });
    try {
      await store.save(message);
    } catch (error) {
      // Not sent unless marked: a send the store does not know of could be sent again after a restart.
      Object.assign(message, { ...before, dueAt: clock() + STORE_RETRY_MS });
      this.deps.onProblem(`${this.deps.channel}: ${message.key} waits: its sending state could not be stored (${(error as Error).message})`);
      return;
    }
    this.deps.onChange(message);
    if (!client) this.fail(message, new ChannelSendError(this.deps.problem ?? 'the channel cannot send', { status: null, retryAfterMs: null, permanent: true }));
    else {
      try {
        const { remoteId } = await client.send(message.text);
        Object.assign(message, { state: 'sent', sentAt: clock(), remoteId, error: null });
      } catch (error) {
        this.fail(message, error instanceof ChannelSendError ? error : new ChannelSendError(String((error as Error).message), { status: null, retryAfterMs: null, permanent: false }));
      }
    }
    if (message.state !== 'queued') this.waiting.delete(message.key);
    this.deps.onChange(message);
    await this.saveAfterAnswer(message);
  }

  /**
   * The channel answered: its state must reach the store, or a restart would send a sent message again. While the
   * store refuses it (Redis down), it is written again every 5 s (its newest state) for as long as the worker runs.
   */
  private async saveAfterAnswer(message: OutboxMessage): Promise<void> {
    clearTimeout(this.unsaved.get(message.key));
    this.unsaved.delete(message.key);
    try {
      await this.deps.store.save(message);
    } catch (error) {
      const problem = `${this.deps.channel}: ${message.key} is ${message.state} but that could not be stored (${(error as Error).message})`;
      if (this.stopped) return this.deps.onProblem(`${problem}; the worker stopped: the next start finds it as it was stored`);
      this.deps.onProblem(`${problem}; stored again in 5 s`);
      const timer = setTimeout(() => void this.saveAfterAnswer(message), STORE_RETRY_MS);
      timer.unref();
      this.unsaved.set(message.key, timer);
    }
  }

  private fail(message: OutboxMessage, error: ChannelSendError): void {
    const { retry, clock } = this.deps;
    message.error = this.deps.redact(error.message);
    const { retryAfterMs, permanent } = error.options;
    if (retryAfterMs !== null) {
      Object.assign(message, { state: 'queued', rateLimited: message.rateLimited + 1, dueAt: clock() + retryAfterMs });
      this.pausedUntil = message.dueAt;
      return;
    }
    const failures = message.attempts - message.rateLimited;
    if (permanent || failures >= retry.maxAttempts) message.state = 'failed';
    else Object.assign(message, { state: 'queued', dueAt: clock() + Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (failures - 1)) });
  }
}
