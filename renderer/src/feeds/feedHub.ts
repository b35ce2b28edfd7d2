import type { StreamName, StreamParams, StreamValue } from '../../../core/contract/contract';
import type { EngineClient } from '../engine/engineClient';
import { noteRefusal } from '../stores/refusalStore';

/** The latest event of one stream subscription, with the moment this page received it. */
export interface FeedEvent<V> {
  value: V;
  seq: number;
  asOf: number;
  receivedAt: number;
  /** When the client last resubscribed this stream after a sequence gap (a lost update), null if never. */
  resyncedAt: number | null;
}

interface Channel {
  latest: FeedEvent<unknown> | null;
  error: string | null;
  listeners: Set<() => void>;
  unsubscribe: () => void;
}

/**
 * One engine subscription per (stream, params), shared by every panel that shows it and dropped when the last
 * one goes: the watchlist and a ladder on the same symbol cost the engine one subscription.
 */
export class FeedHub {
  private readonly channels = new Map<string, Channel>();

  constructor(private readonly client: EngineClient) {}

  static key(stream: StreamName, params: object): string {
    return `${stream}:${JSON.stringify(params)}`;
  }

  latest<S extends StreamName>(key: string): FeedEvent<StreamValue<S>> | null {
    return (this.channels.get(key)?.latest as FeedEvent<StreamValue<S>> | undefined) ?? null;
  }

  error(key: string): string | null {
    return this.channels.get(key)?.error ?? null;
  }

  watch<S extends StreamName>(stream: S, params: StreamParams<S>, onChange: () => void): () => void {
    const key = FeedHub.key(stream, params);
    let channel = this.channels.get(key);
    if (!channel) {
      const created: Channel = { latest: null, error: null, listeners: new Set(), unsubscribe: () => undefined };
      const notify = () => created.listeners.forEach((listener) => listener());
      created.unsubscribe = this.client.subscribe(
        stream,
        params,
        (event) => {
          const receivedAt = Date.now();
          const resyncedAt = event.resynced ? receivedAt : (created.latest?.resyncedAt ?? null);
          created.latest = { value: event.value, seq: event.seq, asOf: event.asOf, receivedAt, resyncedAt };
          created.error = null;
          notify();
        },
        (error) => {
          created.error = error.message;
          if (error.code === 'LIMIT_REACHED') noteRefusal(error.message);
          notify();
        },
      );
      this.channels.set(key, created);
      channel = created;
    }
    const active = channel;
    active.listeners.add(onChange);
    return () => {
      active.listeners.delete(onChange);
      if (active.listeners.size === 0) {
        active.unsubscribe();
        this.channels.delete(key);
      }
    };
  }
}
