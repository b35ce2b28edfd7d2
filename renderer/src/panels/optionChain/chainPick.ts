import type { ChainPick } from '../../stores/ticketStore';
import type { ChainRow } from './chainRows';

/**
 * The contract a click on a chain cell names: a cell on the calls side picks the call, on the puts side the put
 * (column ids are `call-…` / `put-…`); the strike column names no side and picks nothing.
 */
export function chainPick(symbol: string, row: ChainRow | undefined, colId: string): ChainPick | null {
  const right = colId.startsWith('call-') ? 'call' : colId.startsWith('put-') ? 'put' : null;
  const contract = right && row ? row[right] : null;
  if (!right || !contract) return null;
  return { symbol, expiry: contract.expiry, strike: contract.strike, right, bid: contract.bid || null, ask: contract.ask || null };
}
