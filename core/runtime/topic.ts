interface Unloaded<V> {
  load: () => Promise<V | null>;
  asOf: number;
}

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
  /** A published value not loaded yet (publishLazy): loaded for the first subscriber. */
  private unloaded: Unloaded<V> | undefined;
  /** The lazily published value being loaded; a load that is no longer this one is not delivered. */
  private loading: Unloaded<V> | undefined;
  private readonly listeners = new Set<(value: V, asOf: number) => void>();
  private timer: NodeJS.Timeout | undefined;
  private lastEmit = 0;
  private pending = false;

  constructor(private readonly minIntervalMs = 0) {}

  /** The latest value delivered (a lazily published one only once it is loaded). */
  get current(): V | undefined {
    return this.latest?.value;
  }

  publish(value: V, asOf: number = Date.now()): void {
    this.unloaded = undefined;
    this.loading = undefined;
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
   * Publishes a value that costs something to fetch and build (a 10,000-contract chain read back from Redis): loaded
   * now when someone subscribes, else when the first subscriber comes, and never when a newer value replaces it first.
   * Until it is loaded, subscribers keep the value before it; nobody watching, that one is dropped (it is out of date,
   * and large). A load that gives null or fails delivers nothing.
   */
  publishLazy(load: () => Promise<V | null>, asOf: number = Date.now()): void {
    this.unloaded = { load, asOf };
    this.loading = undefined;
    if (this.listeners.size > 0) this.load();
    else this.latest = undefined;
  }

  subscribe(listener: (value: V, asOf: number) => void): () => void {
    this.listeners.add(listener);
    if (this.latest) listener(this.latest.value, this.latest.asOf);
    this.load();
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unloaded = undefined;
    this.loading = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }

  private load(): void {
    const pending = this.unloaded;
    if (!pending) return;
    this.unloaded = undefined;
    this.loading = pending;
    const settled = (value: V | null) => {
      if (this.loading !== pending) return; // replaced, or closed, meanwhile
      this.loading = undefined;
      if (value !== null) this.publish(value, pending.asOf);
    };
    pending.load().then(settled, () => settled(null));
  }

  private emit(): void {
    this.pending = false;
    this.lastEmit = Date.now();
    const latest = this.latest;
    if (!latest) return;
    for (const listener of this.listeners) listener(latest.value, latest.asOf);
  }
}
