import { describe, expect, it } from 'vitest';
import { ContractCatalog } from '../../../../core/sim/gateway/contracts/catalog';
import type { WireContract } from '../../../../core/sim/gateway/protocol/wireTypes';
import { createMarketModel } from '../../../../core/sim/market/marketModel';

const blank: WireContract = { conId: 0, symbol: '', secType: '', lastTradeDateOrContractMonth: '', strike: undefined, right: '', multiplier: '', exchange: 'SMART', primaryExch: '', currency: '', localSymbol: '', tradingClass: '' };

describe('the simulated gateway’s contract catalog', () => {
  const market = createMarketModel({ seed: 3, symbols: ['SPY'] });
  const catalog = new ContractCatalog(market);

  it('resolves a contract given by its conId alone (no secType), an option as well as a stock, as TWS does', () => {
    const option = market.optionChain('SPY')[0]!.spec;
    expect(catalog.resolve({ ...blank, conId: option.conId })).toMatchObject({ kind: 'option', spec: { conId: option.conId, strike: option.strike } });
    const stock = market.symbol('SPY')!;
    expect(catalog.resolve({ ...blank, conId: stock.conId })).toMatchObject({ kind: 'stock', spec: { symbol: 'SPY' } });
    expect(catalog.resolve({ ...blank, conId: 999_999_999 })).toBeUndefined();
  });
});
