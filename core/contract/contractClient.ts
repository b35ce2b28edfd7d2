/** The cockpit's side of the contract: typed calls and subscriptions over any client transport. Browser-safe. */
import {
  ContractError,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type StreamEvent,
  type StreamName,
  type StreamParams,
  type StreamValue,
} from './contract';
import type { ClientMessage, ServerMessage, StreamEventMessage, Transport } from './protocol';
import { applyPatch } from './valuePatch';

export interface ClientTransport extends Transport<ServerMessage, ClientMessage> {
  /** Fires on every (re)connection; the client resubscribes everything then. */
  onOpen(listener: () => void): void;
  /** Fires when the connection is lost, with the server's reason when it gave one (e.g. too many connections). */
  onClose(listener: (reason?: string) => void): void;
  readonly isOpen: boolean;
}

interface PendingCall {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface ActiveSubscription {
  /** The id on the wire; a new one after a gap, so events still in flight for the old one are ignored. */
  id: number;
  stream: string;
  params: unknown;
  listener: (event: StreamEvent<unknown>) => void;
  onError: ((error: ContractError) => void) | undefined;
  lastSeq: number;
  /** The newest value, which the next patch applies to. */
  value: unknown;
  /** Subscribed again after a gap: the next value is marked `resynced`. */
  resyncing: boolean;
}

/** `reason`: why the engine closed the connection, when it said (it refuses more than MAX_CONNECTIONS). */
export type ConnectionListener = (connected: boolean, reason?: string) => void;

/** A sequence gap the client healed by subscribing to the stream again. */
export interface StreamGap {
  stream: string;
  params: unknown;
  /** Gaps seen on this client so far, this one included. */
  total: number;
}
export type StreamGapListener = (gap: StreamGap) => void;

export class ContractClient {
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private readonly subscriptions = new Map<number, ActiveSubscription>();
  private readonly connectionListeners = new Set<ConnectionListener>();
  private readonly gapListeners = new Set<StreamGapListener>();
  /** Sequence gaps seen across all streams; each one was healed by subscribing to that stream again. */
  gaps = 0;

  constructor(
    private readonly transport: ClientTransport,
    private readonly callTimeoutMs = 10_000,
  ) {
    transport.onMessage((message) => this.receive(message));
    transport.onOpen(() => this.resubscribeAll());
    transport.onClose((reason) => this.connectionLost(reason));
  }

  get connected(): boolean {
    return this.transport.isOpen;
  }

  onConnectionChange(listener: ConnectionListener): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  /** Told of every sequence gap, after the stream was subscribed again. */
  onStreamGap(listener: StreamGapListener): () => void {
    this.gapListeners.add(listener);
    return () => this.gapListeners.delete(listener);
  }

  call<C extends CommandName>(command: C, input: CommandInput<C>): Promise<CommandOutput<C>> {
    if (!this.transport.isOpen) return Promise.reject(new ContractError('UNAVAILABLE', 'not connected to the engine'));
    const id = this.nextId++;
    return new Promise<CommandOutput<C>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ContractError('UNAVAILABLE', `${command}: no answer from the engine within ${this.callTimeoutMs} ms`));
      }, this.callTimeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.transport.send({ t: 'call', id, command, input });
    });
  }

  subscribe<S extends StreamName>(
    stream: S,
    params: StreamParams<S>,
    listener: (event: StreamEvent<StreamValue<S>>) => void,
    onError?: (error: ContractError) => void,
  ): () => void {
    const subscription: ActiveSubscription = {
      id: this.nextId++,
      stream,
      params,
      listener: listener as (e: StreamEvent<unknown>) => void,
      onError,
      lastSeq: 0,
      value: undefined,
      resyncing: false,
    };
    this.subscriptions.set(subscription.id, subscription);
    if (this.transport.isOpen) this.transport.send({ t: 'subscribe', id: subscription.id, stream, params });
    return () => {
      this.subscriptions.delete(subscription.id);
      if (this.transport.isOpen) this.transport.send({ t: 'unsubscribe', id: subscription.id });
    };
  }

  private receive(message: ServerMessage): void {
    if (message.t === 'result') return this.settle(message);
    if (message.t === 'event') return this.deliver({ id: message.id, seq: message.seq, asOf: message.asOf, value: message.value });
    if (message.t === 'events') {
      for (const event of message.events) this.deliver(event);
      return;
    }
    if (message.t === 'streamError') {
      const subscription = this.subscriptions.get(message.id);
      this.subscriptions.delete(message.id);
      subscription?.onError?.(new ContractError(message.error.code, message.error.message));
    }
  }

  private settle(message: Extract<ServerMessage, { t: 'result' }>): void {
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.ok) call.resolve(message.value);
    else call.reject(new ContractError(message.error.code, message.error.message, message.error.reason));
  }

  /**
   * Applies one event to its subscription's value. Seq 1 always carries a whole value (the engine (re)started the
   * subscription); any other seq must follow the last one, else a value was lost and patches no longer apply.
   */
  private deliver(event: StreamEventMessage): void {
    const subscription = this.subscriptions.get(event.id);
    if (!subscription) return;
    if (event.seq !== 1 && event.seq !== subscription.lastSeq + 1) return this.resubscribeAfterGap(subscription);
    const value = event.patch ? applyPatch(subscription.value, event.patch) : 'value' in event ? event.value : subscription.value;
    subscription.lastSeq = event.seq;
    subscription.value = value;
    const resynced = subscription.resyncing;
    subscription.resyncing = false;
    subscription.listener(resynced ? { seq: event.seq, asOf: event.asOf, value, resynced } : { seq: event.seq, asOf: event.asOf, value });
  }

  /**
   * A value was lost: the held value may be wrong and so would be every patch applied to it. Drops it and
   * subscribes again under a new id (the engine sends the current value whole); the event that showed the gap and
   * any still in flight under the old id are ignored.
   */
  private resubscribeAfterGap(subscription: ActiveSubscription): void {
    this.gaps++;
    this.subscriptions.delete(subscription.id);
    if (this.transport.isOpen) this.transport.send({ t: 'unsubscribe', id: subscription.id });
    subscription.id = this.nextId++;
    subscription.lastSeq = 0;
    subscription.value = undefined;
    subscription.resyncing = true;
    this.subscriptions.set(subscription.id, subscription);
    if (this.transport.isOpen) this.transport.send({ t: 'subscribe', id: subscription.id, stream: subscription.stream, params: subscription.params });
    const gap: StreamGap = { stream: subscription.stream, params: subscription.params, total: this.gaps };
    for (const listener of this.gapListeners) listener(gap);
  }

  private resubscribeAll(): void {
    for (const [id, subscription] of this.subscriptions) {
      subscription.lastSeq = 0;
      subscription.value = undefined;
      this.transport.send({ t: 'subscribe', id, stream: subscription.stream, params: subscription.params });
    }
    for (const listener of this.connectionListeners) listener(true);
  }

  private connectionLost(reason?: string): void {
    for (const [id, call] of this.pending) {
      clearTimeout(call.timer);
      call.reject(new ContractError('UNAVAILABLE', 'connection to the engine was lost'));
      this.pending.delete(id);
    }
    for (const listener of this.connectionListeners) listener(false, reason);
  }
}
