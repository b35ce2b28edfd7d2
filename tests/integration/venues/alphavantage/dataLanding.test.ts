import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlphaVantageStreams } from '../../../../core/app/cockpit/alphaVantageStreams';
import type { SentimentArticle } from '../../../../core/market/sentiment';
import type { TechnicalSnapshot } from '../../../../core/market/technicals';
import { articleInSlot } from '../../../../core/sim/alphavantage/newsArticles';
import { mayServeNoGreeks } from '../../../../core/sim/alphavantage/vendorGreekFlaws';
import type { AlphaVantageIngestModule } from '../../../../core/venues/alphavantage';
import { decodeChain, decodeGreeks } from '../../../../core/venues/alphavantage/chainColumns';
import { keys, TTL } from '../../../../core/store/keys';
import { allStored, API_KEY, firstSeen, startAvTestBed, waitFor, type AvTestBed } from './avTestBed';

type Row = Record<string, unknown>;

describe('Alpha Vantage data lands in Redis with the documented shape and the market’s numbers', () => {
  let bed: AvTestBed;
  let module: AlphaVantageIngestModule;
  let streams: AlphaVantageStreams;
  const direct = async (query: string) => (await (await fetch(`${bed.endpoint.url}/query?${query}&apikey=${API_KEY}`)).json()) as Row;

  beforeAll(async () => {
    bed = await startAvTestBed(['SPY', 'AAPL']);
    ({ module, streams } = bed.ingest({
      symbols: [{ symbol: 'SPY', etf: true, priority: true }, { symbol: 'AAPL', etf: false, priority: false }],
    }));
    await module.start();
    await waitFor(() => allStored(module), 30_000, 'every data type stored');
    await module.flush();
  });
  afterAll(() => bed?.stop());

  it('stores every contract of the chain with numbers equal to the endpoint’s', async () => {
    const chain = decodeChain(await bed.redis.client.get(keys.options.chain('SPY').key))!;
    const rows = (await direct('function=REALTIME_OPTIONS&symbol=SPY&require_greeks=true')).data as Row[];
    expect(rows.length).toBeGreaterThan(500);
    expect(chain.contracts).toHaveLength(rows.length);
    expect(chain.skipped).toBe(0);
    const stored = new Map(chain.contracts.map((c) => [c.contractId, c]));
    for (const row of rows) {
      const c = stored.get(row.contractID as string)!;
      expect(c).toBeDefined();
      expect([c.expiry, c.type]).toEqual([row.expiration, row.type]);
      const pairs: Array<[number, unknown]> = [
        [c.strike, row.strike], [c.bid, row.bid], [c.ask, row.ask], [c.last, row.last], [c.mark, row.mark], [c.bidSize, row.bid_size],
        [c.askSize, row.ask_size], [c.volume, row.volume], [c.openInterest, row.open_interest], [c.iv, row.implied_volatility],
        [c.delta, row.delta], [c.gamma, row.gamma], [c.theta, row.theta], [c.vega, row.vega], [c.rho, row.rho],
      ];
      for (const [mine, theirs] of pairs) expect(mine + 0).toBe(Number(theirs) + 0); // JSON has no -0
    }
  });

  it('agrees with the market model it was priced from', async () => {
    const chain = decodeChain(await bed.redis.client.get(keys.options.chain('SPY').key))!;
    const model = new Map(bed.market.optionChain('SPY').map((q) => [q.spec.occId, q]));
    for (const c of chain.contracts.slice(0, 200)) {
      const q = model.get(c.contractId)!;
      expect(c.strike).toBe(q.spec.strike);
      if (c.iv === 0) {
        expect(mayServeNoGreeks(c.contractId)).toBe(true); // the simulated vendor's documented gap (vendorGreekFlaws)
        continue;
      }
      expect(c.iv).toBeCloseTo(q.impliedVol, 5);
      expect(c.gamma).toBeCloseTo(q.gamma, 5);
      expect(c.openInterest).toBe(q.openInterest);
    }
  });

  it('indexes the same greeks by expiry, strike and type', async () => {
    const chain = decodeChain(await bed.redis.client.get(keys.options.chain('SPY').key))!;
    const greeks = decodeGreeks(await bed.redis.client.get(keys.options.greeks('SPY').key))!;
    for (const c of chain.contracts) {
      const g = greeks.expiries[c.expiry]![String(c.strike)]![c.type]!;
      expect([g.contractId, g.gamma, g.delta, g.openInterest]).toEqual([c.contractId, c.gamma, c.delta, c.openInterest]);
    }
  });

  it('scores a single name from its own relevance-weighted ticker sentiment, with articles newest first', async () => {
    const feed = (await direct('function=NEWS_SENTIMENT&tickers=AAPL&sort=LATEST&limit=50')).feed as Row[];
    const own = feed.map((a) => (a.ticker_sentiment as Row[]).find((t) => t.ticker === 'AAPL')!);
    const expected = own.reduce((s, t) => s + Number(t.ticker_sentiment_score) * Number(t.relevance_score), 0) / own.reduce((s, t) => s + Number(t.relevance_score), 0);
    const score = await bed.redis.client.hgetall(keys.sentiment.score('AAPL').key);
    expect(Number(score.score)).toBeCloseTo(expected, 10);
    expect(Number(score.articles)).toBe(feed.length);
    const counted = ['bullish', 'somewhatBullish', 'neutral', 'somewhatBearish', 'bearish'].reduce((s, f) => s + Number(score[f]), 0);
    expect(counted).toBe(feed.length);
    const articles = (await bed.redis.client.lrange(keys.sentiment.articles('AAPL').key, 0, -1)).map((a) => JSON.parse(a) as Row);
    expect(articles.map((a) => a.url)).toEqual(feed.map((a) => a.url));
    expect(articles[0]).toMatchObject({ title: feed[0]!.title, tickerScore: Number(own[0]!.ticker_sentiment_score) });
  });

  it('stores each article at the instant it was published, in UTC epoch ms, whatever the machine’s zone', async () => {
    const articles = (await bed.redis.client.lrange(keys.sentiment.articles('AAPL').key, 0, -1)).map((a) => JSON.parse(a) as SentimentArticle);
    expect(articles.length).toBeGreaterThan(5);
    for (const stored of articles) {
      // The simulated feed's own record of the article: the instant it generated it for (seed, ticker, 2-hour slot).
      const slot = Number(/-(\d+)$/.exec(stored.url)![1]);
      const truth = articleInSlot(1, 'AAPL', slot, ['AAPL'])!;
      expect(stored.publishedAt).toBe(truth.ts);
      expect(stored.timePublished).toBe(new Date(truth.ts).toISOString().slice(0, 19).replace(/[-:]/g, ''));
    }
    expect(Math.max(...articles.map((a) => a.publishedAt))).toBeLessThanOrEqual(bed.market.now());
  });

  it('asks no sentiment for an ETF', async () => {
    expect(await bed.redis.client.exists(keys.sentiment.score('SPY').key)).toBe(0);
    expect(bed.endpoint.callCounts().NEWS_SENTIMENT).toBe(2); // AAPL by the module, AAPL by this test
  });

  it('stores each indicator’s series with its latest value and interpretation', async () => {
    const raw = await direct('function=RSI&symbol=SPY&interval=5min&time_period=14&series_type=close&entitlement=realtime');
    const series = raw['Technical Analysis: RSI'] as Record<string, Row>;
    const [newestTime, newest] = Object.entries(series)[0]!;
    const rsi = JSON.parse((await bed.redis.client.get(keys.technicals.indicator('SPY', 'rsi').key))!) as TechnicalSnapshot;
    expect(rsi.latest).toMatchObject({ time: newestTime, values: { rsi: Number(newest.RSI) } });
    expect(rsi.series.length).toBe(200);
    expect(['overbought', 'oversold', 'neutral']).toContain(rsi.interpretation.signal);
    for (const indicator of ['macd', 'bbands', 'atr'] as const) {
      const t = JSON.parse((await bed.redis.client.get(keys.technicals.indicator('AAPL', indicator).key))!) as TechnicalSnapshot;
      expect(t.interval).toBe('5min');
      expect(Object.values(t.latest.values).every(Number.isFinite)).toBe(true);
    }
  });

  it('gives every key its TTL from keys.ts', async () => {
    const ttl = (key: string) => bed.redis.client.ttl(key);
    expect(await ttl(keys.options.chain('SPY').key)).toBeGreaterThan(TTL.options - 60);
    expect(await ttl(keys.sentiment.articles('AAPL').key)).toBeGreaterThan(TTL.sentiment - 60);
    expect(await ttl(keys.technicals.indicator('SPY', 'atr').key)).toBeGreaterThan(TTL.technicals - 60);
  });

  it('writes budget, last success and freshness to monitoring', async () => {
    const calls = await bed.redis.client.hgetall(keys.monitoring.alphaVantage('calls').key);
    expect(Number(calls.used)).toBe(2 + 1 + 8);
    expect(Number(calls.left)).toBe(590 - 11);
    expect([calls.options, calls.sentiment, calls.technicals].map(Number)).toEqual([2, 1, 8]);
    const lastSuccess = await bed.redis.client.hgetall(keys.monitoring.alphaVantage('last_success').key);
    expect(Object.keys(lastSuccess).sort()).toEqual(
      ['AAPL:atr', 'AAPL:bbands', 'AAPL:macd', 'AAPL:options', 'AAPL:rsi', 'AAPL:sentiment', 'SPY:atr', 'SPY:bbands', 'SPY:macd', 'SPY:options', 'SPY:rsi'],
    );
    const stale = JSON.parse((await bed.redis.client.hget(keys.monitoring.dataStale.key, 'SPY:options'))!) as Row;
    expect(stale).toMatchObject({ stale: false, source: 'alphavantage', maxAgeMs: 120_000 });
    const validation = JSON.parse((await bed.redis.client.hget(keys.monitoring.alphaVantage('validation').key, 'SPY:options'))!) as Row;
    expect(validation).toMatchObject({ skipped: 0, reasons: {} });
    expect(validation.total).toBeGreaterThan(500);
  });

  it('publishes the latest chain, sentiment, technicals and its status on the bus, where the cockpit streams hear them', async () => {
    const stored = decodeChain(await bed.redis.client.get(keys.options.chain('SPY').key))!;
    expect(await firstSeen(streams.chain('SPY'))).toEqual({ ...stored, session: 'realtime' }); // read back from Redis for its watcher
    expect(stored.contracts.length).toBeGreaterThan(500);
    expect(streams.sentiment('AAPL').current?.score.symbol).toBe('AAPL');
    expect(Object.keys(streams.technicals('SPY').current ?? {}).sort()).toEqual(['atr', 'bbands', 'macd', 'rsi']);
    expect(streams.status.current?.budget.used).toBe(11);
  });

  it('shows its budget, errors and staleness in the Health panel detail', () => {
    expect(module.detail()).toMatchObject({ callsUsed: 11, callsLeft: 579, optionsCalls: 2, sentimentCalls: 1, technicalsCalls: 8, errors: 0, stale: 0 });
  });

  it('after a restart, fetches nothing that is still fresh and shows the stored data at once', async () => {
    await module.stop();
    const callsBefore = { ...bed.endpoint.callCounts() };
    const { module: restarted, streams: restartedStreams } = bed.ingest({
      symbols: [{ symbol: 'SPY', etf: true, priority: true }, { symbol: 'AAPL', etf: false, priority: false }],
    });
    await restarted.start();
    const stored = decodeChain(await bed.redis.client.get(keys.options.chain('SPY').key))!;
    expect(await firstSeen(restartedStreams.chain('SPY'))).toEqual(stored);
    expect(restartedStreams.sentiment('AAPL').current?.articles.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bed.endpoint.callCounts()).toEqual(callsBefore);
    await restarted.stop();
  });
});
