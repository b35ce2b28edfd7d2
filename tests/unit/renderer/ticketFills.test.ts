import { beforeEach, describe, expect, it } from 'vitest';
import { chainPick } from '../../../renderer/src/panels/optionChain/chainPick';
import type { ChainRow } from '../../../renderer/src/panels/optionChain/chainRows';
import { editTicket, fillFromChain, fillFromLadder, useTicketStore } from '../../../renderer/src/stores/ticketStore';
import { emptyDraft } from '../../../renderer/src/trading/ticketDraft';

const draft = () => useTicketStore.getState().draft;

describe('filling the ticket from the ladder and the option chain', () => {
  beforeEach(() => useTicketStore.setState({ draft: emptyDraft('SPY'), reveal: { count: 0, focus: 'quantity' } }));

  it('puts a clicked ladder price in as the limit price for that symbol, keeping side and quantity', () => {
    editTicket({ side: 'sell', quantity: '30' });
    fillFromLadder('QQQ', 512.37);
    expect(draft()).toMatchObject({ symbol: 'QQQ', kind: 'stock', side: 'sell', quantity: '30', type: 'LMT', limitPrice: '512.37' });
    expect(useTicketStore.getState().reveal).toEqual({ count: 1, focus: 'limitPrice' });
  });

  it('turns a market or stop ticket into its limit twin when a ladder price is clicked', () => {
    editTicket({ type: 'MKT' });
    fillFromLadder('SPY', 590);
    expect(draft().type).toBe('LMT');
    editTicket({ type: 'STP' });
    fillFromLadder('SPY', 590);
    expect(draft().type).toBe('STP LMT');
    editTicket({ type: 'MOC' });
    fillFromLadder('SPY', 590);
    expect(draft().type).toBe('LOC');
  });

  it('picks the call or the put of a chain row by the side clicked, with the limit at its mid', () => {
    const contract = (type: 'call' | 'put', bid: number, ask: number) => ({ expiry: '2026-01-16', strike: 600, type, bid, ask }) as ChainRow['call'];
    const row: ChainRow = { id: '2026-01-16|600', strike: 600, call: contract('call', 4.1, 4.3), put: contract('put', 12.02, 12.11) };
    expect(chainPick('SPY', row, 'strike')).toBeNull();
    fillFromChain(chainPick('SPY', row, 'put-bid')!);
    expect(draft()).toMatchObject({ symbol: 'SPY', kind: 'option', expiry: '2026-01-16', strike: '600', right: 'put', limitPrice: '12.07' });
    fillFromChain(chainPick('SPY', row, 'call-delta')!);
    expect(draft()).toMatchObject({ right: 'call', limitPrice: '4.2' });
  });
});
