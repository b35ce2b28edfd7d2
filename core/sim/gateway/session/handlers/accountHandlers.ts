import {
  encodeAccountDownloadEnd,
  encodeAccountSummary,
  encodeAccountSummaryEnd,
  encodeAccountUpdateMulti,
  encodeAccountUpdateMultiEnd,
  encodeAccountUpdateTime,
  encodeAccountValue,
  encodePortfolioValue,
  encodePosition,
  encodePositionEnd,
} from '../../encoders/accountEncoders';
import { encodeCurrentTime, encodeManagedAccounts } from '../../encoders/systemEncoders';
import type { Request } from '../../requests/requestTypes';
import { twsClock } from '../../wire/twsTime';
import type { Session } from '../session';
import { type AccountStream, changedValues } from '../../accountUpdates';
import { accountValues } from './accountValues';

type Req<K extends Request['type']> = Extract<Request, { type: K }>;

export function reqPositions(s: Session): void {
  s.subs.positions = true;
  for (const p of s.ctx.portfolio.positions()) s.send(encodePosition, p);
  s.send(encodePositionEnd, undefined);
}

export function cancelPositions(s: Session): void {
  s.subs.positions = false;
}

/** The selected tags now, then the ones that change as fills and prices move the account (accountUpdates.ts). */
export function reqAccountSummary(s: Session, r: Req<'reqAccountSummary'>): void {
  const account = s.ctx.portfolio.account;
  const stream: AccountStream = { tags: r.tags, modelCode: '', last: new Map() };
  for (const v of changedValues(stream, accountValues(s.ctx.portfolio))) {
    s.send(encodeAccountSummary, { reqId: r.reqId, account, tag: v.tag, value: v.value, currency: v.currency });
  }
  s.send(encodeAccountSummaryEnd, r.reqId);
  s.subs.add('summary', r.reqId, stream, () => undefined);
}

export function cancelAccountSummary(s: Session, r: Req<'cancelAccountSummary'>): void {
  s.subs.remove('summary', r.reqId);
}

/** The full account download: values, portfolio, update time, then ACCT_DOWNLOAD_END. */
function sendAccountDownload(s: Session, stream: AccountStream): void {
  const account = s.ctx.portfolio.account;
  for (const v of changedValues(stream, accountValues(s.ctx.portfolio))) s.send(encodeAccountValue, { key: v.tag, value: v.value, currency: v.currency, account });
  for (const p of s.ctx.portfolio.portfolio()) s.send(encodePortfolioValue, p);
  s.send(encodeAccountUpdateTime, twsClock(s.ctx.feed.now()));
  s.send(encodeAccountDownloadEnd, account);
}

export function reqAccountUpdates(s: Session, r: Req<'reqAccountUpdates'>): void {
  s.subs.accountUpdates = r.subscribe ? { tags: 'All', modelCode: '', last: new Map() } : undefined;
  if (s.subs.accountUpdates) sendAccountDownload(s, s.subs.accountUpdates);
}

export function reqAccountUpdatesMulti(s: Session, r: Req<'reqAccountUpdatesMulti'>): void {
  const account = s.ctx.portfolio.account;
  const stream: AccountStream = { tags: 'All', modelCode: r.modelCode, last: new Map() };
  for (const v of changedValues(stream, accountValues(s.ctx.portfolio))) {
    s.send(encodeAccountUpdateMulti, { reqId: r.reqId, account, modelCode: r.modelCode, key: v.tag, value: v.value, currency: v.currency });
  }
  s.send(encodeAccountUpdateMultiEnd, r.reqId);
  s.subs.add('accountMulti', r.reqId, stream, () => undefined);
}

export function cancelAccountUpdatesMulti(s: Session, r: Req<'cancelAccountUpdatesMulti'>): void {
  s.subs.remove('accountMulti', r.reqId);
}

export function reqCurrentTime(s: Session): void {
  s.send(encodeCurrentTime, Math.floor(s.ctx.feed.now() / 1000));
}

export function reqManagedAccts(s: Session): void {
  s.send(encodeManagedAccounts, s.ctx.accounts);
}
