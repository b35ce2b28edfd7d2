import { type Instrument, symbolOf } from '../../contracts/catalog';
import { ERR } from '../../protocol/errorCodes';
import type { ContractQuery } from '../../requests/requestTypes';
import type { Session } from '../session';

/** The one instrument a request names, or error 200 to the client (also when the unknownSymbols fault lists it). */
export function resolveOrReject(s: Session, reqId: number, q: ContractQuery): Instrument | undefined {
  const i = s.ctx.catalog.resolve(q);
  if (!i || s.ctx.faults.isUnknown(symbolOf(i))) {
    s.ctx.stats.rejectedRequests++;
    s.error(reqId, ERR.NO_SECURITY_DEF);
    return undefined;
  }
  return i;
}

export function reject(s: Session, reqId: number, code: number, message?: string): void {
  s.ctx.stats.rejectedRequests++;
  s.error(reqId, code, message);
}
