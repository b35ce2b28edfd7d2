/** A stream source holding its latest value. Subscribers get the latest at once, then updates. */
export interface StreamSource<V> {
  subscribe(listener: (value: V, asOf: number) => void): () => void;
}

/**
 * Latest-value topic with optional coalescing: with minIntervalMs > 0, bursts of publishes reach subscribers
 * at most once per interval and always end on the newest value, so a fast market cannot flood the cockpit.
 */
export class Topic<V> implements StreamSource<V> {
  private latest: { value: V; asOf: number } | undefined;
  /** A published value not built yet (publishLazy): built by the first subscriber or read of `current`. */
  private unbuilt: { make: () => V; asOf: number } | undefined;
  private readonly listeners = new Set<(value: V, asOf: number) => void>();
  private timer: NodeJS.Timeout | undefined;
  private lastEmit = 0;
  private pending = false;

  constructor(private readonly minIntervalMs = 0) {}

  get current(): V | undefined {
    this.build();
    return this.latest?.value;
  }

  publish(value: V, asOf: number = Date.now()): void {
    this.unbuilt = undefined;
    this.latest = { value, asOf };
    if (this.minIntervalMs <= 0) return this.emit();
    this.pending = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastEmit + this.minIntervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.pending) this.emit();
    }, wait);
    this.timer.unref();
  }

  /**
   * Publishes a value that costs something to build (a 10,000-contract chain as objects): built now when someone
   * subscribes, else only when a subscriber or a reader of `current` first asks for it, and never when a newer value
   * replaces it first.
   */
  publishLazy(make: () => V, asOf: number = Date.now()): void {
    if (this.listeners.size > 0) return this.publish(make(), asOf);
    this.latest = undefined;
    this.unbuilt = { make, asOf };
  }

  subscribe(listener: (value: V, asOf: number) => void): () => void {
    this.build();
    this.listeners.add(listener);
    if (this.latest) listener(this.latest.value, this.latest.asOf);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unbuilt = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private build(): void {
    if (!this.unbuilt) return;
    const { make, asOf } = this.unbuilt;
    this.unbuilt = undefined;
    this.latest = { value: make(), asOf };
  }

  private emit(): void {
    this.pending = false;
    this.lastEmit = Date.now();
    const latest = this.latest;
    if (!latest) return;
    for (const listener of this.listeners) listener(latest.value, latest.asOf);
  }
}
