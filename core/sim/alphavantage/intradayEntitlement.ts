import type { SimBar as Bar } from '../market/marketFeed';
import { etDate, etToUtc, isWeekday, previousWeekday } from '../../market/newYorkTime';
import type { IntradayEntitlement } from './avPlan';
import { oneOf, param, type Query } from './query';

/** How current an intraday answer is: what `entitlement=` asked for and the caller's plan honours. */
export interface IntradayWindow {
  /** realtime: up to now; delayed: 15 minutes behind; end_of_day: up to the last session's close. */
  mode: IntradayEntitlement | 'end_of_day';
  /** Bars must have ended by this time (epoch ms); realtime keeps the bar still forming too. */
  cutoffMs: number;
}

export const DELAY_MS = 15 * 60_000;

/** 16:00 New York of the last weekday session that has closed by `now`. */
export function lastSessionClose(now: number): number {
  const today = etDate(now);
  const todayClose = etToUtc(today, 16);
  if (isWeekday(today) && now >= todayClose) return todayClose;
  return etToUtc(previousWeekday(today), 16);
}

/**
 * Intraday data as the real service serves it: `entitlement=realtime` or `delayed` on a plan that includes it;
 * without it (or on a plan without it) US intraday data is end-of-day, so a series silently stops at the last close.
 */
export function intradayWindow(q: Query): IntradayWindow {
  const asked = param(q, 'entitlement') === undefined ? undefined : oneOf(q, 'entitlement', ['realtime', 'delayed'] as const);
  const now = q.feed.now();
  if (asked && q.plan.intradayEntitlements.includes(asked)) {
    return asked === 'realtime' ? { mode: 'realtime', cutoffMs: now } : { mode: 'delayed', cutoffMs: now - DELAY_MS };
  }
  return { mode: 'end_of_day', cutoffMs: lastSessionClose(now) };
}

/** How many more bars of `barSeconds` to ask for so that `count` remain once the window is applied. */
export function barsBehind(window: IntradayWindow, now: number, barSeconds: number): number {
  return window.mode === 'realtime' ? 0 : Math.ceil(Math.max(0, now - window.cutoffMs) / (barSeconds * 1000)) + 1;
}

/** The bars the window allows (oldest first, as given). */
export function withinWindow(bars: Bar[], window: IntradayWindow, barSeconds: number): Bar[] {
  if (window.mode === 'realtime') return bars;
  return bars.filter((b) => (b.time + barSeconds) * 1000 <= window.cutoffMs);
}
