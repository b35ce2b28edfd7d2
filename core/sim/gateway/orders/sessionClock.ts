import { addDays, etDate, isWeekday } from '../../../market/newYorkTime';
import { AFTER_HOURS_CLOSE, atMinute, CLOSE, OPEN, PRE_OPEN } from './tradingHours';

export type SessionEventKind = 'preOpen' | 'open' | 'close' | 'afterHoursClose';

export interface SessionEvent {
  kind: SessionEventKind;
  ts: number;
}

const BOUNDARIES: Array<[SessionEventKind, number]> = [
  ['preOpen', PRE_OPEN],
  ['open', OPEN],
  ['close', CLOSE],
  ['afterHoursClose', AFTER_HOURS_CLOSE],
];

const NONE: readonly SessionEvent[] = [];

/** The weekday session boundaries strictly after ts, in order, up to a week ahead. */
function boundariesAfter(ts: number): SessionEvent[] {
  const out: SessionEvent[] = [];
  for (let d = 0, date = etDate(ts); d < 8; d++, date = addDays(date, 1)) {
    if (!isWeekday(date)) continue;
    for (const [kind, minute] of BOUNDARIES) {
      const at = atMinute(date, minute);
      if (at > ts) out.push({ kind, ts: at });
    }
    if (out.length > 0) return out;
  }
  return out;
}

/**
 * Watches the market clock (which may jump ahead in tests) and reports each session boundary it passed, so the
 * order engine can open, run the close auction and expire day orders as the clock moves.
 */
export class SessionClock {
  private pending: SessionEvent[];

  constructor(now: number) {
    this.pending = boundariesAfter(now);
  }

  /** The boundaries passed since the last call, oldest first. */
  passed(now: number): readonly SessionEvent[] {
    if (!(this.pending[0]!.ts <= now)) return NONE; // the hot path: called on every quote and trade
    const out: SessionEvent[] = [];
    for (;;) {
      const next = this.pending[0];
      if (!next || next.ts > now) return out;
      out.push(next);
      this.pending.shift();
      if (this.pending.length === 0) this.pending = boundariesAfter(next.ts);
    }
  }
}
