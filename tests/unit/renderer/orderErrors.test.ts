import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../core/contract/contract';
import type { AlphaTraderBridge } from '../../../renderer/src/engine/alphatraderBridge';
import { bridgeEngineClient } from '../../../renderer/src/engine/bridgeEngineClient';
import { badRequestFieldErrors, orderErrorText } from '../../../renderer/src/trading/orderErrors';

describe('order errors as the trader reads them', () => {
  it('leads a refusal with its reason code', () => {
    const refused = new ContractError('REFUSED', 'trading is HALTED: nothing new goes to the market', 'HALTED');
    expect(orderErrorText(refused)).toBe('HALTED: trading is HALTED: nothing new goes to the market');
  });

  it('says an unanswered submit may have gone and that a retry places once', () => {
    const text = orderErrorText(new ContractError('UNAVAILABLE', 'submitOrder: no answer from the engine within 10000 ms'));
    expect(text).toMatch(/^UNAVAILABLE: no answer from the engine within 10000 ms\. Check the Orders panel/);
    expect(text).toMatch(/places once/);
  });

  it("puts each of the engine's BAD_REQUEST problems beside its field and the rest beside the form", () => {
    const error = new ContractError(
      'BAD_REQUEST',
      'submitOrder: limitPrice: got 0, expected number to be >0; bracket.takeProfitPrice: got -1, expected number to be >0; instrument.symbol: got "spy", expected an upper-case ticker',
    );
    expect(badRequestFieldErrors(error)).toEqual({
      limitPrice: 'got 0, expected number to be >0',
      bracket: 'got -1, expected number to be >0',
      symbol: 'got "spy", expected an upper-case ticker',
    });
    const unconfigured = new ContractError('BAD_REQUEST', 'symbol ZZZ is not configured; configured: SPY, QQQ');
    expect(badRequestFieldErrors(unconfigured)).toEqual({ form: 'symbol ZZZ is not configured; configured: SPY, QQQ' });
    expect(badRequestFieldErrors(new ContractError('REFUSED', 'halted', 'HALTED'))).toEqual({});
  });
});

describe('the Electron bridge', () => {
  it("keeps a refused order's denial code, so the ticket shows HALTED in the desktop app too", async () => {
    // What the preload's bridge answers for a refusal (plain data: the class is lost crossing contextBridge).
    const call: AlphaTraderBridge['call'] = async () => ({ ok: false, error: { code: 'REFUSED', message: 'trading is halted', reason: 'HALTED' } });
    const client = bridgeEngineClient({ call } as unknown as AlphaTraderBridge);
    const failure = await client.call('getSession', {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ContractError);
    expect(orderErrorText(failure)).toBe('HALTED: trading is halted');
  });
});
