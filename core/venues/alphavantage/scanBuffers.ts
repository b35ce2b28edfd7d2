/**
 * The buffers chain scans read answers from: an answer's bytes with a 0 after them (every loop of the lexer stops at
 * it). Shared memory, so a worker thread can read the other half of the same answer without a copy. A scan takes one
 * and gives it back when done; the free ones are reused, so a 4 MB answer does not cost a 4 MB allocation (and the
 * garbage collections it brings) each time. A scan that waits for a worker keeps its buffer until it is done.
 */
const free: Buffer[] = [];
const KEEP_FREE = 2;

/** A buffer holding `body`'s bytes followed by a 0; its length is the body's byte length. */
export function takeScanBuffer(body: string | Buffer): { bytes: Buffer; size: number } {
  const size = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const found = free.findIndex((buffer) => buffer.length >= size + 1);
  // A new buffer has a quarter more room, so a chain that grows a little does not need another one next time.
  const bytes = found >= 0 ? free.splice(found, 1)[0]! : Buffer.from(new SharedArrayBuffer(Math.max(Math.ceil((size + 1) * 1.25), 1 << 16)));
  if (typeof body === 'string') bytes.write(body, 0, 'utf8');
  else body.copy(bytes, 0);
  bytes[size] = 0;
  return { bytes, size };
}

export function giveBackScanBuffer(bytes: Buffer): void {
  if (free.length < KEEP_FREE) free.push(bytes);
}
