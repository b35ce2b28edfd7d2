import type { SendBudget } from './sendBudget';

/**
 * Queues outgoing IB requests (subscriptions, the watchdog) and releases them at a steady rate below TWS's 50
 * messages per second into the socket's SendBudget (lane 'requests'), where orders and cancels pass first. One
 * pacer per connection: clear() drops what a dead session never sent, since a new session resubscribes everything.
 */
export class RequestPacer {
  private readonly queue: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  private lastSentAt = -Infinity;
  sent = 0;

  constructor(
    private readonly perSecond = 40,
    private readonly budget?: SendBudget,
  ) {}

  get depth(): number {
    return this.queue.length;
  }

  enqueue(send: () => void): void {
    this.queue.push(send);
    this.pump();
  }

  clear(): void {
    this.queue.length = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private get intervalMs(): number {
    return 1000 / this.perSecond;
  }

  private pump(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, this.lastSentAt + this.intervalMs - performance.now());
    this.timer = setTimeout(() => this.release(), wait);
    this.timer.unref();
  }

  private release(): void {
    this.timer = undefined;
    if (performance.now() < this.lastSentAt + this.intervalMs) return this.pump(); // timers may fire early
    const send = this.queue.shift();
    if (!send) return;
    this.lastSentAt = performance.now();
    this.sent++;
    if (this.budget) this.budget.send('requests', send);
    else send();
    this.pump();
  }
}
