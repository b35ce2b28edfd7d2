/**
 * The engine's in-process bus: typed, synchronous and lossless. `publish` calls every subscriber of the topic in
 * turn, in the publisher's call stack: no queue, no async hop, no allocation beyond the event the publisher made, so
 * the hot path (a tick through the venue into the store writer and the cockpit streams) keeps its speed, and every
 * trade and book change reaches every subscriber. A subscriber that wants less coalesces for itself.
 *
 * Payloads are often the publisher's live state (a symbol's quote or book, updated in place as the market moves).
 * A subscriber reads them and never writes them. A subscriber that keeps one keeps a live view that keeps
 * changing (what a writer that sends the newest value later wants); anything it needs as it was now, it copies.
 *
 * A subscriber that throws is logged and counted (`subscriberFailures`) and never stops the others or the publisher.
 *
 * Commands are requests with one answer and exactly one handler (`serve`); `send` without a handler is refused by
 * name, so a command declared before its service exists says so instead of vanishing.
 */
export type Listener<E> = (event: E) => void;

/** A command's input and the answer its handler resolves to. */
export interface CommandSpec<I, O> {
  input: I;
  output: O;
}

export type CommandHandler<S> = S extends CommandSpec<infer I, infer O> ? (input: I) => Promise<O> : never;

/** Told about each subscriber that threw (the engine logs it). */
export type SubscriberFailureReporter = (topic: string, error: unknown) => void;

export class CommandUnavailableError extends Error {
  constructor(readonly command: string) {
    super(`no service handles ${command} yet`);
    this.name = 'CommandUnavailableError';
  }
}

export class Bus<Events extends object, Commands extends { [K in keyof Commands]: CommandSpec<unknown, unknown> }> {
  /** Replaced, never mutated, on (un)subscribe: a publish in progress keeps the array it started with. */
  private readonly listeners: { [K in keyof Events]?: ReadonlyArray<Listener<Events[K]>> } = {};
  private readonly handlers: { [K in keyof Commands]?: CommandHandler<Commands[K]> } = {};
  /** Subscribers that threw, by topic. */
  readonly subscriberFailures: Partial<Record<keyof Events & string, number>> = {};

  constructor(private readonly onSubscriberFailure: SubscriberFailureReporter = () => undefined) {}

  publish<K extends keyof Events & string>(topic: K, event: Events[K]): void {
    const listeners = this.listeners[topic];
    if (listeners === undefined) return;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i]!(event);
      } catch (error) {
        this.subscriberFailures[topic] = (this.subscriberFailures[topic] ?? 0) + 1;
        this.onSubscriberFailure(topic, error);
      }
    }
  }

  /** Every event of the topic from now on; returns the unsubscribe function. */
  subscribe<K extends keyof Events & string>(topic: K, listener: Listener<Events[K]>): () => void {
    this.listeners[topic] = [...(this.listeners[topic] ?? []), listener];
    return () => {
      this.listeners[topic] = (this.listeners[topic] ?? []).filter((l) => l !== listener);
    };
  }

  /** Whether anyone listens (a publisher may skip building an event nobody reads). */
  hasSubscribers<K extends keyof Events & string>(topic: K): boolean {
    return (this.listeners[topic]?.length ?? 0) > 0;
  }

  /** Registers the one handler of a command; returns the function that withdraws it. */
  serve<C extends keyof Commands & string>(command: C, handler: CommandHandler<Commands[C]>): () => void {
    if (this.handlers[command]) throw new Error(`${command} already has a handler`);
    this.handlers[command] = handler;
    return () => {
      if (this.handlers[command] === handler) delete this.handlers[command];
    };
  }

  send<C extends keyof Commands & string>(command: C, input: Commands[C]['input']): Promise<Commands[C]['output']> {
    const handler = this.handlers[command] as ((input: Commands[C]['input']) => Promise<Commands[C]['output']>) | undefined;
    if (!handler) return Promise.reject(new CommandUnavailableError(command));
    return handler(input);
  }
}
