/**
 * What each line of a recorded-session file must hold (core/sim/replay's format: a header, then one event a line).
 * The format grows by adding event types, never by changing one, so a file written before a type existed still reads.
 */
import { z } from 'zod';
import { SENTIMENT_LABELS } from '../../market/sentiment';
import { INDICATORS } from '../../market/technicals';

const symbolSpec = z.object({
  symbol: z.string(), conId: z.number().int(), secType: z.literal('STK'), isEtf: z.boolean(), primaryExchange: z.string(),
  currency: z.literal('USD'), minTick: z.number().positive(), longName: z.string(), level2: z.boolean(),
});
export const sessionHeader = z.object({ type: z.literal('header'), format: z.literal('alphatrader-session'), version: z.literal(1), startTs: z.number(), symbols: z.array(symbolSpec) });

const quote = z.object({
  symbol: z.string(), bid: z.number(), bidSize: z.number(), ask: z.number(), askSize: z.number(), last: z.number(),
  lastSize: z.number(), volume: z.number(), halted: z.boolean(), ts: z.number(),
});
const trade = z.object({
  symbol: z.string(), price: z.number(), size: z.number(), exchange: z.string(), aggressor: z.enum(['buy', 'sell']),
  kind: z.enum(['noise', 'informed', 'sweep', 'block', 'unusual']), totalVolume: z.number(), vwap: z.number(), ts: z.number(),
});
const row = z.object({ price: z.number(), size: z.number(), exchange: z.string(), marketMaker: z.string() });
const depth = z.object({ symbol: z.string(), bids: z.array(row), asks: z.array(row), ts: z.number() });
const bar = z.object({
  symbol: z.string(), time: z.number(), open: z.number(), high: z.number(), low: z.number(), close: z.number(),
  volume: z.number(), wap: z.number(), count: z.number(),
});
const episode = z.object({
  kind: z.enum(['informed', 'sweep', 'block', 'unusual_volume', 'unusual_options', 'regime_switch', 'halt']), symbol: z.string(),
  startTs: z.number(), endTs: z.number().optional(), detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
const optionQuote = z.object({
  spec: z.object({
    conId: z.number(), underlying: z.string(), expiry: z.string(), strike: z.number(), right: z.enum(['C', 'P']),
    tradingClass: z.string(), multiplier: z.number(), occId: z.string(),
  }),
  bid: z.number(), bidSize: z.number(), ask: z.number(), askSize: z.number(), last: z.number(), mark: z.number(), volume: z.number(),
  openInterest: z.number(), impliedVol: z.number(), delta: z.number(), gamma: z.number(), theta: z.number(), vega: z.number(),
  rho: z.number(), underlyingPrice: z.number(), ts: z.number(),
});

/** The previous session's close as the venue gave it (TWS tick 9), null when the venue cleared it. */
const previousClose = z.object({ symbol: z.string(), close: z.number().positive().nullable() });

const technicalPoint = z.object({ time: z.string(), ts: z.number(), values: z.record(z.string(), z.number()) });
/** One indicator of one symbol as the engine's Alpha Vantage ingestion published it (core/market/technicals.ts). */
const technicals = z.object({
  symbol: z.string(), indicator: z.enum(INDICATORS), interval: z.string(), asOf: z.number(), lastRefreshed: z.string().nullable(),
  series: z.array(technicalPoint), latest: technicalPoint, interpretation: z.object({ signal: z.string(), text: z.string() }),
  dataAsOf: z.number().optional(), timeliness: z.enum(['current', 'delayed', 'behind', 'previous_session']).optional(),
});

const sentimentLabel = z.enum(SENTIMENT_LABELS);
const article = z.object({
  title: z.string(), url: z.string(), publishedAt: z.number(), timePublished: z.string(), authors: z.array(z.string()), summary: z.string(),
  source: z.string(), topics: z.array(z.object({ topic: z.string(), relevance: z.number() })), overallScore: z.number().nullable(),
  overallLabel: sentimentLabel.nullable(), tickerScore: z.number(), tickerLabel: sentimentLabel, tickerRelevance: z.number(),
});
/** A symbol's news sentiment as the engine's Alpha Vantage ingestion published it (core/market/sentiment.ts). */
const sentiment = z.object({
  score: z.object({
    symbol: z.string(), asOf: z.number(), score: z.number(), label: sentimentLabel, articles: z.number().int().min(0),
    distribution: z.record(sentimentLabel, z.number()),
  }),
  articles: z.array(article),
});

export const sessionEvent = z.discriminatedUnion('type', [
  z.object({ t: z.number(), type: z.literal('quote'), data: quote }),
  z.object({ t: z.number(), type: z.literal('trade'), data: trade }),
  z.object({ t: z.number(), type: z.literal('depth'), data: depth }),
  z.object({ t: z.number(), type: z.literal('bar'), data: bar }),
  z.object({ t: z.number(), type: z.literal('episode'), data: episode }),
  z.object({ t: z.number(), type: z.literal('options'), underlying: z.string(), data: z.array(optionQuote) }),
  z.object({ t: z.number(), type: z.literal('previousClose'), data: previousClose }),
  z.object({ t: z.number(), type: z.literal('technicals'), data: technicals }),
  z.object({ t: z.number(), type: z.literal('sentiment'), data: sentiment }),
]);
