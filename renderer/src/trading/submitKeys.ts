import { ContractError } from '../../../core/contract/contract';

/** A fresh client order key: a UUID (letters, digits and '-', as the contract allows). */
export function newClientOrderKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * How a submit ended. `placed`: the engine answered with its order. `notPlaced`: the engine refused or rejected
 * the input, so nothing was placed. `unknown`: no answer (timeout, lost connection) — the order may have been placed.
 */
export type SubmitOutcome = 'placed' | 'notPlaced' | 'unknown';

export function outcomeOfError(error: unknown): SubmitOutcome {
  return error instanceof ContractError && (error.code === 'REFUSED' || error.code === 'BAD_REQUEST') ? 'notPlaced' : 'unknown';
}

/**
 * One client order key per order being submitted. Each new order gets a fresh key; submitting the same order
 * again (a double click, a retry after no answer) reuses its key, so the engine places it once. Once the engine
 * has answered for certain (placed, or refused), the key is spent and the next submit, even of an identical
 * order, is a new order with a new key.
 */
export class SubmitKeys {
  private current: { signature: string; key: string } | null = null;

  constructor(private readonly makeKey: () => string = newClientOrderKey) {}

  /** The key for the order with this signature: the pending one if it is the same order, else a new one. */
  keyFor(signature: string): string {
    if (this.current?.signature !== signature) this.current = { signature, key: this.makeKey() };
    return this.current.key;
  }

  /** After the engine's answer to `key`: a certain outcome spends the key; an unknown one keeps it for the retry. */
  settle(key: string, outcome: SubmitOutcome): void {
    if (outcome !== 'unknown' && this.current?.key === key) this.current = null;
  }
}
