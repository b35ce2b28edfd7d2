import type { Socket } from 'node:net';
import { FrameWriter } from './frameWriter';

export interface FrameOutboxLimits {
  /** Above this many unsent bytes, market-data frames are dropped (counted) instead of queued. */
  marketDataBytes: number;
  /** Above this many unsent bytes the client is too slow to keep: the connection is closed. */
  hardBytes: number;
}

export const DEFAULT_FRAME_OUTBOX_LIMITS: FrameOutboxLimits = { marketDataBytes: 8 * 1024 * 1024, hardBytes: 64 * 1024 * 1024 };

const CHUNK = 64 * 1024;

/**
 * One client's outgoing bytes: frames are written into a FrameWriter and flushed once per turn of the
 * event loop as a single socket write. While the socket is backed up, frames accumulate (bounded).
 */
export class FrameOutbox {
  readonly writer = new FrameWriter(CHUNK);
  framesSent = 0;
  marketDataDropped = 0;
  private flushScheduled = false;
  private waitingForDrain = false;
  private stalled = false;
  private closed = false;
  private readonly spare: Buffer[] = [];

  constructor(
    private readonly socket: Socket,
    private readonly limits: FrameOutboxLimits = DEFAULT_FRAME_OUTBOX_LIMITS,
    private readonly onOverflow: () => void = () => socket.destroy(),
  ) {
    socket.on('drain', () => {
      this.waitingForDrain = false;
      this.scheduleFlush();
    });
  }

  /** Whether a market-data frame may be queued now (false while the client is not keeping up). */
  get acceptsMarketData(): boolean {
    if (this.closed) return false;
    const pending = this.writer.pos + this.socket.writableLength;
    if (pending < this.limits.marketDataBytes) return true;
    this.marketDataDropped++;
    return false;
  }

  /** Call after each complete frame. */
  committed(): void {
    this.framesSent++;
    if (this.writer.pos > this.limits.hardBytes) {
      this.closed = true;
      this.onOverflow();
      return;
    }
    this.scheduleFlush();
  }

  /** Stall fault: keep the socket open but send nothing until resumed. */
  setStalled(stalled: boolean): void {
    this.stalled = stalled;
    if (!stalled) this.scheduleFlush();
  }

  /** Writes everything queued right now (the drop-mid-message fault needs the exact byte position). */
  flushNow(): void {
    this.flushScheduled = false;
    if (this.closed || this.stalled || this.waitingForDrain || this.writer.pos === 0) return;
    if (this.writer.inFrame) return;
    const chunk = this.writer.take(this.spare.pop() ?? Buffer.allocUnsafe(CHUNK));
    const ok = this.socket.write(chunk, () => this.recycle(chunk));
    if (!ok) this.waitingForDrain = true;
  }

  close(): void {
    this.closed = true;
  }

  private recycle(chunk: Buffer): void {
    const whole = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.buffer.byteLength - chunk.byteOffset);
    if (chunk.byteOffset === 0 && whole.length === CHUNK && this.spare.length < 4) this.spare.push(whole);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.closed) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushNow());
  }
}
