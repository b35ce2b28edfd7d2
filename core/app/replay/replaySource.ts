/**
 * Where a replay's market comes from: a recorded session file (the engine's `--record` or the simulator's recorder),
 * or the seeded simulated market run for a session. Either way the replay sees the same thing — events in the
 * session format, in time order, the previous closes, technicals and sentiment among them — so the rest of the loop
 * does not know which it plays.
 */
import type { MarketEventMap } from '../../sim/market/marketFeed';
import type { SymbolSpec } from '../../sim/market/marketFeed';
import { createMarketModel, DEFAULT_START_TS } from '../../sim/market/marketModel';
import { streamSessionFile, type ReplayEvent } from '../../sim/replay';
import { SimulatedAlphaVantage, type SimulatedAlphaVantageOptions } from './simulatedAlphaVantage';

export interface ReplaySource {
  /** What is played, for the report: the file, or "simulated market, seed N". */
  name: string;
  startTs: number;
  symbols: SymbolSpec[];
  /** The events in time order; a simulated market makes them as they are read. */
  events(): Iterable<ReplayEvent>;
}

/**
 * A recorded session, read as it is played (a day's file is too big to hold as one string). Throws the file system's
 * error when it cannot be opened and SessionFileError (naming the line) for a bad header now, for a bad event when
 * the replay reaches it.
 */
export function sessionFileSource(path: string): ReplaySource {
  const session = streamSessionFile(path);
  return { name: path, startTs: session.startTs, symbols: session.symbols, events: () => session.events() };
}

export interface SimulatedSessionOptions {
  seed: number;
  /** The simulated symbols (a subset of the model's twelve). */
  symbols: string[];
  /** Market time played, from the open (default 2025-01-06 09:30 New York). */
  durationMs: number;
  /** These underlyings' option chains are snapshot every `optionsEveryMs`. */
  optionUnderlyings: string[];
  optionsEveryMs: number;
  /** A Level 2 book at most this often per symbol, as the engine's recorder keeps it. */
  depthEveryMs?: number;
  startTs?: number;
  /** Alpha Vantage's technicals and news as the simulator's endpoint answers them (the seed is the market's); none without. */
  alphaVantage?: Omit<SimulatedAlphaVantageOptions, 'seed'>;
}

/** The model advances in steps this long; its events come out between steps. */
const STEP_MS = 100;

/** The seeded simulated market for a session: the same seed and options give the same events. */
export function simulatedSessionSource(options: SimulatedSessionOptions): ReplaySource {
  const startTs = options.startTs ?? DEFAULT_START_TS;
  const model = createMarketModel({ seed: options.seed, symbols: options.symbols, startTs });
  return {
    name: `simulated market, seed ${options.seed}, ${Math.round(options.durationMs / 60_000)} min`,
    startTs,
    symbols: model.symbols(),
    events: () => simulatedEvents(model, options),
  };
}

/** Worked out from the model's history (New York calendar arithmetic): kept a minute, not asked for on every quote. */
const PREVIOUS_CLOSE_KEPT_MS = 60_000;

function cachedPreviousClose(model: ReturnType<typeof createMarketModel>): (symbol: string) => number | null {
  const kept = new Map<string, { at: number; close: number | null }>();
  return (symbol) => {
    const now = model.now();
    let entry = kept.get(symbol);
    if (!entry || now - entry.at >= PREVIOUS_CLOSE_KEPT_MS) kept.set(symbol, (entry = { at: now, close: model.previousClose(symbol) ?? null }));
    return entry.close;
  };
}

function* simulatedEvents(model: ReturnType<typeof createMarketModel>, options: SimulatedSessionOptions): Generator<ReplayEvent> {
  const pending: ReplayEvent[] = [];
  const depthWritten = new Map<string, number>();
  const depthEveryMs = options.depthEveryMs ?? 250;
  const previousClose = cachedPreviousClose(model);
  const closes = new Map<string, number | null>();
  const alphaVantage = options.alphaVantage ? new SimulatedAlphaVantage(model, { ...options.alphaVantage, seed: options.seed }) : null;
  const listeners: { [K in keyof MarketEventMap]: (...args: MarketEventMap[K]) => void } = {
    quote: (data) => {
      // As the engine records it: the close when it is first known or changes (a new session), before the quote.
      const close = previousClose(data.symbol);
      const written = closes.get(data.symbol);
      if (written !== close && !(written === undefined && close === null)) {
        closes.set(data.symbol, close);
        pending.push({ t: model.now(), type: 'previousClose', data: { symbol: data.symbol, close } });
      }
      pending.push({ t: model.now(), type: 'quote', data });
    },
    trade: (data) => pending.push({ t: model.now(), type: 'trade', data }),
    bar: (data) => pending.push({ t: model.now(), type: 'bar', data }),
    episode: (data) => pending.push({ t: model.now(), type: 'episode', data }),
    depth: (data) => {
      const t = model.now();
      if (t - (depthWritten.get(data.symbol) ?? -Infinity) < depthEveryMs) return;
      depthWritten.set(data.symbol, t);
      pending.push({ t, type: 'depth', data: { ...data, bids: data.bids.map((r) => ({ ...r })), asks: data.asks.map((r) => ({ ...r })) } });
    },
  };
  for (const [event, listener] of Object.entries(listeners)) model.on(event as keyof MarketEventMap, listener as never);
  try {
    let lastOptions = -Infinity;
    for (let elapsed = 0; elapsed < options.durationMs; elapsed += STEP_MS) {
      const t = model.now();
      if (t - lastOptions >= options.optionsEveryMs) {
        lastOptions = t;
        for (const underlying of options.optionUnderlyings) yield { t, type: 'options', underlying, data: model.optionChain(underlying) };
      }
      if (alphaVantage) yield* alphaVantage.due();
      model.advance(Math.min(STEP_MS, options.durationMs - elapsed));
      yield* pending.splice(0);
    }
  } finally {
    for (const [event, listener] of Object.entries(listeners)) model.off(event as keyof MarketEventMap, listener as never);
  }
}
