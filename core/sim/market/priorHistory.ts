import type { SimBar } from './marketFeed';
import { etToUtc, previousWeekday } from '../../market/newYorkTime';
import { sessionDate } from './expiries';
import { Rng, deriveSeed } from './rng';
import type { SymbolModel } from './symbols';

const MINUTES = 7 * 24 * 60;
const DAYS = 400;
const TRADING_MINUTES_PER_YEAR = 252 * 390;
/** An overnight gap is about half a day's move: the previous close is near, not at, the live market's first price. */
const OVERNIGHT_SHARE_OF_DAY = 0.5;

/**
 * The market before the model started: a week of 1-minute bars and ~18 months of daily bars per symbol,
 * walked backwards from the start price so they join the live market (daily bars across a seeded overnight gap,
 * so the previous session's close differs from the open as it does in a real market). Each symbol has its
 * own seeded stream, built on first use, so asking for history never changes the live event sequence.
 */
export class PriorHistory {
  private readonly minutes = new Map<string, SimBar[]>();
  private readonly days = new Map<string, SimBar[]>();

  constructor(private readonly seed: number, private readonly startTs: number) {}

  minuteBars(model: SymbolModel): SimBar[] {
    let bars = this.minutes.get(model.symbol);
    if (!bars) {
      const end = Math.floor(this.startTs / 60_000) * 60;
      const sigma = model.annualVol / Math.sqrt(TRADING_MINUTES_PER_YEAR);
      const times = Array.from({ length: MINUTES }, (_, i) => end - (MINUTES - i) * 60);
      bars = walkBack(model, model.startPrice, times, sigma, model.tradesPerSecond * 60 * 150, new Rng(deriveSeed(this.seed, `${model.symbol}:1min`)));
      this.minutes.set(model.symbol, bars);
    }
    return bars;
  }

  dailyBars(model: SymbolModel): SimBar[] {
    let bars = this.days.get(model.symbol);
    if (!bars) {
      const dates: string[] = [];
      let d = sessionDate(this.startTs);
      for (let i = 0; i < DAYS; i++) dates.unshift((d = previousWeekday(d)));
      const times = dates.map((date) => etToUtc(date, 9, 30) / 1000);
      const sigma = model.annualVol / Math.sqrt(252);
      const gap = new Rng(deriveSeed(this.seed, `${model.symbol}:overnight`)).normal() * sigma * OVERNIGHT_SHARE_OF_DAY;
      const previousClose = roundToCent(model.startPrice * Math.exp(-gap));
      bars = walkBack(model, previousClose, times, sigma, model.tradesPerSecond * 23_400 * 150, new Rng(deriveSeed(this.seed, `${model.symbol}:1day`)));
      this.days.set(model.symbol, bars);
    }
    return bars;
  }
}

function roundToCent(price: number): number {
  return Math.round(price * 100) / 100;
}

/** Bars at the given start times whose last close is `lastClose`. */
function walkBack(model: SymbolModel, lastClose: number, times: number[], sigma: number, meanVolume: number, rng: Rng): SimBar[] {
  const closes = new Array<number>(times.length);
  let price = lastClose;
  for (let i = times.length - 1; i >= 0; i--) {
    closes[i] = price;
    price *= Math.exp(-sigma * rng.normal());
  }
  let open = price;
  return times.map((time, i) => {
    const close = closes[i] as number;
    const high = Math.max(open, close) * (1 + Math.abs(rng.normal()) * sigma * 0.5);
    const low = Math.min(open, close) * (1 - Math.abs(rng.normal()) * sigma * 0.5);
    const volume = Math.round(meanVolume * Math.exp(0.3 * rng.normal()));
    const bar: SimBar = { symbol: model.symbol, time, open, high, low, close, volume, wap: (high + low + close) / 3, count: Math.max(1, Math.round(volume / 150)) };
    open = close;
    return bar;
  });
}
