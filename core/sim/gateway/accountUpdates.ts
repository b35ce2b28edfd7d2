import {
  encodeAccountSummary,
  encodeAccountUpdateMulti,
  encodeAccountUpdateTime,
  encodeAccountValue,
  encodePortfolioValue,
  encodePosition,
} from './encoders/accountEncoders';
import type { GatewayContext } from './session/gatewayContext';
import { type AccountValue, accountValues, selectTags } from './session/handlers/accountValues';
import type { Session } from './session/session';
import { twsClock } from './wire/twsTime';

/** TWS refreshes account values and portfolio rows every three minutes (and at once when a position changes). */
export const ACCOUNT_UPDATE_INTERVAL_MS = 180_000;

/** A summary or multi-account subscription: which tags it asked for and what it was last sent. */
export interface AccountStream {
  tags: string;
  modelCode: string;
  last: Map<string, string>;
}

/**
 * Keeps account subscribers current as fills and prices move the account, as TWS does: every three minutes of
 * market time, and at once when a position changes. reqAccountUpdates gets the values that changed, the portfolio
 * rows (all of them on the clock, the changed contract's on a fill) and the update time; reqAccountSummary and
 * reqAccountUpdatesMulti get the values that changed; reqPositions gets the changed position.
 */
export class AccountUpdates {
  private nextAt: number;

  constructor(
    private readonly ctx: () => GatewayContext,
    now: number,
  ) {
    this.nextAt = now + ACCOUNT_UPDATE_INTERVAL_MS;
  }

  /** Called on market activity: publishes when the three-minute interval has passed on the market clock. */
  onClock(now: number): void {
    if (now < this.nextAt) return;
    this.nextAt = now + ACCOUNT_UPDATE_INTERVAL_MS;
    this.publish(undefined);
  }

  positionChanged(conId: number): void {
    this.publish(conId);
  }

  /** `changed` limits the portfolio rows and positions to one contract. */
  private publish(changed: number | undefined): void {
    const ctx = this.ctx();
    const sessions = [...ctx.sessions].filter((s) => s.started);
    if (sessions.length === 0) return;
    const values = accountValues(ctx.portfolio);
    const account = ctx.portfolio.account;
    const rows = ctx.portfolio.portfolio().filter((p) => changed === undefined || p.contract.conId === changed);
    const position = changed === undefined ? undefined : ctx.portfolio.position(changed);
    for (const s of sessions) {
      if (s.subs.positions && position) s.send(encodePosition, position);
      const stream = s.subs.accountUpdates;
      if (stream) {
        for (const v of changedValues(stream, values)) s.send(encodeAccountValue, { key: v.tag, value: v.value, currency: v.currency, account });
        for (const p of rows) s.send(encodePortfolioValue, p);
        s.send(encodeAccountUpdateTime, twsClock(ctx.feed.now()));
      }
      this.publishStreams(s, values, account);
    }
  }

  private publishStreams(s: Session, values: AccountValue[], account: string): void {
    for (const { reqId, handle } of s.subs.handles<AccountStream>('summary')) {
      for (const v of changedValues(handle, values)) s.send(encodeAccountSummary, { reqId, account, tag: v.tag, value: v.value, currency: v.currency });
    }
    for (const { reqId, handle } of s.subs.handles<AccountStream>('accountMulti')) {
      for (const v of changedValues(handle, values)) {
        s.send(encodeAccountUpdateMulti, { reqId, account, modelCode: handle.modelCode, key: v.tag, value: v.value, currency: v.currency });
      }
    }
  }
}

/** The stream's tags whose value differs from what it was last sent (and remembers the new values). */
export function changedValues(stream: AccountStream, values: AccountValue[]): AccountValue[] {
  const out: AccountValue[] = [];
  for (const v of selectTags(values, stream.tags)) {
    if (stream.last.get(v.tag) === v.value) continue;
    stream.last.set(v.tag, v.value);
    out.push(v);
  }
  return out;
}
