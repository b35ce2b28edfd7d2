/**
 * Alpha Vantage's technicals and news sentiment for the seeded simulated market, as the engine's ingestion gets them
 * from the simulator's Alpha Vantage endpoint: the same requests (avRequests), the endpoint's answers (indicators
 * computed from the model's bars, news generated from the seed), read by the same parsers and stamped as the ingestion
 * stamps them. Asked in process on the model's clock, so the same seed gives the same snapshots at the same times.
 */
import type { AppConfig } from '../../config/configSchema';
import type { SentimentSnapshot } from '../../market/sentiment';
import { INDICATORS, type Indicator, type TechnicalSnapshot } from '../../market/technicals';
import { answerParams } from '../../sim/alphavantage';
import type { MarketFeed, SymbolSpec } from '../../sim/market/marketFeed';
import type { ReplayEvent } from '../../sim/replay';
import type { AvAnswer } from '../../venues/alphavantage/avAnswer';
import { requestFor, type RequestOptions } from '../../venues/alphavantage/avRequests';
import { DEFAULT_TUNING } from '../../venues/alphavantage/ingestTuning';
import { parseSentiment } from '../../venues/alphavantage/sentimentParser';
import { judgeSeries } from '../../venues/alphavantage/seriesTimeliness';
import { parseTechnical } from '../../venues/alphavantage/technicalsParser';

/**
 * What the replay asks the simulated endpoint for: the swing rule's symbols (the only rule that reads technicals and
 * news; each indicator costs some 20 ms of the endpoint's arithmetic), as often as the engine refreshes them
 * (config.yaml `schedules:`), with its entitlement.
 */
export function simulatedAlphaVantageFor(config: Pick<AppConfig, 'schedules' | 'alphaVantage' | 'signals'>): Omit<SimulatedAlphaVantageOptions, 'seed'> {
  const { schedules, alphaVantage, signals } = config;
  return {
    symbols: signals.swing.enabled ? signals.swing.symbols : [],
    technicalsEveryMs: schedules.technicalsRefreshMinutes * 60_000, sentimentEveryMs: schedules.sentimentRefreshMinutes * 60_000, entitlement: alphaVantage.entitlement,
  };
}

export interface SimulatedAlphaVantageOptions {
  /** The symbols refreshed (those the market does not have are left out). */
  symbols: readonly string[];
  /** The seed of the endpoint's news (the market's seed, as the workstation's embedded market uses). */
  seed: number;
  /** config.yaml `schedules.technicalsRefreshMinutes` and `schedules.sentimentRefreshMinutes`, in ms. */
  technicalsEveryMs: number;
  sentimentEveryMs: number;
  /** config.yaml `alphaVantage.entitlement` (sent on intraday indicators). */
  entitlement: RequestOptions['entitlement'];
}

export class SimulatedAlphaVantage {
  private readonly requests: RequestOptions;
  private readonly symbols: readonly SymbolSpec[];
  private technicalsAt = -Infinity;
  private sentimentAt = -Infinity;

  constructor(
    private readonly feed: MarketFeed,
    private readonly options: SimulatedAlphaVantageOptions,
  ) {
    this.symbols = feed.symbols().filter((s) => options.symbols.includes(s.symbol));
    this.requests = { technicalsInterval: DEFAULT_TUNING.technicalsInterval, articlesLimit: DEFAULT_TUNING.articlesLimit, entitlement: options.entitlement };
  }

  /** The refreshes due now: every symbol's four indicators, and the news of single names (ETFs have none). */
  due(): ReplayEvent[] {
    const t = this.feed.now();
    const events: ReplayEvent[] = [];
    if (t - this.technicalsAt >= this.options.technicalsEveryMs) {
      this.technicalsAt = t;
      for (const { symbol } of this.symbols) {
        for (const indicator of INDICATORS) {
          const data = this.technical(symbol, indicator, t);
          if (data) events.push({ t, type: 'technicals', data });
        }
      }
    }
    if (t - this.sentimentAt >= this.options.sentimentEveryMs) {
      this.sentimentAt = t;
      for (const { symbol } of this.symbols.filter((s) => !s.isEtf)) {
        const data = this.sentiment(symbol, t);
        if (data) events.push({ t, type: 'sentiment', data });
      }
    }
    return events;
  }

  /** As refreshJob.storeTechnical: the parsed series with what it is as of and how current that is. */
  private technical(symbol: string, indicator: Indicator, at: number): TechnicalSnapshot | null {
    const parsed = parseTechnical(this.ask(requestFor(indicator, symbol, this.requests).params), symbol, indicator, at, DEFAULT_TUNING.seriesLimit).snapshot;
    if (!parsed) return null;
    const dataAsOf = parsed.latest.ts;
    return { ...parsed, dataAsOf, timeliness: judgeSeries(dataAsOf, parsed.interval, at) };
  }

  private sentiment(symbol: string, at: number): SentimentSnapshot | null {
    return parseSentiment(this.ask(requestFor('sentiment', symbol, this.requests).params), symbol, at, this.requests.articlesLimit).snapshot;
  }

  private ask(params: Record<string, string>): AvAnswer {
    return answerParams(this.feed, this.options.seed, params) as AvAnswer;
  }
}
