/**
 * Every Redis key AlphaTrader reads or writes, with its TTL. This file is the only spelling of a key in code;
 * the README's key table documents the same schema. TTL null = never expires (durable state and streams).
 */
export interface KeySpec {
  key: string;
  /** Seconds; null = no expiry. */
  ttl: number | null;
}

const k = (key: string, ttl: number | null): KeySpec => ({ key, ttl });

export const TTL = {
  marketFast: 60,
  marketSlow: 3600,
  options: 3600,
  sentiment: 6 * 3600,
  technicals: 3600,
  heartbeat: 15,
  health: 15,
  monitoring: 3600,
  /** The latest VPIN reading: through the night, so the morning shows yesterday's last reading with its time. */
  vpinLatest: 24 * 3600,
  /**
   * VPIN's reading history, refreshed at each write: its CDF spans about 20 sessions at the default 50 buckets a day,
   * so it must outlive weekends, holidays and days the app is not run; a month without a reading means it is stale.
   */
  vpinHistory: 30 * 24 * 3600,
  /** As long as the chain it is priced from (TTL.options): figures outlive neither the chain nor its refreshes. */
  gex: 3600,
} as const;

/**
 * Upper bounds for lists kept in Redis (LTRIM). Bars: the last 100 five-second bars; bar history (the chart's scroll
 * back): an hour of them, as long as that key lives.
 */
export const LIST_LIMITS = { trades: 1000, bars: 100, barHistory: 720, ibkrErrors: 200, articles: 50, riskDenials: 50 } as const;

/**
 * Options flow: the reading lives as long as the chain it was computed from (an hour-old reading describes a chain no
 * longer stored); the per-contract pace and last premiums a day (a restart within the day keeps them, a stale day's do
 * not judge today's); the ATM IV history (one value a day, bounded by analytics.flow.ivHistoryDays) never expires.
 */
const FLOW_STATE_TTL = 24 * 3600;

const historyTtl = (historyMinutes: number | undefined): number | null => (historyMinutes === undefined ? null : historyMinutes * 60);

export const keys = {
  market: {
    book: (symbol: string) => k(`market:${symbol}:book`, TTL.marketFast),
    trades: (symbol: string) => k(`market:${symbol}:trades`, TTL.marketSlow),
    last: (symbol: string) => k(`market:${symbol}:last`, TTL.marketFast),
    bars: (symbol: string) => k(`market:${symbol}:bars`, TTL.marketSlow),
    barHistory: (symbol: string) => k(`market:${symbol}:bar_history`, TTL.marketSlow),
    ticker: (symbol: string) => k(`market:${symbol}:ticker`, TTL.marketFast),
    spread: (symbol: string) => k(`market:${symbol}:spread`, TTL.marketFast),
    imbalance: (symbol: string) => k(`market:${symbol}:imbalance`, TTL.marketFast),
    sweep: (symbol: string) => k(`market:${symbol}:sweep`, TTL.marketSlow),
    unusualVolume: (symbol: string) => k(`market:${symbol}:unusual_volume`, TTL.marketSlow),
  },
  /**
   * Parameter discovery's history (store/discoveryHistoryWriter, read by store/discoveryHistory): one stream per
   * symbol and kind, one field `d` of compact text (store/discoveryHistoryEncoding), ids on the engine's clock.
   * Trimmed by age at each write (XTRIM MINID now − discovery.historyMinutes) and expiring that long after the
   * last write (a symbol no longer configured leaves nothing behind); the TTL is set only when the minutes are given.
   */
  history: {
    trades: (symbol: string, historyMinutes?: number) => k(`history:${symbol}:trades`, historyTtl(historyMinutes)),
    bars: (symbol: string, historyMinutes?: number) => k(`history:${symbol}:bars`, historyTtl(historyMinutes)),
    books: (symbol: string, historyMinutes?: number) => k(`history:${symbol}:books`, historyTtl(historyMinutes)),
  },
  analytics: {
    /** The latest VPIN reading (JSON VpinReading). */
    vpin: (symbol: string) => k(`analytics:${symbol}:vpin`, TTL.vpinLatest),
    /** VPIN's past readings, newest first (JSON VpinReading), trimmed to analytics.vpin.historyReadings: read back at start-up. */
    vpinHistory: (symbol: string) => k(`analytics:${symbol}:vpin:history`, TTL.vpinHistory),
    /** VPIN's last n buckets and the one being filled (JSON), saved every few seconds and at stop: read back at start-up. */
    vpinBuckets: (symbol: string) => k(`analytics:${symbol}:vpin:buckets`, TTL.vpinHistory),
  },
  options: {
    chain: (symbol: string) => k(`options:${symbol}:chain`, TTL.options),
    greeks: (symbol: string) => k(`options:${symbol}:greeks`, TTL.options),
  },
  /** analytics/gexService via store/gexWriter: the newest GEX / DEX of a symbol (JSON). */
  gexAnalytics: {
    gex: (symbol: string) => k(`analytics:${symbol}:gex`, TTL.gex),
    dex: (symbol: string) => k(`analytics:${symbol}:dex`, TTL.gex),
  },
  optionsFlow: {
    /** OptionsFlowReading (JSON). */
    reading: (symbol: string) => k(`analytics:${symbol}:flow`, TTL.options),
    /** {day, paces, premiums, flagged} (JSON): each contract's volume pace and last premium, the contracts unusual last refresh. */
    state: (symbol: string) => k(`analytics:${symbol}:flow:state`, FLOW_STATE_TTL),
    /** [{day, iv}] (JSON), oldest first: the 30-day ATM IV, one value per New York day. Durable. */
    ivHistory: (symbol: string) => k(`analytics:${symbol}:flow:iv_history`, null),
  },
  sentiment: {
    score: (symbol: string) => k(`sentiment:${symbol}:score`, TTL.sentiment),
    articles: (symbol: string) => k(`sentiment:${symbol}:articles`, TTL.sentiment),
  },
  technicals: {
    indicator: (symbol: string, indicator: 'rsi' | 'macd' | 'bbands' | 'atr') => k(`technicals:${symbol}:${indicator}`, TTL.technicals),
  },
  ibkr: {
    connected: k('ibkr:connected', null),
    account: k('ibkr:account', null),
  },
  module: {
    heartbeat: (name: string) => k(`module:heartbeat:${name}`, TTL.heartbeat),
  },
  monitoring: {
    ibkrMetrics: k('monitoring:ibkr:metrics', TTL.monitoring),
    ibkrErrors: k('monitoring:ibkr:errors', TTL.monitoring),
    dataStale: k('monitoring:data:stale', TTL.monitoring),
    alphaVantage: (part: string) => k(`monitoring:api:av:${part}`, TTL.monitoring),
    /** Bad input of any kind (config, IPC, API answers), counted by source. */
    badInput: k('monitoring:bad_input', null),
    /** Stream events a slow page never got (its queue was full), counted by stream. */
    cockpitDropped: k('monitoring:cockpit:dropped', null),
    /** Distribution messages given up as failed (refused, or out of attempts), counted by channel. */
    distributionFailed: k('monitoring:distribution:failed', null),
  },
  execution: {
    /** This engine's orders: hash orderId → OrderRecord (JSON). Durable; finished orders older than a week are pruned at start. */
    orders: k('execution:orders', null),
    /** Idempotency: hash clientOrderKey → {clientOrderKey, orderIds, at} (JSON). Durable; pruned after a week. */
    clientKeys: k('execution:client_keys', null),
    /** Every order id below this may have been used: ids start above it after a restart. Durable, only ever raised. */
    orderIdFloor: k('execution:order_id_floor', null),
    /** Fills: hash execId → {fill, external} (JSON), the commission joined. Durable; pruned after a week. */
    fills: k('execution:fills', null),
    /** The position book (JSON array): quantity, avgCost, realized and day P&L per instrument. Durable. */
    positions: k('execution:positions', null),
    /** The last account snapshot (JSON): the venue's values with the book's P&L and greeks. */
    account: k('execution:account', null),
    /** Every order event, append-only, never trimmed: at, who, what, why, orderId, inputs (JSON). Durable. */
    audit: k('execution:audit', null),
  },
  risk: {
    /** Limits set from the cockpit: hash limit name → {value, by, at, reason} (JSON). Durable; at start-up the stricter of it and config.yaml is in force. */
    limits: k('risk:limits', null),
    /** Every runtime limit change and refused change, append-only: at, by, name, from, to, reason, outcome, code, message. Durable. */
    limitsAudit: k('risk:limits:audit', null),
    /** The newest orders the risk engine refused (RiskDenialRecord JSON, newest first, capped). Durable. */
    denials: k('risk:denials', null),
    /** Today's P&L high-water mark: {day, pnl} (JSON), the drawdown reference. Durable; a new New York day starts again at 0. */
    dayHigh: k('risk:day_high', null),
    /** The loss breakers tripped: hash breaker → {day, at, reason} (JSON), so a restart neither re-trips nor forgets. Durable. */
    breakers: k('risk:breakers', null),
    /** The connection and stale-data breakers latched until a trader resets them: hash "connection" | "staleData:<symbol>" → {at, reason} (JSON). Durable: a restart does not unblock. */
    latched: k('risk:latched', null),
    /** Every trip and reset (and refused reset) of a latched breaker, append-only: at, by, breaker, symbol, what, reason, code, message. Durable. */
    breakersAudit: k('risk:breakers:audit', null),
    /** The approval mode and who set it last: {mode, changedAt, changedBy, reason} (JSON); config decides the mode at start. */
    approval: k('risk:approval', null),
  },
  signals: {
    /** The last proposal number given out (INCR): a proposal id is never reused, across restarts. Durable. */
    proposalSeq: k('signals:proposal_seq', null),
    /** Every proposal and its fate, append-only: kind (proposed, decided, filled, outcome), id, strategy, at, json. Durable. */
    history: k('signals:history', null),
    /** Every switch of a strategy's automation mode, append-only: at, by, strategy, from, to, reason. Durable. */
    automationAudit: k('signals:automation:audit', null),
  },
  distribution: {
    /**
     * The outbox: hash idempotency key (event id@channel) → message (JSON: state, attempts, dueAt, text, error, remoteId).
     * Durable: a restart sends what waited and never what was sent; finished messages are pruned after a week.
     */
    outbox: k('distribution:outbox', null),
    /** Every switch of a channel's mode from the cockpit, append-only: at, by, channel, from, to, reason. Durable. */
    audit: k('distribution:audit', null),
  },
  system: {
    /** The trading state (kill switch): hash {state, changedAt, changedBy, reason}. Durable. */
    halt: k('system:halt', null),
    /** Every trading-state change, append-only. Durable. */
    haltAudit: k('system:halt:audit', null),
    health: (process: string) => k(`system:health:${process}`, TTL.health),
  },
  /** Parameter discovery's runs (core/app/discoveryRunner via store/discoveryStore). Durable. */
  discoveryRuns: {
    /** The newest finished run (JSON DiscoveryRun): read back at start-up, so the values survive a restart. */
    latest: k('discovery:latest', null),
    /** Every run, oldest first, capped at DISCOVERY_RUNS_KEPT: fields summary (JSON DiscoveryRunSummary) and, unless it failed, run (JSON DiscoveryRun). */
    runs: k('discovery:runs', null),
    /** The last run id given out: ids are never reused. */
    runId: k('discovery:run_id', null),
  },
  /** The morning analysis (core/app/morning via store/morningAnalysisStore). Durable. */
  morning: {
    /** The newest analysis with its inputs (JSON MorningAnalysis): read back at start-up, so the panel survives a restart. */
    latest: k('morning:latest', null),
    /** Every analysis, oldest first, capped at MORNING_ANALYSES_KEPT: fields id, source, analysis (JSON MorningAnalysis). */
    history: k('morning:history', null),
    /** Hash trading day → the last sequence number given that day: an id ("2026-12-07-2") is never reused. */
    seq: k('morning:seq', null),
  },
} as const;

/** Analyses kept in morning:history: about a year of one a day with a few asked for. */
export const MORNING_ANALYSES_KEPT = 500;

/** Runs kept in discovery:runs: a day of them at the default 15 minutes. */
export const DISCOVERY_RUNS_KEPT = 96;
