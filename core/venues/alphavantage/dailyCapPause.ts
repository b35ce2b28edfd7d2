import { etDate, etDateTime, etToUtc } from '../../market/newYorkTime';
import { AvError } from './avError';

const DAY_MS = 86_400_000;

/**
 * When a daily allowance may have started again. Alpha Vantage does not say when its day ends, so calls resume at
 * the next midnight in New York or in UTC, whichever comes first; if the key is still capped then, the answer
 * pauses it again until the other one.
 */
export function nextDailyReset(at: number): number {
  const utcMidnight = Math.floor(at / DAY_MS) * DAY_MS + DAY_MS;
  const tomorrowInNewYork = new Date(Date.parse(`${etDate(at)}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  return Math.min(utcMidnight, etToUtc(tomorrowInNewYork, 0));
}

/** "00:00 New York (05:00 UTC)": when calls resume, in the market's zone and in UTC. */
export function describeResume(at: number): string {
  return `${etDateTime(at).slice(0, 16)} New York (${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
}

export interface DailyCapView {
  /** Epoch ms when calls resume. */
  pausedUntil: number;
  since: number;
  /** The answer that capped the key (redacted). */
  answer: string;
}

/**
 * A daily cap applies to the whole key: once an answer says the day's allowance is used up, no call goes out, for
 * any symbol or function, until the allowance may have started again. The "paused until" gate the fetcher checks
 * before every call (the limiter is not involved: a paused call never takes a permit).
 */
export class DailyCapPause {
  private state: DailyCapView | null = null;

  /** Pauses every call; answers when they resume. */
  pause(at: number, answer: string): number {
    const pausedUntil = nextDailyReset(at);
    if (!this.state || this.state.pausedUntil < pausedUntil) this.state = { pausedUntil, since: this.state?.since ?? at, answer };
    return this.state.pausedUntil;
  }

  /** A pause remembered from before a restart (monitoring), so a restarted engine does not call into the cap again. */
  restore(pausedUntil: number, answer: string, now = Date.now()): void {
    if (Number.isFinite(pausedUntil) && pausedUntil > now) this.state = { pausedUntil, since: now, answer };
  }

  /** The pause in force at `now`, or null once calls may go out again. */
  view(now = Date.now()): DailyCapView | null {
    if (this.state && now >= this.state.pausedUntil) this.state = null;
    return this.state;
  }

  /** Refuses a call while the key is paused (AvError 'paused', never sent). */
  check(call: string, now = Date.now()): void {
    const paused = this.view(now);
    if (paused) throw new AvError('paused', `${call}: not sent: Alpha Vantage's daily limit for this API key is used up; calls resume at ${describeResume(paused.pausedUntil)}`, false);
  }
}
