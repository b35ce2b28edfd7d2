import type { SimBar } from './marketFeed';
import { etDate, etToUtc } from '../../market/newYorkTime';

/** Merges consecutive bars into bars of `seconds`, aligned to multiples of `seconds` since the epoch. */
export function aggregateBars(bars: readonly SimBar[], seconds: number): SimBar[] {
  const out: SimBar[] = [];
  let current: SimBar | undefined;
  let notional = 0;
  for (const b of bars) {
    const start = Math.floor(b.time / seconds) * seconds;
    if (!current || current.time !== start) {
      if (current) out.push(finish(current, notional));
      current = { ...b, time: start };
      notional = b.wap * b.volume;
      continue;
    }
    current.high = Math.max(current.high, b.high);
    current.low = Math.min(current.low, b.low);
    current.close = b.close;
    current.volume += b.volume;
    current.count += b.count;
    notional += b.wap * b.volume;
  }
  if (current) out.push(finish(current, notional));
  return out;
}

function finish(bar: SimBar, notional: number): SimBar {
  return { ...bar, wap: bar.volume > 0 ? notional / bar.volume : bar.close };
}

/** Merges intraday bars into one bar per New York date, timed at that date's 09:30 open. */
export function dailyFromIntraday(bars: readonly SimBar[]): SimBar[] {
  const out: SimBar[] = [];
  let boundary = -Infinity;
  let group: SimBar[] = [];
  let dayStart = 0;
  for (const b of bars) {
    if (b.time * 1000 >= boundary) {
      if (group.length > 0) out.push(...aggregateBars(group, Number.MAX_SAFE_INTEGER).map((d) => ({ ...d, time: dayStart })));
      const date = etDate(b.time * 1000);
      dayStart = etToUtc(date, 9, 30) / 1000;
      boundary = etToUtc(date, 24);
      group = [];
    }
    group.push(b);
  }
  if (group.length > 0) out.push(...aggregateBars(group, Number.MAX_SAFE_INTEGER).map((d) => ({ ...d, time: dayStart })));
  return out;
}
