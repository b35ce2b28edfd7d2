import type { OptionChainSnapshot } from '../../market/optionChain';
import type { AvRequest } from './avRequests';
import type { CalledChain } from './chainCall';

/** What a chain call needs to be made elsewhere: the endpoint (a thread has its own HTTP client) and the engine-thread way. */
export interface ChainCallSetup {
  http: { baseUrl: string; apiKey: string; timeoutMs: number };
  /** The same call on the engine's thread (callChain with the module's HTTP client and storage). */
  here: (request: AvRequest, symbol: string) => Promise<CalledChain | null>;
  /** A stored chain read back on the engine's thread (loadChain with the module's storage). */
  loadHere: (symbol: string) => Promise<OptionChainSnapshot | null>;
  /** Told when the runner cannot run calls as it should (the module logs it). */
  onProblem: (problem: string) => void;
}

/**
 * Makes chain calls (callChain) for the venue: fetched, screened, read and stored; and reads stored chains back
 * (loadChain) for a cockpit that watches one. Null: the answer had no data / no chain is stored.
 */
export interface ChainCalls {
  /** Gets ready ahead of the first chain; resolves when ready or when it will run calls another way. */
  start(): Promise<void>;
  call(request: AvRequest, symbol: string): Promise<CalledChain | null>;
  load(symbol: string): Promise<OptionChainSnapshot | null>;
  /** Calls in flight fail by name. */
  stop(): Promise<void>;
}

/**
 * Given by the app: the engine runs chain calls on a thread of its own, whose store writes go through the app's
 * store (core/app/chainReader.ts). Without one, calls run on the engine's thread (onThisThread).
 */
export type ChainCallRunner = (setup: ChainCallSetup) => ChainCalls;

export const onThisThread: ChainCallRunner = ({ here, loadHere }) => ({ start: async () => undefined, call: here, load: loadHere, stop: async () => undefined });
