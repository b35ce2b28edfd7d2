import { MAX_EVENTS_MESSAGE_BYTES } from './contractLimits';
import { EncodeScheduler, type EncodeJob } from './encodeScheduler';
import { EventsMessage } from './eventsMessage';
import type { ServerMessage, Transport } from '../contract/protocol';
import { SharedEncodings } from './sharedEncodings';

/**
 * Stream events leave a connection at most this often, together in one message. Short, because a value waits here
 * after its stream's own coalescing: the live market streams publish together (cockpit/marketStreams), so what one turn
 * publishes leaves in one message at once, and this only spaces out streams that change at other moments.
 */
export const FLUSH_INTERVAL_MS = 10;
/** Above this many bytes queued on the socket (a slow page or link), nothing more is sent until it drains. */
export const HIGH_WATER_BYTES = 256 * 1024;
/** Streams of distinct events (not latest values) keep at most this many unsent events each. */
export const MAX_QUEUED_EVENTS = 500;

export interface OutboxTransport extends Transport<unknown, ServerMessage> {
  /** Bytes accepted but not yet written to the peer (WebSocket bufferedAmount); absent = never backs up. */
  backlog?(): number;
  /** Sends a message already serialised (a transport that carries JSON text): stream events go this way when present. */
  sendJson?(json: string): void;
}

/** Told when an event stream's queue is full and its oldest unsent event is dropped (counted in monitoring). */
export type DroppedEventReporter = (stream: string) => void;

interface Pending {
  /** The stream's name, for the drop count. */
  stream: string;
  /** Latest-value streams keep only the newest value; event streams keep every event. */
  latest: boolean;
  events: Array<{ asOf: number; value: unknown }>;
  seq: number;
  /** The value the peer holds (latest-value streams), undefined before the first send. */
  held: unknown;
}

/**
 * One connection's outgoing stream events. Each subscription's newest value waits here and leaves in a single
 * `events` message at most every FLUSH_INTERVAL_MS: the page handles one message (one render) for everything
 * that changed instead of one per stream. A value goes as a patch to the one sent before when that is smaller
 * (a changed book level, the new prints, the option quotes that moved), not whole again. While the peer reads slower than the engine publishes, the socket's
 * backlog is held under HIGH_WATER_BYTES and latest-value streams skip intermediate values, so a slow page gets
 * the newest data late instead of ever older data forever, and the engine's memory stays bounded.
 *
 * A large first snapshot (every option chain at once) never blocks the engine: a message stops taking values at
 * MAX_EVENTS_MESSAGE_BYTES, and the scheduler shared by all connections stops encoding for the turn once they
 * together spent ENCODE_BUDGET_MS; the rest follows on the next turns, health checks and the kill switch answered in
 * between.
 */
export class Outbox implements EncodeJob {
  private readonly pending = new Map<number, Pending>();
  /** Subscriptions with unsent events, in the order they changed. */
  private readonly order = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;
  private closed = false;

  constructor(
    private readonly transport: OutboxTransport,
    private readonly onDropped: DroppedEventReporter = () => undefined,
    private readonly encodings = new SharedEncodings(),
    private readonly scheduler = new EncodeScheduler(),
  ) {}

  /** Starts (or restarts) subscription `id` on `stream`: sequence numbers count from 1 again. */
  open(id: number, stream: string, latest: boolean): void {
    this.drop(id);
    this.pending.set(id, { stream, latest, events: [], seq: 0, held: undefined });
  }

  push(id: number, asOf: number, value: unknown): void {
    const entry = this.pending.get(id);
    if (!entry || this.closed) return;
    this.encodings.forget(value);
    if (entry.latest) entry.events[0] = { asOf, value };
    else {
      entry.events.push({ asOf, value });
      if (entry.events.length > MAX_QUEUED_EVENTS) {
        entry.events.shift();
        this.onDropped(entry.stream);
      }
    }
    this.order.add(id);
    this.schedule();
  }

  drop(id: number): void {
    this.pending.delete(id);
    this.order.delete(id);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.scheduler.cancel(this);
    this.pending.clear();
    this.order.clear();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    const wait = Math.max(0, this.lastFlush + FLUSH_INTERVAL_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
    this.timer.unref?.();
  }

  private flush(): void {
    if (this.closed || this.order.size === 0) return;
    if (this.backedUp()) {
      this.lastFlush = Date.now();
      return this.schedule();
    }
    this.scheduler.run(this);
  }

  private backedUp(): boolean {
    return (this.transport.backlog?.() ?? 0) > HIGH_WATER_BYTES;
  }

  /** Sends one message of what changed, filled for at most `budgetMs` and MAX_EVENTS_MESSAGE_BYTES; true if more waits. */
  encodeFor(budgetMs: number): boolean {
    if (this.closed || this.order.size === 0) return false;
    const started = performance.now();
    const message = new EventsMessage(this.transport.sendJson !== undefined);
    for (const id of this.order) {
      this.order.delete(id);
      this.take(id, message);
      if (message.bytes >= MAX_EVENTS_MESSAGE_BYTES || performance.now() - started >= budgetMs) break;
    }
    if (message.length > 0) {
      if (this.transport.sendJson) this.transport.sendJson(message.text());
      else this.transport.send(message.message());
    }
    this.lastFlush = Date.now();
    if (this.order.size === 0) return false;
    if (!this.backedUp()) return true;
    this.schedule(); // the peer reads slower than this: wait for it to drain
    return false;
  }

  /** Moves subscription `id`'s unsent events into `message`. */
  private take(id: number, message: EventsMessage): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    for (const event of entry.events) {
      if (!entry.latest) {
        message.add({ id, seq: ++entry.seq, asOf: event.asOf, value: event.value }, JSON.stringify(event.value ?? null));
        continue;
      }
      const { held, json, ...encoded } = this.encodings.encode(entry.held, event.value);
      entry.held = held;
      message.add({ id, seq: ++entry.seq, asOf: event.asOf, ...encoded }, json);
    }
    entry.events = [];
  }
}
