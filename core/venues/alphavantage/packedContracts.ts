import type { OptionContractQuote } from '../../market/optionChain';

const NUMBERS = ['strike', 'bid', 'bidSize', 'ask', 'askSize', 'last', 'mark', 'volume', 'openInterest', 'iv', 'delta', 'gamma', 'theta', 'vega', 'rho'] as const;

/**
 * A chain's contracts as a few flat arrays, the form in which they cross from the chain reader's thread to the
 * engine's: typed arrays are moved, not copied, and the engine builds the 10,000 contract objects only when a cockpit
 * asks for them (unpackContracts), instead of receiving them as objects on every refresh.
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

export function unpackContracts({ ids: idBytes, idEnds, expiries, expiryOf, calls, numbers }: PackedContracts): OptionContractQuote[] {
  const count = idEnds.length;
  const ids = new TextDecoder().decode(idBytes);
  const n = (f: number, i: number) => numbers[f * count + i]!;
  return Array.from({ length: count }, (_, i) => ({
    contractId: ids.slice(i > 0 ? idEnds[i - 1] : 0, idEnds[i]), expiry: expiries[expiryOf[i]!]!, strike: n(0, i), type: calls[i] ? 'call' : 'put',
    bid: n(1, i), bidSize: n(2, i), ask: n(3, i), askSize: n(4, i), last: n(5, i), mark: n(6, i), volume: n(7, i), openInterest: n(8, i),
    iv: n(9, i), delta: n(10, i), gamma: n(11, i), theta: n(12, i), vega: n(13, i), rho: n(14, i),
  }));
}

/** The memory a thread can hand over with the packed contracts. */
export function packedMemory(packed: PackedContracts): ArrayBuffer[] {
  return [packed.ids.buffer, packed.idEnds.buffer, packed.expiryOf.buffer, packed.calls.buffer, packed.numbers.buffer] as ArrayBuffer[];
}
