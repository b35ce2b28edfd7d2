import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainRowsWorker } from '../../../../core/venues/alphavantage/chainRowsPool';
import { readOptionChain, readOptionChainSplit, type ReadChain } from '../../../../core/venues/alphavantage/optionChainReader';

const AS_OF = Date.UTC(2025, 0, 3, 15);
const CALL = 'REALTIME_OPTIONS SPY';
const EXPIRIES = ['2025-01-17', '2025-02-21', '2025-03-21', '2025-06-20'];

/** A REALTIME_OPTIONS row in AV's format; `bid` lets a test make it one the reader refuses. */
function row(i: number, bid = '12.30'): Record<string, string> {
  const expiry = EXPIRIES[i % EXPIRIES.length]!;
  const strike = 300 + Math.floor(i / 8) * 0.5;
  const call = i % 2 === 0;
  const occ = `SPY${expiry.slice(2).replaceAll('-', '')}${call ? 'C' : 'P'}${String(Math.round(strike * 1000)).padStart(8, '0')}`;
  return {
    contractID: occ, symbol: 'SPY', expiration: expiry, strike: strike.toFixed(2), type: call ? 'call' : 'put',
    last: '12.35', mark: '12.40', bid, bid_size: String(10 + (i % 40)), ask: '12.50', ask_size: '40', volume: String(i), open_interest: '20441',
    date: '2025-01-03', implied_volatility: (0.15 + (i % 30) / 1000).toFixed(5), delta: call ? '0.51230' : '-0.48770', gamma: '0.01422', theta: '-0.12140', vega: '0.45120', rho: '0.11233',
  };
}

/** 4,000 rows (about 1.5 MB), a refused one every 97 rows, so both halves refuse some. */
const rows = () => Array.from({ length: 4_000 }, (_, i) => row(i, i % 97 === 5 ? '-1' : '12.30'));
const answer = (data: unknown[], space?: number) => JSON.stringify({ endpoint: 'Realtime Options', message: 'success', data }, null, space);

function expectSameRead(split: ReadChain, single: ReadChain): void {
  expect(split.encoded.chain.toString()).toBe(single.encoded.chain.toString());
  expect(split.encoded.greeks.toString()).toBe(single.encoded.greeks.toString());
  expect(split.count).toBe(single.count);
  expect(split.skipped).toBe(single.skipped);
  expect(split.refused).toEqual(single.refused);
  expect(split.snapshot()).toEqual(single.snapshot());
}

describe('a large chain read on two threads', () => {
  const worker = new ChainRowsWorker();
  const readRows = worker.read.bind(worker);
  beforeAll(() => worker.start(), 30_000);
  afterAll(() => worker.stop());

  it('gives exactly what one thread gives: stored documents, refusals and contracts, with the worker reading a share', async () => {
    const body = Buffer.from(answer(rows()));
    const before = worker.jobsRead;
    const split = await readOptionChainSplit(body, CALL, 'SPY', AS_OF, readRows);
    expect(worker.jobsRead).toBe(before + 1);
    const single = readOptionChain(body, CALL, 'SPY', AS_OF);
    expectSameRead(split, single);
    expect(split.count).toBe(4_000 - 42);
    expect(split.refused).toEqual({ 'negative price': 42 });
  });

  it('splits a pretty-printed answer between rows too', async () => {
    const body = answer(rows(), 2);
    const before = worker.jobsRead;
    expectSameRead(await readOptionChainSplit(body, CALL, 'SPY', AS_OF, readRows), readOptionChain(body, CALL, 'SPY', AS_OF));
    expect(worker.jobsRead).toBe(before + 1);
  });

  it("takes the general path, as one thread does, when the worker's half has a value the scanner does not read", async () => {
    const data: Array<Record<string, unknown>> = rows();
    data[3_500]!.symbol = 'MARKER';
    const body = answer(data).replace('"MARKER"', '"S\\u0050Y"'); // "SPY" with an escape: only the general path reads escapes
    expect(body).toContain('"S\\u0050Y"');
    const before = worker.jobsRead;
    const split = await readOptionChainSplit(body, CALL, 'SPY', AS_OF, readRows);
    expect(worker.jobsRead).toBe(before + 1); // the worker met it in its half
    expectSameRead(split, readOptionChain(body, CALL, 'SPY', AS_OF));
    expect(split.count).toBe(4_000 - 42);
  });

  it('reads the whole chain itself when there is no worker to share with', async () => {
    const idle = new ChainRowsWorker(); // never started
    const body = answer(rows());
    expectSameRead(await readOptionChainSplit(body, CALL, 'SPY', AS_OF, idle.read.bind(idle)), readOptionChain(body, CALL, 'SPY', AS_OF));
  });

  it('reads the rest itself when the worker is stopped while it holds a share', async () => {
    const leaving = new ChainRowsWorker();
    await leaving.start();
    const body = answer(rows());
    const reading = readOptionChainSplit(body, CALL, 'SPY', AS_OF, (...job) => {
      const share = leaving.read(...job);
      void leaving.stop(); // gone before it answers: its share is handed back unread
      return share;
    });
    expectSameRead(await reading, readOptionChain(body, CALL, 'SPY', AS_OF));
    expect(leaving.jobsRead).toBe(0);
  });

  it('reads a small chain on one thread', async () => {
    const body = answer(rows().slice(0, 100));
    const before = worker.jobsRead;
    expectSameRead(await readOptionChainSplit(body, CALL, 'SPY', AS_OF, readRows), readOptionChain(body, CALL, 'SPY', AS_OF));
    expect(worker.jobsRead).toBe(before);
  });
});
