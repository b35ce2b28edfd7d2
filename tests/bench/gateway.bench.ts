/**
 * `npm run bench gateway`: how many market-data messages per second the simulated gateway delivers to one TCP client.
 * 1. replay: market events recorded from the real model are re-emitted as fast as the gateway takes them, to a raw
 *    client that counts frames (the gateway's encode + write path is what is measured);
 * 2. live model: the real model advanced as fast as it runs (model and gateway together);
 * 3. stoqey: the replay again, consumed by the real @stoqey/ib IBApi (what that client sustains when it decodes everything).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { EventEmitter } from 'node:events';
import { EventName, IBApi, SecType } from '@stoqey/ib';
import { startGateway } from '../../core/sim/gateway/gateway';
import { createMarketModel, type MarketModel } from '../../core/sim/market/marketModel';
import type { MarketEventMap, MarketFeed } from '../../core/sim/market/marketFeed';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-bench-'));

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'gateway', metric, value: Math.round(value), unit }));
}

type Recorded = { [K in keyof MarketEventMap]: [K, MarketEventMap[K]] }[keyof MarketEventMap];

/** The real model behind a feed whose events come from a recording, emitted on demand. */
function replayFeed(model: MarketModel, events: Recorded[]): { feed: MarketFeed; emitBatch(n: number): void } {
  const bus = new EventEmitter();
  let at = 0;
  const feed = Object.create(model) as MarketFeed;
  feed.on = (event, listener) => void bus.on(event, listener as (...a: unknown[]) => void);
  feed.off = (event, listener) => void bus.off(event, listener as (...a: unknown[]) => void);
  return {
    feed,
    emitBatch(n) {
      for (let i = 0; i < n; i++) {
        const [name, args] = events[at]!;
        bus.emit(name, ...args);
        at = (at + 1) % events.length;
      }
    },
  };
}

function record(model: MarketModel, ms: number): Recorded[] {
  const events: Recorded[] = [];
  const names: Array<keyof MarketEventMap> = ['quote', 'trade', 'depth'];
  const listeners = names.map((name) => {
    const l = (...args: unknown[]): void => void events.push([name, structuredClone(args)] as Recorded);
    model.on(name, l as never);
    return [name, l] as const;
  });
  model.advance(ms);
  for (const [name, l] of listeners) model.off(name, l as never);
  return events;
}

function frame(fields: Array<string | number>): Buffer {
  const body = Buffer.from(fields.map((f) => `${f}\0`).join(''), 'latin1');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

/** A raw client: handshake, START_API, subscriptions; counts whole frames without decoding them. */
async function rawClient(port: number, symbols: string[], depthSymbols: string[]): Promise<{ frames: () => number; close(): void }> {
  const sock = net.connect(port, '127.0.0.1');
  await new Promise((r) => sock.once('connect', r));
  let frames = 0;
  let carry = Buffer.alloc(0);
  sock.on('data', (chunk: Buffer) => {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    let at = 0;
    while (buf.length - at >= 4) {
      const len = buf.readUInt32BE(at);
      if (buf.length - at - 4 < len) break;
      at += 4 + len;
      frames++;
    }
    carry = at === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(at));
  });
  const hello = Buffer.from('v100..193');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(hello.length);
  sock.write(Buffer.concat([Buffer.from('API\0'), len, hello]));
  sock.write(frame([71, 2, 1, '']));
  symbols.forEach((s, i) => sock.write(frame([1, 11, 100 + i, 0, s, 'STK', '', '', '', '', 'SMART', '', 'USD', '', '', 0, '233', 0, 0, ''])));
  depthSymbols.forEach((s, i) => sock.write(frame([10, 5, 200 + i, 0, s, 'STK', '', '', '', '', 'SMART', '', 'USD', '', '', 20, 1, ''])));
  await new Promise((r) => setTimeout(r, 200));
  return { frames: () => frames, close: () => sock.destroy() };
}

async function pump(seconds: number, step: () => void, count: () => number): Promise<number> {
  const start = count();
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    step();
    await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setTimeout(r, 100));
  return (count() - start) / ((performance.now() - t0) / 1000);
}

async function benchReplay(model: MarketModel, events: Recorded[]): Promise<void> {
  const replay = replayFeed(model, events);
  const gateway = await startGateway({ feed: replay.feed, port: 0, stateDir, faults: { maxMessagesPerSecond: 0 } });
  const symbols = model.symbols().map((s) => s.symbol);
  const client = await rawClient(gateway.port, symbols, ['SPY', 'QQQ', 'IWM']);
  const rate = await pump(SECONDS, () => replay.emitBatch(1500), client.frames);
  report('msgs_per_s', rate, '1/s');
  report('replay_market_data_dropped', gateway.stats().marketDataDropped, 'msgs');
  client.close();
  await gateway.stop();
}

async function benchLiveModel(): Promise<void> {
  const model = createMarketModel({ seed: 7 });
  const gateway = await startGateway({ feed: model, port: 0, stateDir, faults: { maxMessagesPerSecond: 0 } });
  const client = await rawClient(gateway.port, model.symbols().map((s) => s.symbol), ['SPY', 'QQQ', 'IWM']);
  const t0 = model.now();
  const rate = await pump(SECONDS, () => model.advance(1000), client.frames);
  report('live_model_msgs_per_s', rate, '1/s');
  report('live_model_market_seconds_per_s', (model.now() - t0) / 1000 / SECONDS, 'x');
  client.close();
  await gateway.stop();
}

async function benchStoqey(model: MarketModel, events: Recorded[]): Promise<void> {
  const replay = replayFeed(model, events);
  const gateway = await startGateway({ feed: replay.feed, port: 0, stateDir, faults: { maxMessagesPerSecond: 0 } });
  const ib = new IBApi({ host: '127.0.0.1', port: gateway.port, clientId: 2 });
  let received = 0;
  const count = (): void => void received++;
  ib.on(EventName.tickPrice, count).on(EventName.tickSize, count).on(EventName.tickString, count).on(EventName.tickGeneric, count);
  ib.on(EventName.updateMktDepthL2, count);
  await new Promise<void>((resolve) => {
    ib.once(EventName.nextValidId, () => resolve());
    ib.connect(2);
  });
  for (const [i, s] of model.symbols().entries()) ib.reqMktData(100 + i, { symbol: s.symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' }, '233', false, false);
  await new Promise((r) => setTimeout(r, 600));
  const rate = await pump(SECONDS, () => replay.emitBatch(300), () => received);
  report('stoqey_ibapi_events_per_s', rate, '1/s');
  ib.disconnect();
  await gateway.stop();
}

const model = createMarketModel({ seed: 42 });
const events = record(model, 60_000);
report('recorded_market_events', events.length, 'events');
await benchReplay(model, events);
await benchLiveModel();
await benchStoqey(model, events);
fs.rmSync(stateDir, { recursive: true, force: true });
process.exit(0);
