import { symbolOf } from '../../contracts/catalog';
import { contractDetailsOf, secDefRows } from '../../contracts/contractDetails';
import { encodeContractData, encodeContractDataEnd, encodeSecDefOptParam, encodeSecDefOptParamEnd } from '../../encoders/contractEncoders';
import { ERR } from '../../protocol/errorCodes';
import type { Request } from '../../requests/requestTypes';
import type { Session } from '../session';
import { reject } from './resolve';

type Req<K extends Request['type']> = Extract<Request, { type: K }>;

export function reqContractDetails(s: Session, r: Req<'reqContractDetails'>): void {
  const { ctx } = s;
  const found = ctx.catalog.find(r.contract).filter((i) => !ctx.faults.isUnknown(symbolOf(i)));
  if (found.length === 0) return reject(s, r.reqId, ERR.NO_SECURITY_DEF);
  for (const i of found) s.send(encodeContractData, { reqId: r.reqId, details: contractDetailsOf(i, ctx.feed) });
  s.send(encodeContractDataEnd, r.reqId);
}

export function reqSecDefOptParams(s: Session, r: Req<'reqSecDefOptParams'>): void {
  const { ctx } = s;
  const und = ctx.feed.symbol(r.symbol.toUpperCase());
  if (!und || ctx.faults.isUnknown(und.symbol) || (r.underlyingConId > 0 && r.underlyingConId !== und.conId)) {
    return reject(s, r.reqId, ERR.NO_SECURITY_DEF);
  }
  for (const row of secDefRows(ctx.feed, und.symbol)) s.send(encodeSecDefOptParam, { reqId: r.reqId, row });
  s.send(encodeSecDefOptParamEnd, r.reqId);
}
