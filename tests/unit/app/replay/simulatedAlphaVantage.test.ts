import { describe, expect, it } from 'vitest';
import { SimulatedAlphaVantage } from '../../../../core/app/replay/simulatedAlphaVantage';
import { createMarketModel } from '../../../../core/sim/market/marketModel';
import type { ReplayEvent } from '../../../../core/sim/replay';

const OPTIONS = { symbols: ['SPY', 'AAPL'], technicalsEveryMs: 5 * 60_000, sentimentEveryMs: 15 * 60_000, entitlement: 'realtime' as const };

/** 16 minutes of the seeded market, asking for what is due every second as the replay's source does each step. */
function refreshes(seed: number): ReplayEvent[] {
  const model = createMarketModel({ seed, symbols: ['SPY', 'AAPL', 'MSFT'] });
  const alphaVantage = new SimulatedAlphaVantage(model, { ...OPTIONS, seed });
  const events: ReplayEvent[] = [];
  for (let second = 0; second <= 16 * 60; second++) {
    events.push(...alphaVantage.due());
    model.advance(1_000);
  }
  return events;
}

describe('technicals and news for the seeded simulated market', () => {
  const events = refreshes(11);

  it('refreshes the asked symbols’ four indicators as often as the engine does, and news for single names only', () => {
    const start = events[0]!.t;
    const technicals = events.filter((e) => e.type === 'technicals');
    expect(new Set(technicals.map((e) => e.t - start))).toEqual(new Set([0, 300_000, 600_000, 900_000]));
    expect(technicals.filter((e) => e.t === start).map((e) => `${e.data.symbol} ${e.data.indicator}`)).toEqual([
      'SPY rsi', 'SPY macd', 'SPY bbands', 'SPY atr', 'AAPL rsi', 'AAPL macd', 'AAPL bbands', 'AAPL atr',
    ]);
    const news = events.filter((e) => e.type === 'sentiment');
    expect(news.map((e) => [e.t - start, e.data.score.symbol])).toEqual([[0, 'AAPL'], [900_000, 'AAPL']]);
    expect(news[0]!.type === 'sentiment' && news[0]!.data.score.articles).toBeGreaterThan(0);
  });

  it('serves realtime five-minute series: the newest point at most one bar old, judged current', () => {
    for (const e of events) {
      if (e.type !== 'technicals') continue;
      expect(e.data).toMatchObject({ interval: '5min', asOf: e.t, timeliness: 'current' });
      expect(e.t - e.data.latest.ts).toBeLessThanOrEqual(5 * 60_000);
    }
    const macd = events.find((e) => e.type === 'technicals' && e.data.indicator === 'macd');
    expect(macd?.type === 'technicals' && Object.keys(macd.data.latest.values).sort()).toEqual(['histogram', 'macd', 'signal']);
  });

  it('gives the same snapshots for the same seed, and other news for another', () => {
    expect(refreshes(11)).toEqual(events);
    const newsOf = (list: ReplayEvent[]) => list.flatMap((e) => (e.type === 'sentiment' ? [e.data.articles.map((a) => a.title)] : []));
    expect(newsOf(refreshes(12))).not.toEqual(newsOf(events));
  });
});
