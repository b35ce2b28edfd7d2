import { describeKeys, type AvAnswer } from './avAnswer';
import type { ContractGreeks, GreeksByStrike, OptionChainSnapshot, OptionContractQuote } from '../../market/optionChain';
import { AvError } from './avError';
import { isCalendarDate, numberKey } from './avNumbers';
import { readOptionContract } from './optionContract';

export interface ParsedChain {
  chain: OptionChainSnapshot;
  /** Refused contracts counted by reason. */
  refused: Record<string, number>;
}

/**
 * A REALTIME_OPTIONS / HISTORICAL_OPTIONS answer to a chain. Bad contracts are counted and skipped; an answer
 * without a `data` array is malformed; an answer whose every contract is refused is a validation error (it is
 * garbage, and must not replace a good chain). An empty `data` gives an empty chain (thin symbol, off hours).
 */
export function parseOptionChain(answer: AvAnswer, symbol: string, asOf: number): ParsedChain {
  const data = answer.data;
  if (!Array.isArray(data)) {
    throw new AvError('malformed', `REALTIME_OPTIONS ${symbol}: the answer has no "data" array (${describeKeys(answer)})`, false);
  }
  const contracts = [];
  const refused: Record<string, number> = {};
  let quoteDate: string | null = null;
  for (const row of data) {
    const contract = readOptionContract(row, symbol);
    if (typeof contract === 'string') {
      refused[contract] = (refused[contract] ?? 0) + 1;
      continue;
    }
    if (quoteDate === null) {
      const date = (row as Record<string, unknown>).date;
      if (isCalendarDate(date)) quoteDate = date;
    }
    contracts.push(contract);
  }
  const skipped = data.length - contracts.length;
  if (data.length > 0 && contracts.length === 0) {
    throw new AvError('validation', `REALTIME_OPTIONS ${symbol}: all ${data.length} contracts refused (${describeRefusals(refused)})`, false);
  }
  return { chain: { symbol, asOf, quoteDate, contracts, skipped }, refused };
}

export function describeRefusals(refused: Record<string, number>): string {
  return Object.entries(refused).map(([reason, count]) => `${count} ${reason}`).join(', ');
}

/** What the greeks index needs of a contract (an OptionContractQuote has it all). */
export type GreeksRow = ContractGreeks & Pick<OptionContractQuote, 'expiry' | 'strike' | 'type'>;

/** The chain's greeks by expiry, strike and type: what GEX/DEX read. */
export function greeksByStrike(chain: { symbol: string; asOf: number; contracts: readonly GreeksRow[] }): GreeksByStrike {
  const expiries: GreeksByStrike['expiries'] = {};
  const strikeKeys = new Map<number, string>();
  for (const c of chain.contracts) {
    const strikes = (expiries[c.expiry] ??= {});
    let key = strikeKeys.get(c.strike);
    if (key === undefined) strikeKeys.set(c.strike, (key = numberKey(c.strike)));
    const entry = (strikes[key] ??= {});
    const greeks: ContractGreeks = {
      contractId: c.contractId, iv: c.iv, delta: c.delta, gamma: c.gamma, theta: c.theta, vega: c.vega, rho: c.rho,
      openInterest: c.openInterest, volume: c.volume,
    };
    entry[c.type] = greeks;
  }
  return { symbol: chain.symbol, asOf: chain.asOf, expiries };
}
