/**
 * Builds length-prefixed TWS frames (`[u32 BE length][field\0]...`) straight into a growable byte buffer,
 * so the market-data path formats numbers without building token arrays or joined strings.
 */
export const MAX_DOUBLE_TEXT = '1.7976931348623157E308';
export const MAX_INT = 2147483647;

const NUL = 0;
const MINUS = 45;
const ZERO = 48;

export class FrameWriter {
  buf: Buffer;
  pos = 0;
  private frameStart = -1;
  /** Set by the garbage fault: append one extra field (+1) or drop the last field (-1) of the next frame. */
  skew: -1 | 0 | 1 = 0;
  private lastFieldStart = 0;

  constructor(initialBytes = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  /** Starts a frame: 4 length bytes are reserved and filled by end(). */
  begin(msgId: number): this {
    this.ensure(16);
    this.frameStart = this.pos;
    this.pos += 4;
    return this.int(msgId);
  }

  end(): void {
    if (this.frameStart < 0) throw new Error('FrameWriter.end() without begin()');
    if (this.skew === 1) this.str('');
    else if (this.skew === -1) this.pos = this.lastFieldStart;
    this.skew = 0;
    this.buf.writeUInt32BE(this.pos - this.frameStart - 4, this.frameStart);
    this.frameStart = -1;
  }

  /** Abandons the frame being built (used when a frame must not be sent after all). */
  abort(): void {
    if (this.frameStart >= 0) this.pos = this.frameStart;
    this.frameStart = -1;
  }

  get inFrame(): boolean {
    return this.frameStart >= 0;
  }

  int(n: number): this {
    this.ensure(24);
    this.lastFieldStart = this.pos;
    let v = Math.trunc(n);
    if (!Number.isSafeInteger(v)) return this.raw(String(v));
    const buf = this.buf;
    if (v < 0) {
      buf[this.pos++] = MINUS;
      v = -v;
    }
    if (v < 10) {
      buf[this.pos++] = ZERO + v;
    } else {
      const start = this.pos;
      while (v > 0) {
        buf[this.pos++] = ZERO + (v % 10);
        v = Math.floor(v / 10);
      }
      buf.subarray(start, this.pos).reverse();
    }
    buf[this.pos++] = NUL;
    return this;
  }

  /** A double; undefined/NaN is written as the empty field (TWS's "unset"). */
  num(n: number | undefined): this {
    if (n === undefined || Number.isNaN(n)) return this.str('');
    if (Number.isInteger(n) && Math.abs(n) < 1e15) return this.int(n);
    return this.raw(String(n));
  }

  /** An unset double as TWS writes it: Double.MAX_VALUE. */
  maxDouble(): this {
    return this.raw(MAX_DOUBLE_TEXT);
  }

  bool(b: boolean): this {
    return this.int(b ? 1 : 0);
  }

  str(s: string): this {
    this.lastFieldStart = this.pos;
    if (s.length === 0) {
      this.ensure(1);
      this.buf[this.pos++] = NUL;
      return this;
    }
    return this.raw(s);
  }

  private raw(s: string): this {
    this.ensure(s.length * 3 + 1);
    this.lastFieldStart = this.pos;
    this.pos += this.buf.write(s, this.pos, 'utf8');
    this.buf[this.pos++] = NUL;
    return this;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Hands the written bytes over and continues in a fresh buffer of the same size. */
  take(replacement?: Buffer): Buffer {
    if (this.frameStart >= 0) throw new Error('FrameWriter.take() inside a frame');
    const out = this.buf.subarray(0, this.pos);
    this.buf = replacement ?? Buffer.allocUnsafe(this.buf.length);
    this.pos = 0;
    return out;
  }
}

/** Splits one frame payload (without the length prefix) into its fields. */
export function splitFields(payload: Buffer): string[] {
  const text = payload.toString('utf8');
  const parts = text.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Splits a byte stream of whole frames into field arrays (tests and the transcript tool). */
export function splitFrames(bytes: Buffer): string[][] {
  const frames: string[][] = [];
  let at = 0;
  while (at + 4 <= bytes.length) {
    const len = bytes.readUInt32BE(at);
    frames.push(splitFields(bytes.subarray(at + 4, at + 4 + len)));
    at += 4 + len;
  }
  return frames;
}
