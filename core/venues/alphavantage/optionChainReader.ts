import { readAnswer } from './avAnswer';
import { encodeOptions } from './chainColumns';
import { parseOptionChain } from './optionChainParser';

/** A chain answer read and validated: its two Redis documents and its counts. */
export interface ReadChain {
  /** `options:{symbol}:chain` and `options:{symbol}:greeks` (chainColumns). */
  encoded: { chain: string; greeks: string };
  /** Contracts kept. */
  count: number;
  skipped: number;
  /** Refused contracts counted by reason. */
  refused: Record<string, number>;
  quoteDate: string | null;
}

/**
 * A REALTIME_OPTIONS / HISTORICAL_OPTIONS answer body (bytes as received, or text) to its stored form: readAnswer
 * (JSON.parse; AV's in-band errors), parseOptionChain (each contract validated, refusals counted; every contract
 * refused is a validation error, an empty `data` an empty chain), then encodeOptions. It costs ~60 ms for 10,000
 * contracts, so the engine runs it on the chain reader's thread (core/app/chainReader.ts), not on its own.
 */
export function readOptionChain(body: Uint8Array | string, call: string, symbol: string, asOf: number): ReadChain {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const { chain, refused } = parseOptionChain(readAnswer(text, call), symbol, asOf);
  return { encoded: encodeOptions(chain), count: chain.contracts.length, skipped: chain.skipped, refused, quoteDate: chain.quoteDate };
}
