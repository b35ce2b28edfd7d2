import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BarSizeSetting, EventName, SecType, type Contract } from '@stoqey/ib';
import { connectClient, delay, runMarket, startHarness, waitFor, type ConnectedClient, type Harness } from './gatewayHarness';

const SPY: Contract = { symbol: 'SPY', secType: SecType.STK, exchange: 'SMART', currency: 'USD' };
const stock = (symbol: string): Contract => ({ symbol, secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
type ErrArgs = [Error, number, number];

describe('fault switches produce the TWS behaviour', () => {
  let h: Harness;
  const clients: ConnectedClient[] = [];
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.disconnect());
    await h.stop();
  });
  async function client(id: number): Promise<ConnectedClient> {
    const c = await connectClient(h.gateway.port, id);
    clients.push(c);
    return c;
  }

  it('refuses a duplicate clientId with 326 and closes that connection', async () => {
    h = await startHarness();
    await client(1);
    const ib2 = new (await import('@stoqey/ib')).IBApi({ host: '127.0.0.1', port: h.gateway.port, clientId: 1 });
    const refused = waitFor<[string, number]>(ib2, EventName.info, (_m, code) => code === 326);
    const closed = waitFor(ib2, EventName.disconnected);
    ib2.connect(1);
    await refused;
    await closed;
    expect(h.gateway.clientIds()).toEqual([1]);
  });

  it('answers error 100 when a client sends more than the allowed messages per second', async () => {
    h = await startHarness({ faults: { maxMessagesPerSecond: 5 } });
    const c = await client(1);
    const limited = waitFor<[string, number]>(c.ib, EventName.info, (_m, code) => code === 100);
    for (let i = 0; i < 12; i++) c.ib.reqCurrentTime();
    const [message] = await limited;
    expect(message).toMatch(/Max rate of messages per second has been exceeded:max=5/);
  });

  it('answers 101 beyond the ticker-line limit and 309 beyond the depth-slot limit', async () => {
    h = await startHarness({ faults: { maxTickerLines: 2, maxDepthRequests: 1 } });
    const c = await client(1);
    const tickers = waitFor<ErrArgs>(c.ib, EventName.error, (_e, code) => code === 101);
    ['SPY', 'QQQ', 'IWM'].forEach((s, i) => c.ib.reqMktData(10 + i, stock(s), '', false, false));
    expect((await tickers)[2]).toBe(12);
    const depth = waitFor<ErrArgs>(c.ib, EventName.error, (_e, code) => code === 309);
    c.ib.reqMktDepth(20, SPY, 5, true, []);
    c.ib.reqMktDepth(21, stock('QQQ'), 5, true, []);
    expect((await depth)[2]).toBe(21);
  });

  it('sends 317 and then rebuilds the book with inserts from position 0 on a depth reset', async () => {
    h = await startHarness();
    const c = await client(1);
    c.ib.reqMktDepth(30, SPY, 5, true, []);
    await runMarket(h.market, 500);
    const reset = waitFor<ErrArgs>(c.ib, EventName.error, (_e, code) => code === 317);
    const ops: Array<[number, number]> = [];
    let afterReset = false;
    c.ib.on(EventName.error, (_e: Error, code: number) => (afterReset ||= code === 317));
    c.ib.on(EventName.updateMktDepthL2, (_id: number, pos: number, _mm: string, op: number) => afterReset && ops.push([pos, op]));
    h.gateway.faults.depthReset();
    expect((await reset)[2]).toBe(30);
    await vi.waitFor(() => expect(ops[0]).toEqual([0, 0]), { timeout: 5_000, interval: 25 });
  });

  it('enforces historical pacing (162) and real-time-bar pacing (420)', async () => {
    h = await startHarness();
    const c = await client(1);
    c.ib.reqHistoricalData(40, SPY, '', '600 S', BarSizeSetting.MINUTES_ONE, 'TRADES', 0, 1, false);
    await waitFor(c.ib, EventName.historicalData, (id: number, date: string) => id === 40 && date.startsWith('finished'));
    const paced = waitFor<ErrArgs>(c.ib, EventName.error, (_e, code) => code === 162);
    c.ib.reqHistoricalData(41, SPY, '', '600 S', BarSizeSetting.MINUTES_ONE, 'TRADES', 0, 1, false);
    expect((await paced)[2]).toBe(41);
    const rt = waitFor<ErrArgs>(c.ib, EventName.error, (_e, code) => code === 420);
    c.ib.reqRealTimeBars(42, SPY, 5, 'TRADES', false, []);
    c.ib.cancelRealTimeBars(42);
    c.ib.reqRealTimeBars(43, SPY, 5, 'TRADES', false, []);
    expect((await rt)[2]).toBe(43);
  });

  it('answers 200 for an unknown or switched-off contract and 354 without permission', async () => {
    h = await startHarness({ faults: { unknownSymbols: ['QQQ'], noPermissionSymbols: ['IWM'] } });
    const c = await client(1);
    const codes: Array<[number, number]> = [];
    c.ib.on(EventName.error, (_e: Error, code: number, id: number) => codes.push([id, code]));
    c.ib.reqMktData(50, stock('NOPE'), '', false, false);
    c.ib.reqMktData(51, stock('QQQ'), '', false, false);
    c.ib.reqMktData(52, stock('IWM'), '', false, false);
    c.ib.reqContractDetails(53, { symbol: 'SPY', secType: SecType.OPT, lastTradeDateOrContractMonth: '20250106', strike: 1234.5, right: 'C' as never });
    await vi.waitFor(() => expect(codes).toEqual(expect.arrayContaining([[50, 200], [51, 200], [52, 354], [53, 200]])), { timeout: 5_000, interval: 25 });
  });

  it('serves delayed tick ids after advisory 10167 when delayed data is switched on', async () => {
    h = await startHarness({ faults: { delayedData: true } });
    const c = await client(1);
    const advisory = waitFor<ErrArgs>(c.ib, EventName.error, (_e, code) => code === 10167);
    const types = new Set<number>();
    c.ib.on(EventName.tickPrice, (_id: number, t: number) => types.add(t));
    c.ib.reqMktData(60, SPY, '', false, false);
    await advisory;
    await runMarket(h.market, 1000);
    expect([...types].every((t) => t >= 66)).toBe(true);
    expect(types.has(66)).toBe(true);
  });

  it('drops the socket in the middle of a frame', async () => {
    h = await startHarness();
    const c = await client(1);
    const gone = waitFor(c.ib, EventName.disconnected);
    h.gateway.faults.dropMidMessage();
    await gone;
  });

  it('stalls without closing the socket, then resumes', async () => {
    h = await startHarness();
    const c = await client(1);
    h.gateway.faults.stall = true;
    let times = 0;
    c.ib.on(EventName.currentTime, () => times++);
    c.ib.reqCurrentTime();
    await delay(300);
    expect(times).toBe(0);
    expect(c.ib.isConnected).toBe(true);
    h.gateway.faults.stall = false;
    await vi.waitFor(() => expect(times).toBe(1), { timeout: 5_000, interval: 25 });
  });

  it('flaps the connectivity and the data farms with 1100/1101/1102 and 2103/2104/2105/2106', async () => {
    h = await startHarness();
    const c = await client(1);
    c.ib.reqMktData(70, SPY, '', false, false);
    await runMarket(h.market, 300);
    const f = h.gateway.faults;
    f.connectivityLost();
    let ticks = 0;
    c.ib.on(EventName.tickPrice, () => ticks++);
    await runMarket(h.market, 1000);
    expect(ticks).toBe(0);
    f.connectivityRestored(true);
    f.farmDown('marketData');
    f.farmUp('marketData');
    f.farmDown('historical');
    f.farmUp('historical');
    f.connectivityLost();
    f.connectivityRestored(false);
    await vi.waitFor(() => expect(c.infos.map((i) => i.code)).toEqual(expect.arrayContaining([1100, 1102, 2103, 2104, 2105, 2106, 1101])), { timeout: 5_000, interval: 25 });
    ticks = 0;
    await runMarket(h.market, 1000);
    expect(ticks).toBe(0); // 1101: data lost, the client must resubscribe
  });

  it('delays the handshake reply by the configured time', async () => {
    h = await startHarness({ faults: { handshakeDelayMs: 400 } });
    const started = Date.now();
    await client(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it.each(['extra', 'short'] as const)('makes the client report decode errors (505) in %s-field garbage mode', async (mode) => {
    h = await startHarness({ faults: { garbage: mode, garbageEvery: 3 } });
    const c = await client(1);
    c.ib.reqMktData(80, SPY, '233', false, false);
    await runMarket(h.market, 1000);
    expect(c.errors.some((e) => e.code === 505)).toBe(true);
  });

  it('answers a malformed frame and an unknown message id with an error and keeps serving', async () => {
    h = await startHarness();
    const sock = net.connect(h.gateway.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.on('data', (d) => chunks.push(d));
    const frame = (...fields: string[]): Buffer => {
      const body = Buffer.from(fields.map((f) => `${f}\0`).join(''));
      const len = Buffer.alloc(4);
      len.writeUInt32BE(body.length);
      return Buffer.concat([len, body]);
    };
    const hello = Buffer.from('v100..193');
    const helloLen = Buffer.alloc(4);
    helloLen.writeUInt32BE(hello.length);
    sock.write(Buffer.concat([Buffer.from('API\0'), helloLen, hello]));
    sock.write(frame('71', '2', '5', ''));
    sock.write(frame('1', '11', 'abc'));
    sock.write(frame('999'));
    sock.write(frame('49', '1'));
    await delay(300);
    sock.destroy();
    const text = Buffer.concat(chunks).toString('latin1');
    expect(text).toContain('Error reading request');
    expect(text).toContain('message id 999 is not supported');
    expect(text.split('\0').join('|')).toMatch(/49\|1\|\d+\|/);
    expect(h.gateway.stats().malformedFrames).toBeGreaterThan(0);
    expect(h.gateway.stats().unsupportedRequests).toBe(1);
  });
});
