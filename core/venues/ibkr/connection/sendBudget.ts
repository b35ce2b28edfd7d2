export type SendLane = 'orders' | 'requests';

/** TWS answers error 100 above 50 messages a second (and may disconnect). */
export const TWS_MESSAGES_PER_SECOND = 50;
/**
 * The window is a little longer than TWS's second, so that network jitter cannot squeeze 51 sends into one second
 * as TWS counts them on arrival.
 */
const WINDOW_MS = 1_050;

/**
 * The one send budget of an IB socket: at most `limit` messages in any sliding window, shared by everything the
 * engine sends after the handshake. Orders and cancels (lane 'orders') go first and at once while the window has
 * room, so a kill switch's burst of cancels leaves in one go; subscriptions and other requests (lane 'requests',
 * already spaced by the RequestPacer) take what is left. Queued sends keep their order within a lane.
 */
export class SendBudget {
  private readonly sentAt: number[] = [];
  private readonly lanes: Record<SendLane, Array<() => void>> = { orders: [], requests: [] };
  private timer: NodeJS.Timeout | undefined;
  sent = 0;
  deferred = 0;

  constructor(
    private readonly limit = TWS_MESSAGES_PER_SECOND,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get depth(): number {
    return this.lanes.orders.length + this.lanes.requests.length;
  }

  send(lane: SendLane, send: () => void): void {
    if (this.depth === 0 && this.take()) return send();
    this.deferred++;
    this.lanes[lane].push(send);
    this.drain();
  }

  /** Counts messages that were sent around the budget (the handshake), so the window holds them too. */
  spent(count: number): void {
    for (let i = 0; i < count; i++) this.sentAt.push(this.now());
  }

  /** Drops what was never sent: the socket it was meant for is gone. */
  clear(): void {
    this.lanes.orders.length = 0;
    this.lanes.requests.length = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private take(): boolean {
    const now = this.now();
    while (this.sentAt.length > 0 && this.sentAt[0]! <= now - WINDOW_MS) this.sentAt.shift();
    if (this.sentAt.length >= this.limit) return false;
    this.sentAt.push(now);
    this.sent++;
    return true;
  }

  private drain(): void {
    if (this.timer) return;
    while (this.depth > 0 && this.take()) (this.lanes.orders.shift() ?? this.lanes.requests.shift())!();
    if (this.depth === 0) return;
    const wait = Math.max(1, this.sentAt[0]! + WINDOW_MS - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, wait);
    this.timer.unref();
  }
}
