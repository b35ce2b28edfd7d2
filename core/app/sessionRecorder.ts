import fs from 'node:fs';
import { once } from 'node:events';
import type { EngineBus } from '../bus/catalogue';
import type { SymbolConfig } from '../config/configSchema';
import type { OptionChainSnapshot } from '../market/optionChain';
import type { Quote } from '../market/quote';
import { sessionEventProblem, type ReplayEvent, type SessionHeader } from '../sim/replay';
import type { SymbolSpec } from '../sim/market/marketFeed';
import { moduleLogger } from '../runtime/logger';
import { recordedBar, recordedDepth, recordedOption, recordedQuote, recordedTrade, stableConId } from './sessionRecordFormat';

const log = moduleLogger('sessionRecorder');

export interface SessionRecorderOptions {
  bus: EngineBus;
  /** The file written: JSON lines, a header, then one event per line (core/sim/replay's format). */
  path: string;
  symbols: readonly SymbolConfig[];
  /** A Level 2 book is written at most this often per symbol (books change hundreds of times a second). */
  depthEveryMs?: number;
  now?: () => number;
}

/**
 * Records the market as the engine heard it — quotes, prints, Level 2 books, five-second bars and option chains — and
 * what the strategies read beside it — each symbol's previous close, Alpha Vantage's technicals and news sentiment as
 * refreshed (or restored at start-up) — in the simulator's session format, so `npm run sim -- --replay FILE` (and the
 * replay command) can play the session back through the whole engine. It only listens: a slow disk never blocks the
 * bus (the file stream buffers), and a chain that cannot be read back is skipped and logged.
 */
export class SessionRecorder {
  private readonly out: fs.WriteStream;
  private readonly now: () => number;
  private readonly quotes = new Map<string, Quote>();
  private readonly depthWritten = new Map<string, number>();
  /** The previous close last written per symbol: written again only when the venue changes it. */
  private readonly closesWritten = new Map<string, number | null>();
  private readonly unsubscribes: Array<() => void> = [];
  private written = 0;
  private failed: Error | null = null;

  constructor(private readonly options: SessionRecorderOptions) {
    this.now = options.now ?? Date.now;
    this.out = fs.createWriteStream(options.path, { flags: 'wx' });
    this.out.on('error', (error) => {
      this.failed = error;
      log.error({ err: error, path: options.path }, 'session recording stopped: the file cannot be written');
    });
  }

  /** Lines written so far, the header included. */
  get lines(): number {
    return this.written;
  }

  start(): void {
    const { bus } = this.options;
    const symbols = new Set(this.options.symbols.map((s) => s.symbol));
    this.write({ type: 'header', format: 'alphatrader-session', version: 1, startTs: this.now(), symbols: this.options.symbols.map(symbolSpec) });
    this.unsubscribes.push(
      bus.subscribe('quoteChanged', (quote) => {
        this.quotes.set(quote.symbol, { ...quote });
        if (symbols.has(quote.symbol)) this.recordClose(quote);
        const data = recordedQuote(quote);
        if (data) this.write({ t: this.now(), type: 'quote', data });
      }),
      bus.subscribe('tradePrinted', (trade) => this.write({ t: this.now(), type: 'trade', data: recordedTrade(trade, this.quotes.get(trade.symbol)) })),
      bus.subscribe('barClosed', (bar) => this.write({ t: this.now(), type: 'bar', data: recordedBar(bar) })),
      bus.subscribe('bookChanged', ({ symbol, book }) => {
        const t = this.now();
        if (t - (this.depthWritten.get(symbol) ?? -Infinity) < (this.options.depthEveryMs ?? 250)) return;
        this.depthWritten.set(symbol, t);
        this.write({ t, type: 'depth', data: recordedDepth(symbol, book) });
      }),
      bus.subscribe('chainRefreshed', (refresh) => {
        if (symbols.has(refresh.symbol)) void this.recordChain(refresh.symbol, refresh.load);
      }),
      bus.subscribe('technicalsRefreshed', (snapshot) => {
        if (symbols.has(snapshot.symbol)) this.writeFact({ t: this.now(), type: 'technicals', data: snapshot }, snapshot.symbol);
      }),
      bus.subscribe('sentimentRefreshed', (snapshot) => {
        if (symbols.has(snapshot.score.symbol)) this.writeFact({ t: this.now(), type: 'sentiment', data: snapshot }, snapshot.score.symbol);
      }),
    );
  }

  /** Stops listening and closes the file; resolves once everything is on disk. */
  async stop(): Promise<void> {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    if (this.out.closed || this.out.destroyed) return;
    this.out.end();
    await once(this.out, 'close');
  }

  /** The previous close (TWS tick 9) comes with the first quote and again at a new session: written when it changes. */
  private recordClose(quote: Quote): void {
    const written = this.closesWritten.get(quote.symbol);
    if (written === quote.close || (written === undefined && quote.close === null)) return;
    this.closesWritten.set(quote.symbol, quote.close);
    this.write({ t: this.now(), type: 'previousClose', data: { symbol: quote.symbol, close: quote.close } });
  }

  private async recordChain(symbol: string, load: () => Promise<OptionChainSnapshot | null>): Promise<void> {
    try {
      const chain = await load();
      if (!chain) return;
      const spot = this.quotes.get(symbol)?.last ?? 0;
      this.write({ t: this.now(), type: 'options', underlying: symbol, data: chain.contracts.map((c) => recordedOption(symbol, c, spot, chain.asOf)) });
    } catch (error) {
      log.warn({ err: error, symbol }, 'option chain not recorded: it could not be read back');
    }
  }

  /**
   * Technicals and sentiment restored at start-up are read back from Redis as they were stored, possibly by an older
   * engine: one that would not read back from the file is skipped and logged, so a recording always replays.
   */
  private writeFact(event: Extract<ReplayEvent, { type: 'technicals' | 'sentiment' }>, symbol: string): void {
    const problem = sessionEventProblem(event);
    if (problem === null) return this.write(event);
    log.warn({ symbol, type: event.type, problem }, 'not recorded: it would not read back from the session file');
  }

  private write(value: SessionHeader | ReplayEvent): void {
    if (this.failed || this.out.writableEnded) return;
    this.out.write(`${JSON.stringify(value)}\n`);
    this.written++;
  }
}

function symbolSpec(s: SymbolConfig): SymbolSpec {
  return { symbol: s.symbol, conId: stableConId(s.symbol), secType: 'STK', isEtf: s.etf, primaryExchange: s.etf ? 'ARCA' : 'NASDAQ', currency: 'USD', minTick: 0.01, longName: s.symbol, level2: s.dataClass === 'level2' };
}
