import { parentPort } from 'node:worker_threads';
import type { ColumnPart } from './chainColumnWriter';
import { scanRows } from './chainScanner';

/** The memory under a part's columns, moved to the engine's thread instead of copied (this thread is done with it). */
function handedOver(part: ColumnPart): ArrayBuffer[] {
  const arrays = [part.ids, part.expiries, part.types, ...part.columns, ...part.numbers, part.idEnds, part.callOf];
  return [...new Set(arrays.map((array) => array.buffer as ArrayBuffer))];
}

/** A share of a chain's rows to read: the answer's bytes in shared memory, where that share begins. */
export interface RowsJob {
  id: number;
  shared: Uint8Array;
  size: number;
  start: number;
  symbol: string;
}

export type RowsReply = { id: number; part: ReturnType<typeof scanRows> } | { id: number; error: string };

// The worker thread's side of ChainRowsWorker: one job at a time, answered in order.
parentPort?.on('message', (job: RowsJob) => {
  let reply: RowsReply;
  try {
    const bytes = Buffer.from(job.shared.buffer, job.shared.byteOffset, job.shared.byteLength); // the lexer reads text from a Buffer
    reply = { id: job.id, part: scanRows(bytes, job.size, job.start, job.symbol) };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply, 'part' in reply && reply.part !== 'bail' ? handedOver(reply.part.columns) : []);
});
