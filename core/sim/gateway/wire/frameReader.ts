/**
 * Incoming byte stream → handshake, then length-prefixed frames of NUL-terminated fields.
 * Keeps a single growable buffer and never throws: protocol violations come back as events.
 */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const API_PREFIX = Buffer.from('API\0', 'latin1');

export type ReaderEvent =
  | { kind: 'hello'; versionText: string }
  | { kind: 'frame'; fields: string[] }
  | { kind: 'violation'; reason: string; fatal: boolean };

export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private greeted = false;

  /** Appends bytes and returns every complete event they finish. */
  push(chunk: Buffer): ReaderEvent[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const events: ReaderEvent[] = [];
    let at = 0;
    if (!this.greeted) {
      const hello = this.readHello();
      if (!hello) return events;
      events.push(hello.event);
      if (hello.event.kind === 'violation') return events;
      at = hello.consumed;
      this.greeted = true;
    }
    while (this.buf.length - at >= 4) {
      const len = this.buf.readUInt32BE(at);
      if (len > MAX_FRAME_BYTES) {
        events.push({ kind: 'violation', reason: `frame length ${len} exceeds ${MAX_FRAME_BYTES}`, fatal: true });
        this.buf = Buffer.alloc(0);
        return events;
      }
      if (this.buf.length - at - 4 < len) break;
      events.push(toFrameEvent(this.buf.subarray(at + 4, at + 4 + len)));
      at += 4 + len;
    }
    this.buf = at === this.buf.length ? Buffer.alloc(0) : Buffer.from(this.buf.subarray(at));
    return events;
  }

  private readHello(): { event: ReaderEvent; consumed: number } | undefined {
    if (this.buf.length < API_PREFIX.length + 4) {
      const head = this.buf.subarray(0, Math.min(this.buf.length, API_PREFIX.length));
      if (!API_PREFIX.subarray(0, head.length).equals(head)) return badHello();
      return undefined;
    }
    if (!this.buf.subarray(0, 4).equals(API_PREFIX)) return badHello();
    const len = this.buf.readUInt32BE(4);
    if (len > 1024) return { event: { kind: 'violation', reason: `handshake length ${len} is too long`, fatal: true }, consumed: 0 };
    if (this.buf.length < 8 + len) return undefined;
    const versionText = this.buf.subarray(8, 8 + len).toString('latin1');
    return { event: { kind: 'hello', versionText }, consumed: 8 + len };
  }
}

function badHello(): { event: ReaderEvent; consumed: number } {
  return { event: { kind: 'violation', reason: 'connection did not start with "API\\0" (only the v100+ protocol is supported)', fatal: true }, consumed: 0 };
}

function toFrameEvent(payload: Buffer): ReaderEvent {
  if (payload.length === 0) return { kind: 'violation', reason: 'empty frame', fatal: false };
  if (payload[payload.length - 1] !== 0) {
    return { kind: 'violation', reason: 'frame does not end with a NUL-terminated field', fatal: false };
  }
  const fields = payload.toString('utf8').split('\0');
  fields.pop();
  return { kind: 'frame', fields };
}
