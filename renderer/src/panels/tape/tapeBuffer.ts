import type { Trade } from '../../../../core/contract/contract';

/** Prints of at least this many shares are blocks. */
export const BLOCK_SIZE = 10_000;

/**
 * Adds the stream's newest prints (oldest first, overlapping the previous event) to the tape, newest first,
 * keeping `max`. A fall in cumulative volume means a new session or a replay: the tape starts over.
 */
export function mergePrints(tape: readonly Trade[], incoming: readonly Trade[], max: number): Trade[] {
  const newest = tape[0];
  const latest = incoming.at(-1);
  if (!latest) return tape as Trade[];
  if (newest && latest.totalVolume < newest.totalVolume) return [...incoming].reverse().slice(0, max);
  const fresh = newest ? incoming.filter((trade) => trade.totalVolume > newest.totalVolume) : incoming;
  if (fresh.length === 0) return tape as Trade[];
  return [...fresh].reverse().concat(tape).slice(0, max);
}
