import type { EngineBus } from '../bus/catalogue';
import type { Quote } from '../market/quote';
import type { Trade } from '../market/trade';
import type { VpinBucketSize, VpinReading } from '../market/vpinReading';
import { VpinCalculator, type BucketState, type VpinOptions } from './vpin';
import { RegularSessionGate } from './vpinSession';

export interface VpinSymbol {
  symbol: string;
  /** V, shares per bucket. */
  bucketVolume: number;
}

/** What was saved for a symbol before a restart. */
export interface SavedVpin {
  /** Its last readings, oldest first: the toxicity CDF and an episode in progress survive the restart. */
  history: readonly VpinReading[];
  /** Its buckets: readings resume with the next full bucket instead of after n new ones. */
  buckets: BucketState | null;
}

export interface VpinServiceOptions {
  bus: EngineBus;
  symbols: readonly VpinSymbol[];
  /** Everything but the bucket size, the same for every symbol. */
  vpin: Omit<VpinOptions, 'bucketVolume'>;
  /** Only prints inside the NYSE regular session count; each session's first bar is warm-up. */
  regularHoursOnly: boolean;
  /** What was saved before a restart (at most `readings` of the history). */
  loadSaved?: (symbol: string, readings: number) => Promise<SavedVpin>;
  /** A print VPIN cannot use (size or price not a positive number): counted in monitoring:bad_input. */
  reportBadInput?: (source: string, problem: string) => void;
  /** How often the clock closes bars of a quiet market (ms); 0: no timer, the owner calls clockTick (a replay). */
  clockMs?: number;
}

interface Watched {
  calculator: VpinCalculator;
  /** The symbol's live quote (quoteChanged), read at each print in trade classification. */
  quote: Quote | null;
  gate: RegularSessionGate | null;
  latest: VpinReading | null;
  /** The bucket size measured with now. */
  size: VpinBucketSize;
  /** A bucket size asked for that waits for the open bucket to close. */
  wanted: VpinBucketSize | null;
}

/**
 * VPIN per symbol as a bus service: hears every print (and, for trade classification, every quote), publishes each
 * reading as vpinUpdated and each toxicity episode's first reading as toxicityAlerted. A clock about once a second
 * closes the bars of a quiet market. O(1) work per print; nothing is allocated unless a bucket fills.
 */
export class VpinService {
  readonly name = 'vpin';
  private readonly watched = new Map<string, Watched>();
  private unsubscribe: Array<() => void> = [];
  private timer: NodeJS.Timeout | undefined;
  /** The market's clock is the last print's time plus the wall-clock time since it came (replays and fast sims included). */
  private lastPrintTs = Number.NaN;
  private lastPrintAt = 0;
  readings = 0;
  alerts = 0;
  /** Prints VPIN could not use (bad size or price), counted as bad input. */
  ignoredPrints = 0;
  /** Prints outside the regular session, left out on purpose. */
  outsideSession = 0;
  /** Readings restored from Redis at start-up, all symbols. */
  restoredReadings = 0;
  /** Symbols whose buckets were restored at start-up. */
  restoredBuckets = 0;

  constructor(private readonly options: VpinServiceOptions) {
    for (const { symbol, bucketVolume } of options.symbols) {
      const calculator = new VpinCalculator(symbol, { ...options.vpin, bucketVolume });
      const size: VpinBucketSize = { symbol, bucketVolume, source: 'configured', asOf: null };
      this.watched.set(symbol, { calculator, quote: null, gate: options.regularHoursOnly ? new RegularSessionGate() : null, latest: null, size, wanted: null });
    }
  }

  async start(): Promise<void> {
    if (this.unsubscribe.length > 0) return;
    await this.restoreSaved();
    const { bus } = this.options;
    this.unsubscribe.push(bus.subscribe('tradePrinted', (trade) => this.onTrade(trade)));
    if (this.options.vpin.classification === 'trade') this.unsubscribe.push(bus.subscribe('quoteChanged', (quote) => this.onQuote(quote)));
    if (this.options.clockMs === 0) return;
    this.timer = setInterval(() => this.clockTick(Date.now()), this.options.clockMs ?? 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    this.unsubscribe = [];
    clearInterval(this.timer);
  }

  /** The latest reading of a symbol (null before its first). */
  latest(symbol: string): VpinReading | null {
    return this.watched.get(symbol)?.latest ?? null;
  }

  /** The bucket size a symbol's VPIN measures with now (null for a symbol not watched). */
  bucketSize(symbol: string): VpinBucketSize | null {
    return this.watched.get(symbol)?.size ?? null;
  }

  /**
   * Measures a symbol with a new bucket size from its next bucket on: at once when no bucket is being filled (before the
   * first print, or right after a bucket closed), else when the open bucket closes. vpinBucketResized says when it applies.
   */
  resizeBuckets(size: VpinBucketSize): void {
    const watched = this.watched.get(size.symbol);
    if (!watched) return;
    const current = watched.size;
    if (current.bucketVolume === size.bucketVolume && current.source === size.source && current.asOf === size.asOf) {
      watched.wanted = null;
      return;
    }
    watched.wanted = size;
    watched.calculator.resize(size.bucketVolume);
    this.applyWantedSize(watched);
  }

  /** The symbols VPIN is measured for. */
  get symbols(): string[] {
    return [...this.watched.keys()];
  }

  /** A symbol's buckets, to save for a restart. */
  bucketState(symbol: string): BucketState | null {
    return this.watched.get(symbol)?.calculator.bucketState() ?? null;
  }

  /** Symbols inside a toxicity episode now. */
  get toxicSymbols(): string[] {
    return [...this.watched.values()].filter((w) => w.latest?.toxic === true).map((w) => w.calculator.symbol);
  }

  /** Closes the bars that ended before `marketNow` (epoch ms on the market's clock): a quiet market still gets read. */
  onClock(marketNow: number): void {
    for (const watched of this.watched.values()) this.publish(watched, watched.calculator.onClock(marketNow));
  }

  /** Closes the bars of a quiet market at `now` (the timer's wall clock, or a replay's market clock). */
  clockTick(now: number): void {
    if (!Number.isNaN(this.lastPrintTs)) this.onClock(this.lastPrintTs + (now - this.lastPrintAt));
  }

  private async restoreSaved(): Promise<void> {
    const load = this.options.loadSaved;
    if (!load) return;
    for (const watched of this.watched.values()) {
      const { history, buckets } = await load(watched.calculator.symbol, this.options.vpin.historyReadings);
      watched.calculator.restoreHistory(history);
      watched.latest = history.at(-1) ?? null;
      this.restoredReadings += history.length;
      if (buckets && watched.calculator.restoreBuckets(buckets)) this.restoredBuckets++;
    }
  }

  private onQuote(quote: Quote): void {
    const watched = this.watched.get(quote.symbol);
    if (watched) watched.quote = quote;
  }

  private onTrade(trade: Trade): void {
    const watched = this.watched.get(trade.symbol);
    if (!watched) return;
    this.lastPrintTs = trade.ts;
    this.lastPrintAt = trade.receivedAt;
    if (watched.gate) {
      const session = watched.gate.check(trade.ts);
      if (session === 'outside') {
        this.outsideSession++;
        return;
      }
      if (session === 'new') this.publish(watched, watched.calculator.startSession());
    }
    const { calculator } = watched;
    const ignoredBefore = calculator.ignoredPrints;
    this.publish(watched, calculator.onTrade(trade, watched.quote));
    if (calculator.ignoredPrints > ignoredBefore) this.ignore(trade);
  }

  /** The size asked for is the one measured with once the calculator has taken it (at a bucket boundary). */
  private applyWantedSize(watched: Watched): void {
    const wanted = watched.wanted;
    if (!wanted || watched.calculator.bucketVolume !== wanted.bucketVolume) return;
    watched.wanted = null;
    watched.size = wanted;
    this.options.bus.publish('vpinBucketResized', wanted);
  }

  private ignore(trade: Trade): void {
    this.ignoredPrints++;
    this.options.reportBadInput?.('vpin', `a print of ${trade.symbol} with price ${trade.price} and size ${trade.size} was left out of VPIN: both must be positive numbers`);
  }

  private publish(watched: Watched, readings: readonly VpinReading[]): void {
    for (const reading of readings) {
      watched.latest = reading;
      this.readings++;
      this.options.bus.publish('vpinUpdated', reading);
      if (reading.alert) {
        this.alerts++;
        this.options.bus.publish('toxicityAlerted', reading);
      }
    }
    if (watched.wanted) this.applyWantedSize(watched);
  }
}
