import { etDate } from '../../market/newYorkTime';
import { fixed, integer, intradayKey } from './avFormat';
import { barsFor, INTRADAY_INTERVALS, type IntradayInterval } from './barSource';
import { barsBehind, intradayWindow, withinWindow, type IntradayWindow } from './intradayEntitlement';
import { knownSymbol, oneOf, type Query } from './query';

/** The price the caller may see: the last print in real time, else the close of the last bar the window allows. */
function visiblePrice(q: Query, symbol: string, window: IntradayWindow): number | undefined {
  if (window.mode === 'realtime') return q.feed.quote(symbol)?.last;
  const minutes = barsFor(q.feed, symbol, '1min', barsBehind(window, q.feed.now(), 60) + 1);
  return withinWindow(minutes, window, 60).at(-1)?.close;
}

/**
 * GLOBAL_QUOTE: today's open/high/low/volume from the day's bars, price from the last print. As intraday data, it
 * is live only with `entitlement=realtime`; `delayed` is 15 minutes behind and says so in its top key.
 */
export function globalQuote(q: Query): unknown {
  const symbol = knownSymbol(q);
  const window = intradayWindow(q);
  const quote = q.feed.quote(symbol);
  const today = etDate(q.feed.now());
  const days = barsFor(q.feed, symbol, 'daily', 2);
  const last = days.at(-1);
  const hasToday = last !== undefined && etDate(last.time * 1000) === today;
  const prior = hasToday ? days.at(-2) : last;
  const price = visiblePrice(q, symbol, window) ?? last?.close ?? 0;
  const previousClose = prior?.close ?? price;
  const change = price - previousClose;
  return {
    [window.mode === 'delayed' ? 'Global Quote - DATA DELAYED BY 15 MINUTES' : 'Global Quote']: {
      '01. symbol': symbol,
      '02. open': fixed(hasToday ? last.open : price, 4),
      '03. high': fixed(hasToday ? Math.max(last.high, price) : price, 4),
      '04. low': fixed(hasToday ? Math.min(last.low, price) : price, 4),
      '05. price': fixed(price, 4),
      '06. volume': integer(quote?.volume ?? (hasToday ? last.volume : 0)),
      '07. latest trading day': today,
      '08. previous close': fixed(previousClose, 4),
      '09. change': fixed(change, 4),
      '10. change percent': `${fixed(previousClose > 0 ? (100 * change) / previousClose : 0, 4)}%`,
    },
  };
}

const INTERVALS = Object.keys(INTRADAY_INTERVALS) as IntradayInterval[];

/** TIME_SERIES_INTRADAY: OHLCV bars newest first, as far as the caller's entitlement allows; compact is the latest 100. */
export function timeSeriesIntraday(q: Query): unknown {
  const symbol = knownSymbol(q);
  const interval = oneOf(q, 'interval', INTERVALS);
  const size = oneOf(q, 'outputsize', ['compact', 'full'] as const, 'compact');
  const count = size === 'compact' ? 100 : 5000;
  const seconds = INTRADAY_INTERVALS[interval];
  const window = intradayWindow(q);
  const bars = withinWindow(barsFor(q.feed, symbol, interval, count + barsBehind(window, q.feed.now(), seconds)), window, seconds).slice(-count);
  const series: Record<string, Record<string, string>> = {};
  for (let i = bars.length - 1; i >= 0; i--) {
    const b = bars[i];
    if (!b) continue;
    series[intradayKey(b.time)] = {
      '1. open': fixed(b.open, 4), '2. high': fixed(b.high, 4), '3. low': fixed(b.low, 4), '4. close': fixed(b.close, 4), '5. volume': integer(b.volume),
    };
  }
  const last = bars.at(-1);
  return {
    'Meta Data': {
      '1. Information': `Intraday (${interval}) open, high, low, close prices and volume`, '2. Symbol': symbol,
      '3. Last Refreshed': last ? intradayKey(last.time) : '', '4. Interval': interval,
      '5. Output Size': size === 'compact' ? 'Compact' : 'Full size', '6. Time Zone': 'US/Eastern',
    },
    [`Time Series (${interval})`]: series,
  };
}
