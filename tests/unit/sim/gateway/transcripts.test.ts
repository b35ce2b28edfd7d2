import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGateway } from '../../../../core/sim/gateway/gateway';
import { splitFrames } from '../../../../core/sim/gateway/wire/frameWriter';
import { createMarketModel } from '../../../../core/sim/market/marketModel';

const DIR = path.resolve('tests/fixtures/transcripts');
const UPDATE = process.env.UPDATE_TRANSCRIPTS === '1';

function frame(fields: Array<string | number>): Buffer {
  const body = Buffer.from(fields.map((f) => `${f}\0`).join(''), 'latin1');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([head, body]);
}

function hello(range: string): Buffer {
  const body = Buffer.from(range);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length);
  return Buffer.concat([Buffer.from('API\0'), head, body]);
}

const STK = (symbol: string): string[] => ['0', symbol, 'STK', '', '', '', '', 'SMART', '', 'USD', '', ''];

/**
 * A whole scripted session against the real model (seed 42, clock driven by advance()): every byte the gateway
 * sends is recorded. A reqCurrentTime after each step is the barrier that makes the byte stream deterministic.
 */
async function recordSession(range: string): Promise<Buffer> {
  const market = createMarketModel({ seed: 42 });
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gw-transcript-'));
  const gateway = await startGateway({ feed: market, port: 0, stateDir });
  const sock = net.connect(gateway.port, '127.0.0.1');
  const chunks: Buffer[] = [];
  let barriers = 0;
  sock.on('data', (d: Buffer) => {
    chunks.push(d);
    barriers = splitFrames(Buffer.concat(chunks).subarray(Buffer.concat(chunks).readUInt32BE(0) + 4)).filter((f) => f[0] === '49').length;
  });
  await new Promise((r) => sock.once('connect', r));
  const step = async (...frames: Buffer[]): Promise<void> => {
    const want = barriers + 1;
    sock.write(Buffer.concat([...frames, frame([49, 1])]));
    while (barriers < want) await new Promise((r) => setTimeout(r, 2));
  };
  sock.write(hello(range));
  await step(frame([71, 2, 3, '']));
  await step(
    frame([9, 8, 1, ...STK('SPY'), 0, '', '', '']),
    frame([78, 2, 'SPY', '', 'STK', 756733]),
    frame([1, 11, 3, ...STK('SPY'), 0, '233', 0, 0, '']),
    frame([10, 5, 4, ...STK('SPY'), 5, 1, '']),
    frame([50, 3, 5, ...STK('SPY'), 5, 'TRADES', 0, '']),
  );
  for (let i = 0; i < 24; i++) {
    market.advance(250);
    await step();
  }
  await step(frame([3, 1, ...STK('AAPL'), '', '', 'BUY', 300, 'MKT', '', '', 'DAY', '', '', '', 0, '', 1, 0, 0, 0, '', 0, 0, 0]));
  await step(frame([61, 1]), frame([5, 1]), frame([7, 3, 6, '', '', '', '', '', '', '']));
  sock.destroy();
  await gateway.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
  return Buffer.concat(chunks);
}

function firstDifference(a: Buffer, b: Buffer): string {
  const fa = splitFrames(a.subarray(a.readUInt32BE(0) + 4));
  const fb = splitFrames(b.subarray(b.readUInt32BE(0) + 4));
  const i = fa.findIndex((f, k) => f.join('|') !== (fb[k] ?? []).join('|'));
  return i < 0 ? `lengths differ: ${fa.length} vs ${fb.length} frames` : `frame ${i}: got ${fa[i]!.join('|')} expected ${(fb[i] ?? []).join('|')}`;
}

describe.each([['v100..193', 'session-v193.bin'], ['v157..178', 'session-v178.bin']])('golden transcript for a client offering %s', (range, file) => {
  it('reproduces the recorded session byte for byte with seed 42', async () => {
    const bytes = await recordSession(range);
    const golden = path.join(DIR, file);
    if (UPDATE || !fs.existsSync(golden)) {
      if (!UPDATE) throw new Error(`${golden} is missing; run with UPDATE_TRANSCRIPTS=1 to record it`);
      fs.mkdirSync(DIR, { recursive: true });
      fs.writeFileSync(golden, bytes);
    }
    const expected = fs.readFileSync(golden);
    if (!bytes.equals(expected)) expect.fail(`transcript differs from ${file}: ${firstDifference(bytes, expected)}`);
    const frames = splitFrames(bytes.subarray(bytes.readUInt32BE(0) + 4));
    const ids = new Set(frames.map((f) => f[0]));
    for (const id of ['15', '9', '4', '10', '52', '75', '76', '81', '58', '1', '2', '13', '5', '3', '11', '59', '61', '62', '53', '55']) expect(ids).toContain(id);
  });
});
