import type { SimBar } from '../../market/marketFeed';
import type { HistoricalBarView } from '../protocol/wireTypes';
import { twsDate, twsDateTime } from '../wire/twsTime';

const UNIT_SECONDS: Record<string, number> = {
  sec: 1, secs: 1, min: 60, mins: 60, hour: 3600, hours: 3600, day: 86_400, days: 86_400, week: 604_800, weeks: 604_800, month: 2_592_000, months: 2_592_000,
};
const DURATION_SECONDS: Record<string, number> = { S: 1, D: 86_400, W: 604_800, M: 2_592_000, Y: 31_536_000 };

/** "5 mins" → 300; undefined when TWS would reject the bar size. */
export function barSizeSeconds(text: string): number | undefined {
  const m = /^\s*(\d+)\s+([a-z]+)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNIT_SECONDS[m[2]!.toLowerCase()];
  return unit === undefined ? undefined : Number(m[1]) * unit;
}

/** "3600 S", "2 D" → seconds. */
export function durationSeconds(text: string): number | undefined {
  const m = /^\s*(\d+)\s+([SDWMY])\s*$/i.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * DURATION_SECONDS[m[2]!.toUpperCase()]!;
}

/** Aggregates the market's 5-second bars into bars of `seconds`, aligned to multiples of the bar size. */
export function aggregateBars(bars: SimBar[], seconds: number): SimBar[] {
  const out: SimBar[] = [];
  for (const b of bars) {
    const start = Math.floor(b.time / seconds) * seconds;
    const cur = out[out.length - 1];
    if (cur && cur.time === start) {
      cur.high = Math.max(cur.high, b.high);
      cur.low = Math.min(cur.low, b.low);
      cur.close = b.close;
      const volume = cur.volume + b.volume;
      cur.wap = volume > 0 ? (cur.wap * cur.volume + b.wap * b.volume) / volume : b.close;
      cur.volume = volume;
      cur.count += b.count;
    } else {
      out.push({ ...b, time: start });
    }
  }
  return out;
}

/** formatDate 1: "YYYYMMDD HH:mm:ss US/Eastern" (daily bars "YYYYMMDD"); 2: epoch seconds. */
export function historicalBarView(b: SimBar, formatDate: number, daily: boolean): HistoricalBarView {
  const date = formatDate === 2 ? String(b.time) : daily ? twsDate(b.time * 1000) : twsDateTime(b.time * 1000);
  const r = (n: number): number => Math.round(n * 1e4) / 1e4;
  return { date, open: b.open, high: b.high, low: b.low, close: b.close, volume: b.volume, wap: r(b.wap), count: b.count };
}
