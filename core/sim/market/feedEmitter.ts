import type { MarketEventMap } from './marketFeed';

type AnyListener = (...args: never[]) => void;

/**
 * The event half of a MarketFeed. Plain listener arrays (no EventEmitter, no per-emit allocation) because
 * the model emits millions of events per second; `has()` lets the producer skip building an event nobody hears.
 */
export class FeedEmitter {
  private readonly listeners: { [K in keyof MarketEventMap]: Array<(...args: MarketEventMap[K]) => void> } = {
    quote: [], trade: [], depth: [], bar: [], episode: [],
  };

  on<K extends keyof MarketEventMap>(event: K, listener: (...args: MarketEventMap[K]) => void): void {
    this.listeners[event] = [...this.listeners[event], listener] as never;
  }

  off<K extends keyof MarketEventMap>(event: K, listener: (...args: MarketEventMap[K]) => void): void {
    this.listeners[event] = this.listeners[event].filter((l) => l !== listener) as never;
  }

  has(event: keyof MarketEventMap): boolean {
    return this.listeners[event].length > 0;
  }

  emit<K extends keyof MarketEventMap>(event: K, value: MarketEventMap[K][0]): void {
    // Copy-on-write arrays: a listener that unsubscribes during emit does not skip its neighbour.
    const list = this.listeners[event] as unknown as AnyListener[];
    for (let i = 0; i < list.length; i++) (list[i] as (v: unknown) => void)(value);
  }

  clear(): void {
    for (const key of Object.keys(this.listeners) as Array<keyof MarketEventMap>) this.listeners[key] = [];
  }
}
