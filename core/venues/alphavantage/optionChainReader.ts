import { readAnswer } from './avAnswer';
import type { OptionChainSnapshot } from '../../market/optionChain';
import { AvError } from './avError';
import { encodeOptions, type EncodedOptions } from './chainColumns';
import { scanChain, scanChainSplit, type RowsReader, type ScannedChain } from './chainScanner';
import { describeRefusals, parseOptionChain } from './optionChainParser';

/** A chain answer read and validated, ready for Redis (`encoded`) and for the cockpit (`snapshot()`). */
export interface ReadChain {
  encoded: EncodedOptions;
  /** Contracts kept. */
  count: number;
  skipped: number;
  /** Refused contracts counted by reason. */
  refused: Record<string, number>;
  snapshot(): OptionChainSnapshot;
}

/**
 * A REALTIME_OPTIONS / HISTORICAL_OPTIONS answer body (as received: bytes; or text) to its chain. The one-pass scanner (chainScanner) reads the
 * plain shape AV sends; any other body takes the general path, readAnswer (AV's in-band errors, bad JSON) then
 * parseOptionChain and encodeOptions, with the same rules and results. As parseOptionChain: an answer whose every
 * contract is refused is a validation error; an empty `data` gives an empty chain.
 */
export function readOptionChain(body: string | Buffer, call: string, symbol: string, asOf: number): ReadChain {
  return chainOf(scanChain(body, symbol, asOf), body, call, symbol, asOf);
}

/** As readOptionChain, with a large chain's rows shared with `readRows` (a worker thread): see scanChainSplit. */
export async function readOptionChainSplit(body: string | Buffer, call: string, symbol: string, asOf: number, readRows: RowsReader): Promise<ReadChain> {
  return chainOf(await scanChainSplit(body, symbol, asOf, readRows), body, call, symbol, asOf);
}

function chainOf(scanned: ScannedChain | null, body: string | Buffer, call: string, symbol: string, asOf: number): ReadChain {
  if (scanned === null) {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    const { chain, refused } = parseOptionChain(readAnswer(text, call), symbol, asOf);
    return { encoded: encodeOptions(chain), count: chain.contracts.length, skipped: chain.skipped, refused, snapshot: () => chain };
  }
  if (scanned.rows > 0 && scanned.count === 0) {
    throw new AvError('validation', `REALTIME_OPTIONS ${symbol}: all ${scanned.rows} contracts refused (${describeRefusals(scanned.refused)})`, false);
  }
  return scanned;
}
