import { ATR, BollingerBands, EMA, MACD, RSI } from 'trading-signals';
import type { SimBar } from '../market/marketFeed';
import { etDate } from '../../market/newYorkTime';
import { fixed, intradayKey } from './avFormat';
import { ALL_INTERVALS, barsFor, INTRADAY_INTERVALS, type Interval, type IntradayInterval } from './barSource';
import { barsBehind, intradayWindow, withinWindow } from './intradayEntitlement';
import { knownSymbol, oneOf, positiveInt, positiveNumber, type Query } from './query';

const SERIES_TYPES = ['close', 'open', 'high', 'low'] as const;
type SeriesType = (typeof SERIES_TYPES)[number];
/** Enough bars for the longest look-back to settle and a long series to come out. */
const BARS = 1200;

interface Point {
  time: number;
  values: Record<string, string>;
}

function isIntraday(interval: Interval): boolean {
  return interval.endsWith('min');
}

/** Series keys: 'YYYY-MM-DD HH:MM' intraday, 'YYYY-MM-DD' otherwise; newest first. */
function toSeries(points: Point[], interval: Interval): Record<string, Record<string, string>> {
  const series: Record<string, Record<string, string>> = {};
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i] as Point;
    series[isIntraday(interval) ? intradayKey(p.time).slice(0, 16) : etDate(p.time * 1000)] = p.values;
  }
  return series;
}

function lastRefreshed(points: Point[], interval: Interval): string {
  const last = points.at(-1);
  if (!last) return '';
  return isIntraday(interval) ? intradayKey(last.time) : etDate(last.time * 1000);
}

function price(bar: SimBar, type: SeriesType): number {
  return bar[type];
}

/** The bars an indicator is computed from; intraday ones as far as the caller's `entitlement` and plan allow. */
function common(q: Query, intervals: readonly Interval[] = ALL_INTERVALS): { symbol: string; interval: Interval; bars: SimBar[] } {
  const symbol = knownSymbol(q);
  const interval = oneOf(q, 'interval', intervals);
  if (!isIntraday(interval)) return { symbol, interval, bars: barsFor(q.feed, symbol, interval, BARS) };
  const seconds = INTRADAY_INTERVALS[interval as IntradayInterval];
  const window = intradayWindow(q);
  const bars = barsFor(q.feed, symbol, interval, BARS + barsBehind(window, q.feed.now(), seconds));
  return { symbol, interval, bars: withinWindow(bars, window, seconds) };
}

function respond(name: string, meta: Record<string, unknown>, points: Point[], interval: Interval): unknown {
  const numbered = Object.fromEntries(
    Object.entries(meta).map(([k, v]) => [k, v === LAST_REFRESHED ? lastRefreshed(points, interval) : v === TIME_ZONE ? timeZone(interval) : v]),
  );
  return { 'Meta Data': numbered, [`Technical Analysis: ${name}`]: toSeries(points, interval) };
}

const LAST_REFRESHED = Symbol('last refreshed');
const TIME_ZONE = Symbol('time zone');

/** Intraday answers name the zone `US/Eastern`; daily and longer ones `US/Eastern Time`. */
function timeZone(interval: Interval): string {
  return isIntraday(interval) ? 'US/Eastern' : 'US/Eastern Time';
}

export function rsiQuery(q: Query): unknown {
  const { symbol, interval, bars } = common(q);
  const period = positiveInt(q, 'time_period');
  const series = oneOf(q, 'series_type', SERIES_TYPES);
  const rsi = new RSI(period);
  const points: Point[] = [];
  for (const b of bars) {
    const v = rsi.add(price(b, series));
    if (v !== null) points.push({ time: b.time, values: { RSI: fixed(v, 4) } });
  }
  return respond('RSI', {
    '1: Symbol': symbol, '2: Indicator': 'Relative Strength Index (RSI)', '3: Last Refreshed': LAST_REFRESHED,
    '4: Interval': interval, '5: Time Period': period, '6: Series Type': series, '7: Time Zone': TIME_ZONE,
  }, points, interval);
}

export function macdQuery(q: Query): unknown {
  const { symbol, interval, bars } = common(q);
  const fast = positiveInt(q, 'fastperiod', 12);
  const slow = positiveInt(q, 'slowperiod', 26);
  const signal = positiveInt(q, 'signalperiod', 9);
  const series = oneOf(q, 'series_type', SERIES_TYPES);
  const macd = new MACD(new EMA(fast), new EMA(slow), new EMA(signal));
  const points: Point[] = [];
  for (const b of bars) {
    const v = macd.add(price(b, series));
    if (v !== null) points.push({ time: b.time, values: { MACD: fixed(v.macd, 4), MACD_Hist: fixed(v.histogram, 4), MACD_Signal: fixed(v.signal, 4) } });
  }
  return respond('MACD', {
    '1: Symbol': symbol, '2: Indicator': 'Moving Average Convergence/Divergence (MACD)', '3: Last Refreshed': LAST_REFRESHED,
    '4: Interval': interval, '5.1: Fast Period': fast, '5.2: Slow Period': slow, '5.3: Signal Period': signal,
    '6: Series Type': series, '7: Time Zone': TIME_ZONE,
  }, points, interval);
}

export function bbandsQuery(q: Query): unknown {
  const { symbol, interval, bars } = common(q);
  const period = positiveInt(q, 'time_period');
  const series = oneOf(q, 'series_type', SERIES_TYPES);
  const up = positiveNumber(q, 'nbdevup', 2);
  const down = positiveNumber(q, 'nbdevdn', 2);
  // One standard deviation from the library, scaled per side (Alpha Vantage allows different multipliers).
  const bands = new BollingerBands(period, 1);
  const points: Point[] = [];
  for (const b of bars) {
    const v = bands.add(price(b, series));
    if (v === null) continue;
    const sd = v.upper - v.middle;
    points.push({ time: b.time, values: { 'Real Upper Band': fixed(v.middle + up * sd, 4), 'Real Middle Band': fixed(v.middle, 4), 'Real Lower Band': fixed(v.middle - down * sd, 4) } });
  }
  return respond('BBANDS', {
    '1: Symbol': symbol, '2: Indicator': 'Bollinger Bands (BBANDS)', '3: Last Refreshed': LAST_REFRESHED, '4: Interval': interval,
    '5: Time Period': period, '6.1: Deviation multiplier for upper band': up, '6.2: Deviation multiplier for lower band': down,
    '6.3: MA Type': 0, '7: Series Type': series, '8: Time Zone': TIME_ZONE,
  }, points, interval);
}

export function atrQuery(q: Query): unknown {
  const { symbol, interval, bars } = common(q);
  const period = positiveInt(q, 'time_period');
  const atr = new ATR(period);
  const points: Point[] = [];
  for (const b of bars) {
    const v = atr.add({ high: b.high, low: b.low, close: b.close });
    if (v !== null) points.push({ time: b.time, values: { ATR: fixed(v, 4) } });
  }
  return respond('ATR', {
    '1: Symbol': symbol, '2: Indicator': 'Average True Range (ATR)', '3: Last Refreshed': LAST_REFRESHED,
    '4: Interval': interval, '5: Time Period': period, '6: Time Zone': TIME_ZONE,
  }, points, interval);
}

/**
 * VWAP (premium): the volume-weighted average of each bar's typical price, from the New York session's first bar;
 * intraday intervals only, as on the real service.
 */
export function vwapQuery(q: Query): unknown {
  const { symbol, interval, bars } = common(q, Object.keys(INTRADAY_INTERVALS) as Interval[]);
  const points: Point[] = [];
  let day = '';
  let notional = 0;
  let volume = 0;
  for (const b of bars) {
    const date = etDate(b.time * 1000);
    if (date !== day) [day, notional, volume] = [date, 0, 0];
    notional += ((b.high + b.low + b.close) / 3) * b.volume;
    volume += b.volume;
    if (volume > 0) points.push({ time: b.time, values: { VWAP: fixed(notional / volume, 4) } });
  }
  return respond('VWAP', {
    '1: Symbol': symbol, '2: Indicator': 'Volume Weighted Average Price (VWAP)', '3: Last Refreshed': LAST_REFRESHED,
    '4: Interval': interval, '5: Time Zone': TIME_ZONE,
  }, points, interval);
}
