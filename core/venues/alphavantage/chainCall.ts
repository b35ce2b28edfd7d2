import type { OptionChainSnapshot } from '../../market/optionChain';
import type { AlphaVantageStorage } from './alphaVantageStorage';
import { screenOptionsAnswer } from './avAnswer';
import type { AvRequest } from './avRequests';
import { decodeChain } from './chainColumns';
import { readOptionChain, type ReadChain } from './optionChainReader';

/**
 * What a chain call gives back to the engine: the chain's counts, less its documents (they are in Redis) and its
 * contracts (read back from there only for a chain someone watches: loadChain).
 */
export interface CalledChain extends Omit<ReadChain, 'encoded'> {
  /** When the answer arrived (epoch ms): the chain's as-of time. */
  at: number;
  /** Why the documents could not be written (Redis refused), or null: written, or nothing to write. */
  unsaved: string | null;
  /** When the store acknowledged the write (epoch ms, to the microsecond), or null when nothing was written. */
  storedAt: number | null;
}

/** Where a chain call fetches from: AvHttpClient's GET (an AvError for HTTP failures and timeouts). */
export interface ChainSource {
  get(request: AvRequest): Promise<Buffer>;
}

/** Where a chain call writes, and loadChain reads: the venue's storage port (its Redis side is the app's, core/store/alphaVantageStore). */
export type ChainStorage = Pick<AlphaVantageStorage, 'writeEncodedOptions' | 'readChainDocument'>;

/**
 * One option chain call: the answer fetched, screened for the plan's entitlement sample and `{}` (null: no data),
 * read (readOptionChain) and, when it has contracts, stored. The app runs it on a thread of its own (a ChainCallRunner),
 * so neither the 4 MB answer nor its reading touches the engine's thread. The answer's failures are AvErrors (HTTP,
 * timeout, throttling, entitlement, AV's in-band errors, garbled JSON, every contract refused); a failed write is
 * not: the chain was good, only not saved.
 */
export async function callChain(http: ChainSource, store: ChainStorage, request: AvRequest, symbol: string): Promise<CalledChain | null> {
  const body = await http.get(request);
  if (screenOptionsAnswer(body, request.label) === 'no_data') return null;
  const at = Date.now();
  const { encoded, ...chain } = readOptionChain(body, request.label, symbol, at);
  if (chain.count === 0) return { ...chain, at, unsaved: null, storedAt: null };
  try {
    await store.writeEncodedOptions(symbol, encoded);
  } catch (error) {
    return { ...chain, at, unsaved: error instanceof Error ? error.message : String(error), storedAt: null };
  }
  return { ...chain, at, unsaved: null, storedAt: performance.timeOrigin + performance.now() };
}

/** The stored chain of `symbol` as objects (JSON.parse of a ~1.5 MB document for 10,000 contracts), or null when none is stored. */
export async function loadChain(store: ChainStorage, symbol: string): Promise<OptionChainSnapshot | null> {
  return decodeChain(await store.readChainDocument(symbol));
}
