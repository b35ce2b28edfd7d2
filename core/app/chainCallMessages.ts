import type { OptionChainSnapshot } from '../market/optionChain';
import type { AvError } from '../venues/alphavantage/avError';
import type { AvRequest } from '../venues/alphavantage/avRequests';
import type { CalledChain } from '../venues/alphavantage/chainCall';
import type { ChainCallSetup } from '../venues/alphavantage/chainCalls';
import type { PackedContracts } from '../venues/alphavantage/packedContracts';

/* What the chain reader (chainReader.ts) and its thread (chainCallThread.ts) say to each other. */

/** What the thread is started with: where to fetch chains from and where to write them. */
export interface ChainThreadSetup {
  http: ChainCallSetup['http'];
  redisUrl: string;
}

/** One chain call to make, or one stored chain to read back (`load`). */
export type ChainJob = { id: number; request: AvRequest; symbol: string } | { id: number; load: string };

import { READY } from './threadReady';

export { READY };

/** A stored chain read back, its contracts packed (typed arrays are moved between threads, objects copied). */
export type LoadedChain = Omit<OptionChainSnapshot, 'contracts'> & { contracts: PackedContracts };

/**
 * The chain's counts (null: no data), or the stored chain read back (null: none stored), or why not: an AvError by
 * its parts (an Error does not cross threads as itself), or another failure.
 */
export type ChainReply =
  | { id: number; chain: CalledChain | null }
  | { id: number; loaded: LoadedChain | null }
  | { id: number; avError: { kind: AvError['kind']; message: string; retryable: boolean } }
  | { id: number; failure: string };
