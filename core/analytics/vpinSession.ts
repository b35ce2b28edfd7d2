import { nyseSession } from '../market/marketCalendar';

/**
 * What a print's time says about its session: outside the regular session (pre-market, after hours, a weekend or
 * holiday, or a late print of a past session), in the session of the previous print, or the first of a new session.
 */
export type SessionCheck = 'outside' | 'same' | 'new';

/**
 * The NYSE regular session a print falls in, for VPIN: the session's bounds are kept, so a print inside them costs two
 * comparisons; only a print outside them asks the calendar (itself cached by minute).
 */
export class RegularSessionGate {
  private open = 0;
  private close = 0;

  check(ts: number): SessionCheck {
    if (ts >= this.open && ts < this.close) return 'same';
    const session = nyseSession(ts);
    if (!session || ts < session.open || ts >= session.close || session.open < this.open) return 'outside';
    this.open = session.open;
    this.close = session.close;
    return 'new';
  }
}
