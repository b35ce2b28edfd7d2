import { aggregateBars, dailyFromIntraday } from '../market/barSeries';
import type { SimBar, MarketFeed } from '../market/marketFeed';
import { etDate } from '../../market/newYorkTime';

export const INTRADAY_INTERVALS = { '1min': 60, '5min': 300, '15min': 900, '30min': 1800, '60min': 3600 } as const;
export type IntradayInterval = keyof typeof INTRADAY_INTERVALS;
export const ALL_INTERVALS = [...Object.keys(INTRADAY_INTERVALS), 'daily', 'weekly', 'monthly'] as const;
export type Interval = (typeof ALL_INTERVALS)[number];

const LIVE_BARS = 20_000;

/** Bars of an Alpha Vantage interval from a feed, oldest first; feeds without history get their live bars. */
export function barsFor(feed: MarketFeed, symbol: string, interval: Interval, count: number): SimBar[] {
  if (interval === 'weekly' || interval === 'monthly') {
    const daily = barsFor(feed, symbol, 'daily', count * (interval === 'weekly' ? 5 : 22) + 22);
    return groupDaily(daily, interval).slice(-count);
  }
  const seconds = interval === 'daily' ? 86_400 : INTRADAY_INTERVALS[interval as IntradayInterval];
  if (feed.historicalBars) return feed.historicalBars(symbol, seconds, count);
  const live = feed.bars(symbol, LIVE_BARS);
  return (seconds === 86_400 ? dailyFromIntraday(live) : aggregateBars(live, seconds)).slice(-count);
}

/** Weekly bars keyed by the week's last session, monthly by the month's last session (as Alpha Vantage labels them). */
function groupDaily(daily: SimBar[], interval: 'weekly' | 'monthly'): SimBar[] {
  const out: SimBar[] = [];
  let key = '';
  for (const d of daily) {
    const date = etDate(d.time * 1000);
    const k = interval === 'monthly' ? date.slice(0, 7) : String(Math.floor((d.time / 86_400 + 3) / 7));
    const last = out.at(-1);
    if (k !== key || !last) {
      out.push({ ...d });
      key = k;
      continue;
    }
    last.time = d.time;
    last.high = Math.max(last.high, d.high);
    last.low = Math.min(last.low, d.low);
    last.close = d.close;
    last.volume += d.volume;
    last.count += d.count;
  }
  return out;
}
