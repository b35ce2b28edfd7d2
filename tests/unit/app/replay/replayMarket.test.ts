import { describe, expect, it } from 'vitest';
import { ReplayMarket } from '../../../../core/app/replay/replayMarket';
import { createEngineBus } from '../../../../core/bus/catalogue';
import type { Quote } from '../../../../core/market/quote';
import type { SentimentSnapshot } from '../../../../core/market/sentiment';
import type { TechnicalSnapshot } from '../../../../core/market/technicals';
import type { ReplayEvent } from '../../../../core/sim/replay';
import { sentimentSnapshot, upTechnicals } from '../../../support/alphaVantageFacts';

const quoteAt = (t: number): ReplayEvent => ({ t, type: 'quote', data: { symbol: 'SPY', bid: 590, bidSize: 3, ask: 590.02, askSize: 4, last: 590.01, lastSize: 100, volume: 1_000, halted: false, ts: t } });

describe('the replayed market on the bus', () => {
  it('gives each quote the previous close last recorded, as TWS’s tick 9 fills it in live, and none before one is', () => {
    const bus = createEngineBus();
    const quotes: Quote[] = [];
    bus.subscribe('quoteChanged', (q) => quotes.push(q));
    const market = new ReplayMarket(bus);
    market.play(quoteAt(1));
    market.play({ t: 2, type: 'previousClose', data: { symbol: 'SPY', close: 584.1 } });
    market.play(quoteAt(2));
    market.play({ t: 3, type: 'previousClose', data: { symbol: 'SPY', close: null } });
    market.play(quoteAt(3));
    expect(quotes.map((q) => q.close)).toEqual([null, 584.1, null]);
  });

  it('publishes recorded technicals and sentiment as the Alpha Vantage ingestion does', () => {
    const bus = createEngineBus();
    const technicals: TechnicalSnapshot[] = [];
    const sentiment: SentimentSnapshot[] = [];
    bus.subscribe('technicalsRefreshed', (t) => technicals.push(t));
    bus.subscribe('sentimentRefreshed', (s) => sentiment.push(s));
    const market = new ReplayMarket(bus);
    const recorded = upTechnicals('AAPL', 10, 238);
    const news = sentimentSnapshot('AAPL', -0.4, 4, 10);
    for (const data of recorded) market.play({ t: 10, type: 'technicals', data });
    market.play({ t: 10, type: 'sentiment', data: news });
    expect(technicals).toEqual(recorded);
    expect(sentiment).toEqual([news]);
  });
});
