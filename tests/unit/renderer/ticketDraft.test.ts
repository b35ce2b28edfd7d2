import { describe, expect, it } from 'vitest';
import { orderTicketInput } from '../../../core/contract/orderInputs';
import { describeOrder, emptyDraft, needsConfirmation, orderNotional, orderSignature, ticketOrder, type TicketDraft } from '../../../renderer/src/trading/ticketDraft';

const KEY = 'key-0001';
const draft = (change: Partial<TicketDraft> = {}): TicketDraft => ({ ...emptyDraft('SPY'), ...change });

describe('the order ticket as a submitOrder input', () => {
  it('turns a limit ticket into the contract input the engine validates, with only the prices its type takes', () => {
    const check = ticketOrder(draft({ side: 'sell', quantity: '25', type: 'LMT', limitPrice: '590.25', stopPrice: '580', tif: 'GTC', outsideRth: true }), KEY);
    expect(check).toEqual({
      ok: true,
      order: {
        clientOrderKey: KEY,
        instrument: { kind: 'stock', symbol: 'SPY' },
        side: 'sell',
        quantity: 25,
        type: 'LMT',
        limitPrice: 590.25,
        tif: 'GTC',
        outsideRth: true,
      },
    });
    expect(orderTicketInput.safeParse(check.ok && check.order).success).toBe(true);
  });

  it('sends no price for a market order even when the hidden price fields still hold text', () => {
    const check = ticketOrder(draft({ type: 'MKT', limitPrice: '590', stopPrice: '580' }), KEY);
    expect(check.ok && check.order).not.toHaveProperty('limitPrice');
    expect(check.ok && check.order).not.toHaveProperty('stopPrice');
  });

  it('needs both prices for a stop limit and says which one is missing beside its field', () => {
    const check = ticketOrder(draft({ type: 'STP LMT', limitPrice: '101', stopPrice: '' }), KEY);
    expect(check).toEqual({ ok: false, errors: { stopPrice: 'a STP LMT order needs a stop price' } });
  });

  it('refuses a fractional, zero or non-numeric quantity and a price that is not above zero', () => {
    for (const quantity of ['1.5', '0', 'ten', '']) {
      expect(ticketOrder(draft({ quantity, limitPrice: '1' }), KEY)).toMatchObject({ ok: false, errors: { quantity: expect.stringMatching(/whole number/) } });
    }
    expect(ticketOrder(draft({ limitPrice: '-2' }), KEY)).toMatchObject({ ok: false, errors: { limitPrice: 'the limit price must be a number above 0' } });
  });

  it('names an option by expiry, strike and right, and asks for them when the option is incomplete', () => {
    const option = draft({ kind: 'option', expiry: '2026-01-16', strike: '600', right: 'put', quantity: '2', limitPrice: '3.1' });
    expect(ticketOrder(option, KEY)).toMatchObject({ ok: true, order: { instrument: { kind: 'option', symbol: 'SPY', expiry: '2026-01-16', strike: 600, right: 'put' } } });
    expect(ticketOrder({ ...option, strike: '' }, KEY)).toMatchObject({ ok: false, errors: { option: expect.stringMatching(/expiry, strike/) } });
  });

  it("puts the contract's own bracket rule beside the bracket: a buy's profit taker must be above its stop", () => {
    const bracket = draft({ limitPrice: '100', bracket: true, takeProfitPrice: '95', stopLossPrice: '105' });
    expect(ticketOrder(bracket, KEY)).toEqual({ ok: false, errors: { bracket: 'for a buy bracket the profit taker must be above the stop' } });
    expect(ticketOrder({ ...bracket, takeProfitPrice: '110', stopLossPrice: '95' }, KEY)).toMatchObject({ ok: true, order: { bracket: { takeProfitPrice: 110, stopLossPrice: 95 } } });
  });
});

describe('notional and confirmation', () => {
  const stock = { instrument: { kind: 'stock' as const, symbol: 'SPY' }, quantity: 100 };
  const option = { instrument: { kind: 'option' as const, symbol: 'SPY', expiry: '2026-01-16', strike: 600, right: 'call' as const }, quantity: 3 };

  it("prices the notional at the order's limit, else its stop, else the market", () => {
    expect(orderNotional({ ...stock, limitPrice: 590, stopPrice: 580 }, 600)).toBe(59_000);
    expect(orderNotional({ ...stock, stopPrice: 580 }, 600)).toBe(58_000);
    expect(orderNotional(stock, 600)).toBe(60_000);
    expect(orderNotional(stock, null)).toBeNull();
  });

  it('multiplies an option by 100 shares a contract', () => {
    expect(orderNotional({ ...option, limitPrice: 2.5 }, null)).toBe(750);
  });

  it('asks for confirmation above the threshold, or when the notional or threshold is unknown', () => {
    expect(needsConfirmation(25_000, 25_000)).toBe(false);
    expect(needsConfirmation(25_000.01, 25_000)).toBe(true);
    expect(needsConfirmation(null, 25_000)).toBe(true);
    expect(needsConfirmation(100, null)).toBe(true);
  });
});

describe('describing and comparing orders', () => {
  it('says what the order does in one line', () => {
    const check = ticketOrder(draft({ kind: 'option', expiry: '2026-01-16', strike: '600', right: 'call', quantity: '2', limitPrice: '3.1' }), KEY);
    expect(check.ok && describeOrder(check.order)).toBe('BUY 2 SPY 2026-01-16 600 C LMT 3.1 DAY');
  });

  it('gives the same signature to the same order whatever its key, and a different one when anything changes', () => {
    const a = ticketOrder(draft({ limitPrice: '590' }), 'key-aaaaaa');
    const b = ticketOrder(draft({ limitPrice: '590' }), 'key-bbbbbb');
    const c = ticketOrder(draft({ limitPrice: '590.01' }), 'key-aaaaaa');
    if (!a.ok || !b.ok || !c.ok) throw new Error('valid drafts');
    expect(orderSignature(a.order)).toBe(orderSignature(b.order));
    expect(orderSignature(a.order)).not.toBe(orderSignature(c.order));
  });
});
