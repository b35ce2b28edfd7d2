import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ContractClient } from '../../../core/contract/contractClient';
import type { Health, StreamEvent } from '../../../core/contract/contract';
import type { Engine } from '../../../core/app/engine';
import { createMemoryPair } from '../../../core/contract/memoryTransport';
import { HIGH_WATER_BYTES, MAX_QUEUED_EVENTS } from '../../../core/app/outbox';
import type { SweepEvent } from '../../../core/analytics/sweepTracker';
import { keys } from '../../../core/store/keys';
import { createWsClientTransport, type WebSocketConstructor, type WsClientTransport } from '../../../core/contract/wsClientTransport';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../../core/app/contractLimits';
import { FeedHub } from '../../../renderer/src/feeds/feedHub';
import type { EngineClient } from '../../../renderer/src/engine/engineClient';
import { useRefusalStore } from '../../../renderer/src/stores/refusalStore';
import { startInProcessEngine } from '../../support/inProcessEngine';

let engine: Engine;
let transport: WsClientTransport;
let client: ContractClient;
let origin: string;

/** The ws package needs the Origin header set explicitly (a browser sets it by itself). */
function wsWithOrigin(originHeader: string): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin: originHeader });
    }
  } as unknown as WebSocketConstructor;
}

function connectRaw(url: string, originHeader: string): Promise<{ ws: WebSocket; status?: number }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { origin: originHeader });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode }));
  });
}

const waitFor = async (condition: () => boolean, timeoutMs = 5_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

beforeAll(async () => {
  ({ engine } = await startInProcessEngine());
  origin = `http://127.0.0.1:${engine.webBridge!.port}`;
  transport = createWsClientTransport(`ws://127.0.0.1:${engine.webBridge!.port}/ws?token=${engine.webBridge!.token}`, wsWithOrigin(origin));
  client = new ContractClient(transport);
  await waitFor(() => transport.isOpen);
});

afterAll(async () => {
  transport.dispose();
  await engine.stop();
});

describe('the contract over the WebSocket bridge', () => {
  it('answers a valid command', async () => {
    const session = await client.call('getSession', {});
    expect(session.source).toBe('sim');
    expect(session.symbols.find((s) => s.symbol === 'SPY')?.dataClass).toBe('level2');
  });

  it('refuses a command with a bad argument with an error that names the field, and counts it', async () => {
    const before = engine.badInput.total('websocket');
    const call = client.call('setTradingState', { state: 'PAUSED', reason: 'test' } as never);
    await expect(call).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(call).rejects.toThrow(/setTradingState: state: got "PAUSED", expected one of "ACTIVE"\|"REDUCING"\|"HALTED"/);
    expect(engine.badInput.total('websocket')).toBe(before + 1);
    expect(engine.tradingState.current.state).toBe('ACTIVE');
  });

  it('answers chart history for a configured symbol and refuses other symbols and oversized requests by name', async () => {
    expect(await client.call('getBars', { symbol: 'SPY', before: 1 })).toEqual([]);
    await expect(client.call('getBars', { symbol: 'ZZZ', before: Date.now() })).rejects.toThrow(/symbol ZZZ is not configured/);
    await expect(client.call('getBars', { symbol: 'SPY', before: Date.now(), count: 5_000 })).rejects.toThrow(/count/);
  });

  it('refuses unknown keys and unknown commands by name', async () => {
    await expect(client.call('getHealth', { verbose: true } as never)).rejects.toThrow(/verbose: unknown key/);
    await expect(client.call('deleteEverything' as never, {} as never)).rejects.toMatchObject({ code: 'UNKNOWN_COMMAND' });
  });

  it('answers a malformed message with a protocol error, counts it in monitoring:bad_input, and keeps serving', async () => {
    const { ws } = await connectRaw(`ws://127.0.0.1:${engine.webBridge!.port}/ws?token=${engine.webBridge!.token}`, origin);
    const reply = new Promise<string>((resolve) => ws.once('message', (data) => resolve(data.toString())));
    ws.send('{not json');
    expect(JSON.parse(await reply)).toMatchObject({ t: 'protocolError', error: { code: 'BAD_REQUEST' } });
    ws.close();
    await engine.badInput.flush();
    expect(Number(await engine.redis.client.hget(keys.monitoring.badInput.key, 'websocket'))).toBeGreaterThan(0);
    expect((await client.call('getTradingState', {})).state).toBe('ACTIVE');
  });

  it('refuses a connection without the launch token or from another origin', async () => {
    const port = engine.webBridge!.port;
    expect((await connectRaw(`ws://127.0.0.1:${port}/ws?token=wrong`, origin)).status).toBe(401);
    expect((await connectRaw(`ws://127.0.0.1:${port}/ws?token=${engine.webBridge!.token}`, 'http://evil.example')).status).toBe(403);
  });

  it('streams health events with increasing sequence numbers and as-of times', async () => {
    const events: Array<StreamEvent<Health>> = [];
    const unsubscribe = client.subscribe('health', {}, (event) => events.push(event));
    await waitFor(() => events.length >= 2);
    unsubscribe();
    expect(events.map((e) => e.seq).slice(0, 2)).toEqual([1, 2]);
    expect(events[1]!.asOf).toBeGreaterThanOrEqual(events[0]!.asOf);
    expect(events[0]!.value.modules.webBridge?.state).toBe('running');
  });

  it('resubscribes by itself after the connection drops', async () => {
    const states: string[] = [];
    client.subscribe('tradingState', {}, (event) => states.push(event.value.state));
    await waitFor(() => states.length === 1);
    const connections: boolean[] = [];
    client.onConnectionChange((connected) => connections.push(connected));
    for (const ws of (engine.webBridge as unknown as { wss: { clients: Set<WebSocket> } }).wss.clients) ws.terminate();
    await waitFor(() => connections.includes(false) && connections.at(-1) === true);
    await waitFor(() => states.length === 2);
    expect(states).toEqual(['ACTIVE', 'ACTIVE']);
  });
});

describe('a cockpit at the subscription limit', () => {
  it('is told which feed the engine refused instead of leaving the panel silently empty', async () => {
    const pageTransport = createWsClientTransport(`ws://127.0.0.1:${engine.webBridge!.port}/ws?token=${engine.webBridge!.token}`, wsWithOrigin(origin));
    const page = new ContractClient(pageTransport);
    await waitFor(() => pageTransport.isOpen);
    const asEngineClient: EngineClient = {
      transport: 'websocket',
      call: (command, input) => page.call(command, input),
      subscribe: (stream, params, listener, onError) => page.subscribe(stream, params, listener, onError),
      onConnectionChange: (listener) => page.onConnectionChange(listener),
      onStreamGap: (listener) => page.onStreamGap(listener),
      isConnected: () => page.connected,
    };
    const held: number[] = [];
    for (let n = 0; n < MAX_SUBSCRIPTIONS_PER_CONNECTION; n++) page.subscribe('tradingState', {}, () => held.push(n));
    await waitFor(() => held.length === MAX_SUBSCRIPTIONS_PER_CONNECTION);
    const hub = new FeedHub(asEngineClient);
    const stop = hub.watch('quote', { symbol: 'SPY' }, () => undefined);
    await waitFor(() => useRefusalStore.getState().message !== null);
    expect(useRefusalStore.getState().message).toMatch(/^subscribe quote refused: subscription limit reached/);
    expect(hub.error(FeedHub.key('quote', { symbol: 'SPY' }))).toMatch(/subscription limit reached/);
    stop();
    pageTransport.dispose();
  });
});

describe('a page that cannot keep up', () => {
  it('gets the newest sweeps once it drains, and every sweep it lost is counted in monitoring:cockpit:dropped', async () => {
    const pair = createMemoryPair();
    let backlog = HIGH_WATER_BYTES + 1; // the page reads nothing: its socket stays backed up
    engine.contract.serve({ ...pair.server, backlog: () => backlog }, 'slow-test');
    const slow = new ContractClient(pair.client);
    const received: SweepEvent[] = [];
    slow.subscribe('sweeps', {}, (event) => received.push(event.value));
    await new Promise((r) => setTimeout(r, 50));
    const sweep = (n: number): SweepEvent => ({
      symbol: 'SPY', direction: 'buy', startTs: n, endTs: n, prints: 3, shares: 900, levels: 3, exchanges: ['ARCA', 'NSDQ'],
      fromPrice: 590, toPrice: 590.02, clearedDisplayedSize: 900, clearedShare: 1, detectedAt: n,
    });
    for (let n = 1; n <= MAX_QUEUED_EVENTS + 25; n++) engine.bus.publish('sweepDetected', sweep(n)); // as the detector does
    expect(engine.droppedEvents.total('sweeps')).toBe(25);
    await engine.droppedEvents.flush();
    expect(Number(await engine.redis.client.hget(keys.monitoring.cockpitDropped.key, 'sweeps'))).toBe(25);

    backlog = 0;
    await waitFor(() => received.length === MAX_QUEUED_EVENTS);
    expect(received[0]!.detectedAt).toBe(26);
    expect(received.at(-1)!.detectedAt).toBe(MAX_QUEUED_EVENTS + 25);
    pair.close();
  });
});
