import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../core/contract/contract';
import { orderTicketInput } from '../../../core/contract/orderInputs';
import { newClientOrderKey, outcomeOfError, SubmitKeys } from '../../../renderer/src/trading/submitKeys';

describe('client order keys for submits', () => {
  it('makes keys the contract accepts, a different one each time', () => {
    const keys = new Set(Array.from({ length: 50 }, newClientOrderKey));
    expect(keys.size).toBe(50);
    const order = { instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 1, type: 'MKT' };
    for (const clientOrderKey of keys) expect(orderTicketInput.safeParse({ ...order, clientOrderKey }).success).toBe(true);
  });

  it('reuses the key for a double click or a retry of the same order after no answer, so the engine places it once', () => {
    const keys = new SubmitKeys();
    const first = keys.keyFor('BUY 10 SPY');
    expect(keys.keyFor('BUY 10 SPY')).toBe(first); // the double click
    keys.settle(first, outcomeOfError(new ContractError('UNAVAILABLE', 'submitOrder: no answer from the engine within 10000 ms')));
    expect(keys.keyFor('BUY 10 SPY')).toBe(first); // the retry
  });

  it('gives a new key to the next order once the engine placed the last one, even an identical order', () => {
    const keys = new SubmitKeys();
    const first = keys.keyFor('BUY 10 SPY');
    keys.settle(first, 'placed');
    expect(keys.keyFor('BUY 10 SPY')).not.toBe(first);
  });

  it('gives a new key after a refusal (nothing was placed) and when the order is changed', () => {
    const keys = new SubmitKeys();
    const first = keys.keyFor('BUY 10 SPY');
    keys.settle(first, outcomeOfError(new ContractError('REFUSED', 'trading is halted', 'HALTED')));
    const second = keys.keyFor('BUY 10 SPY');
    expect(second).not.toBe(first);
    expect(keys.keyFor('BUY 20 SPY')).not.toBe(second);
  });

  it('ignores a late answer for a key that is no longer pending', () => {
    const keys = new SubmitKeys();
    const old = keys.keyFor('BUY 10 SPY');
    const current = keys.keyFor('BUY 20 SPY');
    keys.settle(old, 'placed');
    expect(keys.keyFor('BUY 20 SPY')).toBe(current);
  });

  it('treats refusals and rejected input as not placed, anything else as unknown', () => {
    expect(outcomeOfError(new ContractError('BAD_REQUEST', 'submitOrder: quantity: …'))).toBe('notPlaced');
    expect(outcomeOfError(new ContractError('REFUSED', 'halted', 'HALTED'))).toBe('notPlaced');
    expect(outcomeOfError(new ContractError('INTERNAL', 'boom'))).toBe('unknown');
    expect(outcomeOfError(new Error('socket closed'))).toBe('unknown');
  });
});
