import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parse } from 'yaml';
import { LOG_LINES_PER_WINDOW } from '../../../core/store/badInputCounter';
import { streams, type StreamName } from '../../../core/contract/contract';
import { ContractClient } from '../../../core/contract/contractClient';
import { MAX_CLIENT_MESSAGE_BYTES, MAX_CONNECTIONS, MAX_SUBSCRIPTIONS_PER_CONNECTION, MESSAGE_BURST, MESSAGES_PER_SECOND } from '../../../core/app/contractLimits';
import { createWsClientTransport, type WebSocketConstructor, type WsClientTransport } from '../../../core/contract/wsClientTransport';
import { keys } from '../../../core/store/keys';
import { LIGHT_SYMBOLS, startEngineProcess, writeTestConfig, type EngineProcess } from '../../support/engineProcess';

let engine: EngineProcess;
let redis: Redis;
let transport: WsClientTransport;
/** A well-behaved client (a cockpit) that must keep being served whatever the others do. */
let cockpit: ContractClient;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const waitFor = async (condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
};

const wsUrl = () => `ws://127.0.0.1:${engine.port}/ws?token=${engine.token}`;
const origin = () => `http://127.0.0.1:${engine.port}`;

/** The ws package needs the Origin header set explicitly (a browser sets it by itself). */
function socketWithOrigin(): WebSocketConstructor {
  const originHeader = origin();
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin: originHeader });
    }
  } as unknown as WebSocketConstructor;
}

function openSocket(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(), { origin: origin() });
    ws.on('error', () => undefined); // writing into a socket the engine closed
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

function nextMessage(ws: WebSocket): Promise<{ t: string; error?: { code: string; message: string } }> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as { t: string })));
}

async function badInputCount(source: string): Promise<number> {
  return Number((await redis.hget(keys.monitoring.badInput.key, source)) ?? 0);
}

/** Waits until monitoring:bad_input counts at least `count` more refusals from `source` than `before`. */
const counted = (source: string, before: number, count = 1) => waitFor(async () => (await badInputCount(source)) >= before + count);

function request(options: http.RequestOptions): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .request({ host: '127.0.0.1', port: engine.port, ...options }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      })
      .on('error', reject)
      .end();
  });
}

/** The engine is alive and serves the well-behaved client: health over HTTP and the kill switch's state. */
async function engineCarriesOn(): Promise<void> {
  expect(engine.child.exitCode).toBeNull();
  expect((await request({ path: '/api/health' })).status).toBe(200);
  expect((await cockpit.call('getTradingState', {})).state).toMatch(/ACTIVE|REDUCING|HALTED/);
}

beforeAll(async () => {
  const configPath = await writeTestConfig({ symbols: LIGHT_SYMBOLS });
  engine = await startEngineProcess({ configPath });
  const redisPort = (parse(fs.readFileSync(configPath, 'utf8')) as { redis: { port: number } }).redis.port;
  const password = fs.readFileSync(path.join(engine.dataDir, 'redis.password'), 'utf8').trim();
  redis = new Redis({ host: '127.0.0.1', port: redisPort, password });
  transport = createWsClientTransport(wsUrl(), socketWithOrigin());
  cockpit = new ContractClient(transport);
  await waitFor(() => transport.isOpen);
});

afterAll(async () => {
  transport?.dispose();
  redis?.disconnect();
  await engine?.stop();
});

describe('frames the engine cannot read', () => {
  it('closes the connection of a 10 MB frame with code 1009, counts it, and the engine and other connections carry on', async () => {
    const before = await badInputCount('websocket');
    const ws = await openSocket();
    const closed = closeOf(ws);
    ws.send('x'.repeat(10 * 2 ** 20));
    expect((await closed).code).toBe(1009);
    await counted('websocket', before);
    await waitFor(() => engine.output().includes(`connection closed: a message over the ${MAX_CLIENT_MESSAGE_BYTES}-byte limit (code 1009)`));
    await engineCarriesOn();
  });

  it('closes the connection of a text frame that is not UTF-8 with code 1007, counts it, and the engine carries on', async () => {
    const before = await badInputCount('websocket');
    const ws = await openSocket();
    const closed = closeOf(ws);
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await closed).code).toBe(1007);
    await counted('websocket', before);
    await waitFor(() => engine.output().includes('connection closed: a text frame that is not UTF-8 (code 1007)'));
    await engineCarriesOn();
  });

  it('answers binary and non-JSON frames with a protocol error that says what the frame was, counts both, and keeps the connection', async () => {
    const before = await badInputCount('websocket');
    const ws = await openSocket();
    let reply = nextMessage(ws);
    ws.send(Buffer.from([1, 2, 3]));
    expect(await reply).toMatchObject({ t: 'protocolError', error: { code: 'BAD_REQUEST', message: expect.stringMatching(/binary frame/) } });
    reply = nextMessage(ws);
    ws.send('{not json');
    const notJson = await reply;
    expect(notJson.error?.message).toMatch(/^unreadable message: not JSON/);
    expect(notJson.error?.message).not.toMatch(/discriminator/);
    reply = nextMessage(ws);
    ws.send(JSON.stringify({ t: 'call', id: 1, command: 'getTradingState', input: {} }));
    expect(await reply).toMatchObject({ t: 'result', id: 1, ok: true });
    ws.close();
    await counted('websocket', before, 2);
    await engineCarriesOn();
  });

  it('refuses a message of an unknown kind by naming the kinds it knows', async () => {
    const ws = await openSocket();
    const reply = nextMessage(ws);
    ws.send(JSON.stringify({ t: 'hello', id: 1 }));
    expect((await reply).error?.message).toBe('malformed message: t: got "hello", expected one of "call", "subscribe", "unsubscribe"');
    ws.close();
  });
});

describe('what one client may ask', () => {
  it('refuses subscriptions past the limit with LIMIT_REACHED and counts them, while health and the kill switch keep answering', async () => {
    const flooderTransport = createWsClientTransport(wsUrl(), socketWithOrigin());
    const flooder = new ContractClient(flooderTransport);
    await waitFor(() => flooder.connected);
    // Every stream of every configured symbol, again and again: 300 subscriptions asked for at once.
    const perSymbol = (Object.keys(streams) as StreamName[]).filter((name) => streams[name].params.safeParse({ symbol: 'SPY' }).success);
    const every: Array<[StreamName, object]> = [
      ...(Object.keys(streams) as StreamName[]).filter((name) => !perSymbol.includes(name)).map((name): [StreamName, object] => [name, {}]),
      ...perSymbol.filter((name) => name !== 'book').flatMap((name) => LIGHT_SYMBOLS.map(({ symbol }): [StreamName, object] => [name, { symbol }])),
    ];
    const asked = MAX_SUBSCRIPTIONS_PER_CONNECTION + 44;
    const refusals: string[] = [];
    const before = await badInputCount('websocket');
    for (let n = 0; n < asked; n++) {
      const [stream, params] = every[n % every.length]!;
      flooder.subscribe(stream, params as never, () => undefined, (error) => refusals.push(`${error.code}: ${error.message}`));
    }
    // Meanwhile the engine answers health and the kill switch; 1 s is only a bound proving nothing blocks (see the
    // contractFlood benchmark for the latencies).
    const slowest = { health: 0, killSwitch: 0 };
    for (let i = 0; i < 10; i++) {
      let started = performance.now();
      expect((await request({ path: '/api/health' })).status).toBe(200);
      slowest.health = Math.max(slowest.health, performance.now() - started);
      started = performance.now();
      await cockpit.call('setTradingState', { state: i % 2 === 0 ? 'HALTED' : 'REDUCING', reason: 'flood drill', confirmed: true });
      slowest.killSwitch = Math.max(slowest.killSwitch, performance.now() - started);
    }
    await waitFor(() => refusals.length === asked - MAX_SUBSCRIPTIONS_PER_CONNECTION);
    const refusal = new RegExp(`^LIMIT_REACHED: subscribe \\w+ refused: subscription limit reached \\(this connection holds ${MAX_SUBSCRIPTIONS_PER_CONNECTION},`);
    for (const refused of refusals) expect(refused).toMatch(refusal);
    expect(refusals[0]).toMatch(/unsubscribe from streams it no longer shows$/);
    await counted('websocket', before, asked - MAX_SUBSCRIPTIONS_PER_CONNECTION);
    expect(slowest.health).toBeLessThan(1_000);
    expect(slowest.killSwitch).toBeLessThan(1_000);
    await engineCarriesOn();
    flooderTransport.dispose();
    await cockpit.call('setTradingState', { state: 'ACTIVE', reason: 'flood drill over', confirmed: true });
  });

  it('refuses messages past the rate limit with LIMIT_REACHED, counts them, and still passes the kill switch', async () => {
    const ws = await openSocket();
    const replies: Array<{ id: number; ok: boolean; error?: { code: string; message: string } }> = [];
    ws.on('message', (data) => replies.push(JSON.parse(data.toString()) as (typeof replies)[number]));
    const burst = MESSAGE_BURST + 300;
    const before = await badInputCount('websocket');
    for (let id = 0; id < burst; id++) ws.send(JSON.stringify({ t: 'call', id, command: 'getSession', input: {} }));
    ws.send(JSON.stringify({ t: 'call', id: burst, command: 'setTradingState', input: { state: 'HALTED', reason: 'rate drill' } }));
    await waitFor(() => replies.length === burst + 1);
    const refused = replies.filter((reply) => !reply.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.error).toEqual({
      code: 'LIMIT_REACHED',
      message: `getSession refused: more than ${MESSAGES_PER_SECOND} messages a second (bursts of ${MESSAGE_BURST}) on this connection; slow down`,
    });
    expect(replies.find((reply) => reply.id === burst)).toMatchObject({ ok: true, value: { state: 'HALTED' } });
    await counted('websocket', before, refused.length);
    ws.close();
    await cockpit.call('setTradingState', { state: 'ACTIVE', reason: 'rate drill over', confirmed: true });
  });

  it('closes connections past the limit with code 1013 and a reason, and serves new ones once others close', async () => {
    const before = await badInputCount('websocket');
    const sockets = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => openSocket()));
    const closes = sockets.map((ws) => Promise.race([closeOf(ws), sleep(1_000).then(() => null)]));
    const refused = (await Promise.all(closes)).filter((close) => close !== null);
    // The cockpit holds one connection already, so at least one of these is one too many.
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const close of refused) {
      expect(close).toEqual({ code: 1013, reason: `too many connections: the engine serves at most ${MAX_CONNECTIONS}; close another cockpit tab` });
    }
    await counted('websocket', before, refused.length);
    sockets.forEach((ws) => ws.close());
    await waitFor(async () => {
      const ws = await openSocket();
      const stillRefused = await Promise.race([closeOf(ws).then(() => true), sleep(300).then(() => false)]);
      ws.close();
      return !stillRefused;
    });
    await engineCarriesOn();
  });

  it('refuses a stream of an unconfigured symbol by name and counts it', async () => {
    const before = await badInputCount('websocket');
    const error = await new Promise<Error>((resolve) => cockpit.subscribe('quote', { symbol: 'ZZZ' }, () => undefined, resolve));
    expect(error.message).toBe('symbol ZZZ is not configured; configured: SPY, AAPL');
    await counted('websocket', before);
  });
});

describe('the HTTP side', () => {
  it('answers /api/health to GET and HEAD only, naming the methods it allows, and counts the others', async () => {
    const before = await badInputCount('http');
    expect((await request({ path: '/api/health' })).status).toBe(200);
    const head = await request({ path: '/api/health', method: 'HEAD' });
    expect([head.status, head.body]).toEqual([200, '']);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const refused = await request({ path: '/api/health', method });
      expect([refused.status, refused.headers.allow, refused.body]).toEqual([405, 'GET, HEAD', `Method ${method} not allowed: only GET and HEAD`]);
    }
    await counted('http', before, 4);
  });

  it('answers only requests addressed to 127.0.0.1 or localhost, so a DNS-rebinding page cannot read health', async () => {
    const before = await badInputCount('http');
    expect((await request({ path: '/api/health', headers: { host: `localhost:${engine.port}` } })).status).toBe(200);
    const rebound = await request({ path: '/api/health', headers: { host: `attacker.example:${engine.port}` } });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toMatch(/^Forbidden host "attacker\.example:\d+": this server answers only as 127\.0\.0\.1 or localhost/);
    await counted('http', before);
  });

  it('counts every refused connection attempt but logs only a few lines of them', async () => {
    const before = await badInputCount('websocket');
    const attempts = 300;
    await Promise.all(
      Array.from(
        { length: attempts },
        () =>
          new Promise<void>((resolve) => {
            const ws = new WebSocket(`ws://127.0.0.1:${engine.port}/ws?token=wrong`, { origin: origin() });
            ws.on('error', () => resolve());
            ws.once('unexpected-response', () => resolve());
          }),
      ),
    );
    await counted('websocket', before, attempts);
    const logged = engine.output().split('\n').filter((line) => line.includes('connection refused: Bad token')).length;
    expect(logged).toBeLessThanOrEqual(LOG_LINES_PER_WINDOW);
    await engineCarriesOn();
  });
});
