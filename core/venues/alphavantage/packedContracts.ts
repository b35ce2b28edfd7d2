import type { OptionContractQuote } from '../../market/optionChain';

const NUMBERS = ['strike', 'bid', 'bidSize', 'ask', 'askSize', 'last', 'mark', 'volume', 'openInterest', 'iv', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const;

/** Contracts built per event-loop turn by unpackContractsInTurns: well under a millisecond of work on a free core. */
const CONTRACTS_PER_TURN = 1_000;

/**
 * A chain's contracts as a few flat arrays, the form in which a stored chain read back on the chain reader's thread
 * crosses to the engine's (only for a chain a cockpit watches): typed arrays are moved, not copied, where 10,000
 * objects would be copied one by one onto the engine's heap; the engine then builds them (unpackContractsInTurns).
 */
export interface PackedContracts {
  /**
   * The contract ids one after another, as UTF-8 (memory that is moved, where 10,000 strings would be copied onto the
   * engine's heap), and where each ends in the decoded text.
   */
  ids: Uint8Array;
  idEnds: Uint32Array;
  /** The chain's distinct expiries, and each contract's index into them. */
  expiries: string[];
  expiryOf: Uint32Array;
  /** 1 for a call. */
  calls: Uint8Array;
  /** NUMBERS field by field: field f of contract i at f × count + i. */
  numbers: Float64Array;
}

export function packContracts(contracts: readonly OptionContractQuote[]): PackedContracts {
  const count = contracts.length;
  const expiryIndex = new Map<string, number>();
  const packed: PackedContracts = {
    ids: new TextEncoder().encode(contracts.map((c) => c.contractId).join('')), idEnds: new Uint32Array(count), expiries: [], expiryOf: new Uint32Array(count), calls: new Uint8Array(count),
    numbers: new Float64Array(count * NUMBERS.length),
  };
  let idEnd = 0;
  contracts.forEach((c, i) => {
    packed.idEnds[i] = idEnd += c.contractId.length;
    let e = expiryIndex.get(c.expiry);
    if (e === undefined) expiryIndex.set(c.expiry, (e = packed.expiries.push(c.expiry) - 1));
    packed.expiryOf[i] = e;
    packed.calls[i] = c.type === 'call' ? 1 : 0;
    NUMBERS.forEach((field, f) => (packed.numbers[f * count + i] = c[field]));
  });
  return packed;
}

export function unpackContracts(packed: PackedContracts): OptionContractQuote[] {
  const contractAt = reader(packed);
  return Array.from({ length: packed.idEnds.length }, (_, i) => contractAt(i));
}

/**
 * As unpackContracts, CONTRACTS_PER_TURN contracts per event-loop turn: the engine's thread builds a 10,000-contract
 * chain in ten short stretches, answering whatever else is waiting in between, instead of in one of several ms.
 */
export async function unpackContractsInTurns(packed: PackedContracts, perTurn = CONTRACTS_PER_TURN): Promise<OptionContractQuote[]> {
  const contractAt = reader(packed);
  const count = packed.idEnds.length;
  const contracts: OptionContractQuote[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0 && i % perTurn === 0) await new Promise((resolve) => setImmediate(resolve));
    contracts.push(contractAt(i));
  }
  return contracts;
}

/** Contract i of the packed contracts, as an object. */
function reader({ ids: idBytes, idEnds, expiries, expiryOf, calls, numbers }: PackedContracts): (i: number) => OptionContractQuote {
  const count = idEnds.length;
  const ids = new TextDecoder().decode(idBytes);
  const n = (f: number, i: number) => numbers[f * count + i]!;
  return (i) => ({
    contractId: ids.slice(i > 0 ? idEnds[i - 1] : 0, idEnds[i]), expiry: expiries[expiryOf[i]!]!, strike: n(0, i), type: calls[i] ? 'call' : 'put',
    bid: n(1, i), bidSize: n(2, i), ask: n(3, i), askSize: n(4, i), last: n(5, i), mark: n(6, i), volume: n(7, i), openInterest: n(8, i),
    iv: n(9, i), delta: n(10, i), gamma: n(11, i), theta: n(12, i), vega: n(13, i), rho: n(14, i),
  });
}

/** The memory a thread can hand over with the packed contracts. */
export function packedMemory(packed: PackedContracts): ArrayBuffer[] {
  return [packed.ids.buffer, packed.idEnds.buffer, packed.expiryOf.buffer, packed.calls.buffer, packed.numbers.buffer] as ArrayBuffer[];
}
