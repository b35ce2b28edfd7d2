/**
 * What parameter discovery finds, as the engine stores it and the cockpit shows it. Types only (browser-safe):
 * the methods live in core/discovery, the runner in core/app.
 */

/** The span of data a value was computed from: epoch ms of its first and last sample (bar starts), both inclusive. */
export interface DiscoveryWindow {
  from: number;
  to: number;
}

/** What every discovered value carries: the data it came from and when it was computed. */
export interface DiscoveryProvenance {
  window: DiscoveryWindow;
  /** How many samples (trades, bars, book snapshots) the value was computed from. */
  sampleSize: number;
  /** Epoch ms the value was computed. */
  computedAt: number;
}

/**
 * Too little (or unusable) data for a method: the caller keeps its previous value and shows `reason`.
 * `needed` and `got` are counts in the method's own unit (trades, bars).
 */
export interface DiscoveryRefusal {
  ok: false;
  reason: string;
  needed: number;
  got: number;
}

// ---- VPIN bucket size from trade-size clustering ----

export interface TradeSizeCluster {
  /** Geometric mean of the cluster's sizes (the exp of the mean ln(size) Ckmeans centres on), shares. */
  centre: number;
  /** Smallest and largest size assigned to the cluster, shares. */
  low: number;
  high: number;
  /** Trades in the cluster (all trades, not only the sample). */
  count: number;
  /** The cluster's shares as a fraction of all shares traded (0..1). */
  volumeShare: number;
}

/** One bin of the trade-size histogram, on a log scale: trades with low ≤ size < high. */
export interface TradeSizeBin {
  low: number;
  high: number;
  count: number;
}

export interface TradeSizeClusters extends DiscoveryProvenance {
  ok: true;
  /** Ascending by centre. */
  clusters: TradeSizeCluster[];
  /** BIC of each k tried (lower is better), for the record. */
  bicByK: Record<number, number>;
  /** Index into clusters of the cluster holding the volume-weighted median trade. */
  chosenCluster: number;
  /** Our bucket size, shares: the centre of chosenCluster, rounded. */
  bucketVolume: number;
  /** The paper's default, ADV / 50 shares, when an ADV was given; else null. */
  paperBucketVolume: number | null;
  /** Trades the clustering ran on (≤ maxSample). */
  clusteredSample: number;
  /** Log-scale histogram of all the trades' sizes, ascending (for the Discovery screen). */
  histogram: TradeSizeBin[];
}

// ---- Temporal structure ----

export interface LjungBox {
  /** Q = N(N+2) Σ_{k=1}^{h} r_k² / (N−k). */
  q: number;
  /** h, the lags tested, which is also the chi-square degrees of freedom (raw data, no fitted model). */
  lags: number;
  /** P(χ²_h ≥ Q): small means the series is not white noise. */
  pValue: number;
}

export interface TemporalStructure extends DiscoveryProvenance {
  ok: true;
  /** r_1 … r_60 (index k−1 holds lag k), biased estimator. */
  acf: number[];
  /** φ_11 … φ_60 by Durbin–Levinson. */
  pacf: number[];
  /** Half-width of the Bartlett 95% band, 1.96/√N. */
  band: number;
  /** Lags whose |r_k| exceeds the band, ascending. */
  significantLags: number[];
  ljungBox: LjungBox;
  /** The lookback the rule derives, in bars. */
  lookbackBars: number;
}

// ---- Volatility regime ----

export type Regime = 'LOW' | 'NORMAL' | 'HIGH';

/** Annualized realized volatility of the window ending at `end` (epoch ms, a bar start). */
export interface VolatilityPoint {
  end: number;
  volatility: number;
}

export interface VolatilityRegime extends DiscoveryProvenance {
  ok: true;
  regime: Regime;
  /** Annualized RV of the latest window, a fraction (0.4981 = 49.81%). */
  volatility: number;
  /** The LOW/NORMAL and NORMAL/HIGH thresholds, annualized fractions, and the percentiles they are. */
  thresholds: { low: number; high: number; lowPercentile: number; highPercentile: number };
  /** History windows the thresholds were taken from, and the bars each spans. */
  historyWindows: number;
  windowBars: number;
  /** RV of every history window, oldest first (the Discovery screen's chart). */
  series: VolatilityPoint[];
}

// ---- Correlations ----

/**
 * The correlation of one pair of symbols, or null with the reason it could not be estimated. Its sampleSize is the
 * number of aligned returns: bar starts where both symbols have a five-second return.
 */
export interface PairCorrelation extends DiscoveryProvenance {
  a: string;
  b: string;
  /** Pearson r of the aligned five-second log returns, in [−1, 1]; null when it cannot be estimated. */
  correlation: number | null;
  /** Why `correlation` is null; null when it is a number. */
  reason: string | null;
}

// ---- Market-maker profiles ----

/** One market maker's habits on one exchange, from the Level 2 snapshots of a symbol. */
export interface MarketMakerProfile {
  exchange: string;
  marketMaker: string;
  /** Share of snapshots (0..1) where it quoted the best bid or the best ask of the consolidated book. */
  topOfBookShare: number;
  /** Share of snapshots (0..1) where it showed any quote. */
  presenceShare: number;
  /** Mean displayed size of its rows, shares. */
  averageSize: number;
  /** Mean life of its quotes (a row at one price and side, until it moves or goes), ms. */
  averageQuoteLifeMs: number;
  /** Share of its rows (0..1) whose size is a multiple of 100 shares. */
  roundLotShare: number;
  /** The rows it was profiled from. */
  rows: number;
}

export interface MarketMakerProfiles extends DiscoveryProvenance {
  ok: true;
  /** Ordered by exchange, then by top-of-book share, highest first. */
  profiles: MarketMakerProfile[];
}

// ---- A run ----

/**
 * One method's outcome in a run. `value` is the newest value the method could justify: this run's, or (when this
 * run refused) the previous run's, still with its own window and time; null when there has never been one.
 */
export interface DiscoveredValue<T> {
  value: T | null;
  /** Why this run could not compute it (and kept `value` from before); null when `value` is this run's. */
  refusal: DiscoveryRefusal | null;
}

/** What discovery found for one symbol. */
export interface SymbolDiscovery {
  symbol: string;
  /** VPIN bucket size from trade-size clustering. */
  tradeSizes: DiscoveredValue<TradeSizeClusters>;
  /** ACF / PACF of five-second log returns: the lookback. */
  returnStructure: DiscoveredValue<TemporalStructure>;
  /** ACF / PACF of signed volume per five-second bar. */
  signedVolumeStructure: DiscoveredValue<TemporalStructure>;
  volatility: DiscoveredValue<VolatilityRegime>;
  /** Level 2 symbols only; a refusal for the others. */
  marketMakers: DiscoveredValue<MarketMakerProfiles>;
}

/** A value that moved between the previous run and this one (the Discovery screen's "what changed"). */
export interface DiscoveryChange {
  /** Null for a value across symbols (a correlation). */
  symbol: string | null;
  /** What changed, as a person reads it: "VPIN bucket", "lookback", "regime", "correlation SPY/QQQ". */
  parameter: string;
  before: number | string | null;
  after: number | string | null;
}

export type DiscoveryTrigger = 'schedule' | 'manual' | 'startup';

export interface DiscoveryRun {
  /** Increases by one with every run, never reused (kept in Redis). */
  id: number;
  trigger: DiscoveryTrigger;
  /** Who asked, for a manual run. */
  requestedBy: string | null;
  /** Why, for a manual run (runDiscovery's reason); null for the others. */
  reason?: string | null;
  startedAt: number;
  finishedAt: number;
  /** The history window read: the last `windowMinutes` before startedAt. */
  windowMinutes: number;
  symbols: SymbolDiscovery[];
  correlations: DiscoveredValue<PairCorrelation[]>;
  /** Differences from the previous run; empty for the first. */
  changes: DiscoveryChange[];
}

/** A run in progress: which step it is on. */
export interface DiscoveryProgress {
  id: number;
  trigger: DiscoveryTrigger;
  startedAt: number;
  /** Steps done and in all (one per symbol, plus reading the history and the correlations). */
  done: number;
  total: number;
  step: string;
}

/** A past run, listed. */
export interface DiscoveryRunSummary {
  id: number;
  trigger: DiscoveryTrigger;
  /** Who asked and why, for a manual run; null for the others. */
  requestedBy?: string | null;
  reason?: string | null;
  startedAt: number;
  finishedAt: number;
  changes: number;
  /** Methods that refused in this run (kept their previous value). */
  refusals: number;
  /** Set when the run failed as a whole (e.g. Redis down while reading the history). */
  error: string | null;
}

/** The `discovery` stream: the newest run, the one running, the last runs and the next scheduled time. */
export interface DiscoveryView {
  latest: DiscoveryRun | null;
  running: DiscoveryProgress | null;
  /** Newest first, at most 20. */
  runs: DiscoveryRunSummary[];
  /** Epoch ms of the next scheduled run; null when discovery is switched off. */
  nextRunAt: number | null;
  /** schedules.discoveryMinutes */
  intervalMinutes: number;
}
