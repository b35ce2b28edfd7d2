import type { Redis } from 'ioredis';
import type { BookLevel } from '../../core/market/book';
import { sendBatch, WriteBatch, type StreamEntry } from '../../core/store/batchScript';
import { encodeBar, encodeBook, encodeBookRows, encodeTrade } from '../../core/store/discoveryHistoryEncoding';
import { TRADE_CHUNK_MS } from '../../core/store/discoveryHistoryWriter';
import { keys } from '../../core/store/keys';
import { createMarketModel, type MarketModel } from '../../core/sim/market/marketModel';

export interface SeedOptions {
  /** Simulated symbols (default: the simulator's twelve). */
  symbols?: string[];
  /** Minutes of market to run, ending at endTs. */
  minutes: number;
  /** The market model's seed (default 1). */
  seed?: number;
  /** Epoch ms the history ends at (default now). */
  endTs?: number;
  /** The streams' trim window and TTL, as discovery.historyMinutes (default 120). */
  historyMinutes?: number;
  /** As discovery.bookSnapshotSeconds (default 1) and discovery.bookLevels (default 10). */
  bookSnapshotSeconds?: number;
  bookLevels?: number;
}

export interface SeededHistory {
  from: number;
  to: number;
  /** Entries written per symbol. */
  counts: Record<string, { trades: number; bars: number; books: number }>;
  /** The model that made them (its parameters: symbolModel(), targetCorrelation(), regime()). */
  model: MarketModel;
}

/** Sim time between two writes to Redis: one batch a simulated minute. */
const CHUNK_MS = 60_000;

/**
 * Runs the real simulated market offline for `minutes` ending at `endTs` and writes what it prints into the
 * discovery history streams exactly as the engine's DiscoveryHistoryWriter would have (same encoding, same stream
 * op), on the sim's clock: a second of prints per entry, its id the first print's time; a bar's id its close; a
 * snapshot's the moment it was taken.
 */
export async function seedDiscoveryHistory(redis: Redis, options: SeedOptions): Promise<SeededHistory> {
  const endTs = options.endTs ?? Date.now();
  const from = endTs - options.minutes * 60_000;
  const historyMinutes = options.historyMinutes ?? 120;
  const snapshotMs = (options.bookSnapshotSeconds ?? 1) * 1000;
  const levels = options.bookLevels ?? 10;
  const model = createMarketModel({ seed: options.seed ?? 1, speed: 1, startTs: from, symbols: options.symbols });
  const level2 = model.symbols().filter((s) => s.level2).map((s) => s.symbol);
  const counts: SeededHistory['counts'] = {};
  for (const s of model.symbols()) counts[s.symbol] = { trades: 0, bars: 0, books: 0 };

  let pending = new Map<string, StreamEntry[]>();
  const add = (key: string, entry: StreamEntry) => {
    let entries = pending.get(key);
    if (!entries) pending.set(key, (entries = []));
    entries.push(entry);
  };
  // A symbol's prints go a second to an entry, as the writer's TRADE_CHUNK_MS.
  const chunks = new Map<string, { firstTs: number; texts: string[] }>();
  model.on('trade', (t) => {
    let chunk = chunks.get(t.symbol);
    if (!chunk) chunks.set(t.symbol, (chunk = { firstTs: t.ts, texts: [] }));
    chunk.texts.push(encodeTrade(t));
    counts[t.symbol]!.trades++;
  });
  const closeChunks = (now: number) => {
    for (const [symbol, chunk] of chunks) {
      if (now - chunk.firstTs < TRADE_CHUNK_MS) continue;
      add(keys.history.trades(symbol).key, { ms: chunk.firstTs, text: chunk.texts.join(';') });
      chunks.delete(symbol);
    }
  };
  model.on('bar', (b) => {
    const bar = { ...b, time: b.time * 1000 };
    add(keys.history.bars(b.symbol).key, { ms: model.now(), text: encodeBar(bar) });
    counts[b.symbol]!.bars++;
  });
  const changed = new Set<string>();
  model.on('depth', (d) => changed.add(d.symbol));
  const lastRows = new Map<string, string>();
  const snapshot = (symbol: string, ts: number) => {
    const depth = model.depth(symbol);
    if (!depth) return;
    const bids: BookLevel[] = depth.bids.slice(0, levels);
    const asks: BookLevel[] = depth.asks.slice(0, levels);
    const rows = encodeBookRows(bids, asks);
    if ((bids.length === 0 && asks.length === 0) || rows === lastRows.get(symbol)) return;
    lastRows.set(symbol, rows);
    add(keys.history.books(symbol).key, { ms: ts, text: encodeBook({ ts, bids, asks }) });
    counts[symbol]!.books++;
  };
  const flush = async () => {
    const batch = new WriteBatch();
    for (const [key, entries] of pending) batch.xadd(key, entries, endTs - historyMinutes * 60_000, historyMinutes * 60);
    pending = new Map();
    const refused = batch.size > 0 ? await sendBatch(redis, batch) : 0;
    if (refused > 0) throw new Error(`seeding the discovery history: Redis refused ${refused} writes`);
  };

  let nextFlush = from + CHUNK_MS;
  while (model.now() < endTs) {
    model.advance(Math.min(snapshotMs, endTs - model.now()));
    for (const symbol of level2) if (changed.has(symbol)) snapshot(symbol, model.now());
    changed.clear();
    closeChunks(model.now());
    if (model.now() >= nextFlush) {
      await flush();
      nextFlush += CHUNK_MS;
    }
  }
  closeChunks(Infinity);
  await flush();
  return { from, to: endTs, counts, model };
}
