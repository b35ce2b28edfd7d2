import type { FieldCursor } from '../wire/fieldCursor';
import type { ComboLeg, ContractQuery } from './requestTypes';

/** conId|symbol|secType|ltdOrMonth|strike|right|multiplier|exchange|primaryExch|currency|localSymbol|tradingClass */
export function readContract(c: FieldCursor, withPrimaryExch = true): ContractQuery {
  return {
    conId: c.int('conId'),
    symbol: c.str('symbol'),
    secType: c.str('secType').toUpperCase(),
    lastTradeDateOrContractMonth: c.str('lastTradeDateOrContractMonth'),
    strike: c.num('strike'),
    right: c.str('right').toUpperCase(),
    multiplier: c.str('multiplier'),
    exchange: c.str('exchange'),
    primaryExch: withPrimaryExch ? c.str('primaryExch') : '',
    currency: c.str('currency'),
    localSymbol: c.str('localSymbol'),
    tradingClass: c.str('tradingClass'),
  };
}

/** BAG legs as reqMktData/reqHistoricalData send them: n{conId|ratio|action|exchange}. */
export function readShortComboLegs(c: FieldCursor, contract: ContractQuery): ComboLeg[] {
  if (contract.secType !== 'BAG') return [];
  const n = c.int('comboLegsCount');
  const legs: ComboLeg[] = [];
  for (let i = 0; i < n; i++) {
    legs.push({ conId: c.int('leg.conId'), ratio: c.int('leg.ratio'), action: c.str('leg.action'), exchange: c.str('leg.exchange') });
  }
  return legs;
}

export function parseGenericTicks(list: string): number[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number)
    .filter((n) => Number.isInteger(n));
}
