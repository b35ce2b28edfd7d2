import { afterEach, describe, expect, it } from 'vitest';
import { blackScholes } from '../../../core/analytics/blackScholes';
import { computeGammaExposure, DEFAULT_GEX_SETTINGS, type GammaExposureSettings } from '../../../core/analytics/gammaExposure';
import { GexService, type GexServiceOptions } from '../../../core/analytics/gexService';
import { createEngineBus, type ChainRefresh, type EngineBus } from '../../../core/bus/catalogue';
import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import { addDays, etToUtc } from '../../../core/market/newYorkTime';
import type { OptionChainSnapshot, OptionContractQuote } from '../../../core/market/optionChain';
import { emptyQuote, type Quote } from '../../../core/market/quote';

const today = '2026-12-07';
const now = etToUtc(today, 11, 0);
const settings: GammaExposureSettings = { ...DEFAULT_GEX_SETTINGS, rate: 0.04, dividendYield: 0.01 };

/** Puts heavy below 100, calls above, over three expiries: 240 contracts. */
function chainAt(asOf: number, callSize = 2000): OptionChainSnapshot {
  const contracts: OptionContractQuote[] = [];
  for (const days of [0, 4, 24]) {
    const expiry = addDays(today, days);
    for (let strike = 80; strike < 120; strike += 1) {
      for (const type of ['call', 'put'] as const) {
        const openInterest = type === 'call' ? (strike >= 100 ? callSize : 300) : strike < 100 ? 2500 : 300;
        contracts.push({
          contractId: `${expiry}${type}${strike}`, expiry, strike, type, openInterest, iv: 0.2 + 0.002 * Math.abs(strike - 100),
          bid: 1, bidSize: 1, ask: 1.1, askSize: 1, last: 1, mark: 1.05, volume: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0,
        });
      }
    }
  }
  return { symbol: 'XYZ', asOf, quoteDate: today, contracts, skipped: 0 };
}

function refreshOf(chain: OptionChainSnapshot | Error, asOf = now - 60_000): ChainRefresh {
  return { symbol: 'XYZ', asOf, load: () => (chain instanceof Error ? Promise.reject(chain) : Promise.resolve(chain)) };
}

function quoteAt(bid: number, ask: number, ts = now - 1_000): Quote {
  return { ...emptyQuote('XYZ'), bid, ask, last: bid, ts };
}

interface Harness {
  bus: EngineBus;
  service: GexService;
  updates: GammaExposureUpdate[];
  problems: string[];
  yields: { count: number };
}

let running: GexService | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

function harness(extra: Partial<GexServiceOptions> = {}): Harness {
  const bus = createEngineBus((topic, error) => {
    throw new Error(`subscriber of ${topic} failed: ${String(error)}`);
  });
  const yields = { count: 0 };
  const problems: string[] = [];
  const service = new GexService({
    bus, symbols: ['XYZ'], settings, repriceStep: 0.005, now: () => now,
    slicing: { sliceMs: 0, yieldTurn: () => (yields.count++, new Promise((resolve) => setImmediate(resolve))) },
    onProblem: (_symbol, problem) => problems.push(problem),
    ...extra,
  });
  const updates: GammaExposureUpdate[] = [];
  bus.subscribe('gexUpdated', (u) => updates.push(u));
  service.start();
  running = service;
  return { bus, service, updates, problems, yields };
}

describe('GEX service', () => {
  it('prices a refreshed chain at the live mid in slices and publishes the same figures as one whole computation', async () => {
    const { bus, service, updates, yields } = harness();
    const quote = quoteAt(100.9, 101.1);
    bus.publish('quoteChanged', quote);
    const chain = chainAt(now - 60_000);
    bus.publish('chainRefreshed', refreshOf(chain));
    await service.idle();

    expect(updates).toHaveLength(1);
    const whole = computeGammaExposure({ chain, spot: 101, spotAsOf: quote.ts, now }, settings);
    expect(updates[0]).toEqual({ ...whole, trigger: 'chain', computedAt: now });
    expect(updates[0]!.chainAsOf).toBe(now - 60_000);
    expect(updates[0]!.spotAsOf).toBe(quote.ts);
    expect(updates[0]!.flip.level).not.toBeNull();
    expect(yields.count).toBeGreaterThanOrEqual(4); // the event loop had its turns between slices: pricing, four grid parts, finish
    expect(service.stats).toMatchObject({ computations: 1, failures: 0, lastSkippedContracts: 0 });
  });

  it('prices the contracts sent without an IV with the engine’s own, implied from their mark, and counts them', async () => {
    const asOf = now - 60_000;
    const complete: OptionContractQuote[] = [];
    for (const days of [4, 24]) {
      const expiry = addDays(today, days);
      const time = (etToUtc(expiry, 16) - asOf) / (365 * 86_400_000);
      for (let strike = 90; strike <= 110; strike += 1) {
        for (const type of ['call', 'put'] as const) {
          const iv = 0.2 + 0.004 * Math.abs(strike - 100);
          const g = blackScholes({ spot: 100, strike, time, vol: iv, rate: settings.rate, dividendYield: settings.dividendYield, right: type === 'call' ? 'C' : 'P' });
          complete.push({
            contractId: `${expiry}${type}${strike}`, expiry, strike, type, openInterest: 1000, iv, bid: g.price, bidSize: 1, ask: g.price, askSize: 1,
            last: g.price, mark: g.price, volume: 0, delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho,
          });
        }
      }
    }
    const sent = complete.map((c, i) => (i % 5 === 2 ? { ...c, iv: 0, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 } : c));
    const { bus, service, updates } = harness();
    const quote = quoteAt(100.9, 101.1);
    bus.publish('quoteChanged', quote);
    bus.publish('chainRefreshed', refreshOf({ symbol: 'XYZ', asOf, quoteDate: today, contracts: sent, skipped: 0 }));
    await service.idle();
    const whole = computeGammaExposure({ chain: { symbol: 'XYZ', asOf, contracts: complete }, spot: 101, spotAsOf: quote.ts, now }, settings);
    expect(updates[0]!.contracts).toEqual({ used: 84, withoutIv: 0, expired: 0, invalid: 0, ownIv: sent.filter((c) => c.iv === 0).length });
    expect(updates[0]!.contracts.ownIv).toBe(17);
    const { callGex, putGex, dex } = updates[0]!.totals;
    expect(callGex / whole.totals.callGex - 1).toBeCloseTo(0, 8);
    expect(putGex / whole.totals.putGex - 1).toBeCloseTo(0, 8);
    expect(dex / whole.totals.dex - 1).toBeCloseTo(0, 8);
  });

  it('waits for a first quote before pricing a chain, then prices it at that quote', async () => {
    const { bus, service, updates } = harness();
    bus.publish('chainRefreshed', refreshOf(chainAt(now - 60_000)));
    await service.idle();
    expect(updates).toHaveLength(0);
    expect(service.stats.waitingForSpot).toBe(1);
    bus.publish('quoteChanged', { ...emptyQuote('XYZ'), last: 99.5, ts: now });
    await service.idle();
    expect(updates.map((u) => u.spot)).toEqual([99.5]);
  });

  it('re-prices the kept chain only when the live spot moves more than the step from the spot last priced', async () => {
    const { bus, service, updates } = harness();
    const quote = quoteAt(99.9, 100.1);
    bus.publish('quoteChanged', quote);
    bus.publish('chainRefreshed', refreshOf(chainAt(now - 60_000)));
    await service.idle();
    // The venue updates its live quote object in place: 0.3%, then 0.6% from 100.
    Object.assign(quote, { bid: 100.2, ask: 100.4, ts: now });
    bus.publish('quoteChanged', quote);
    await service.idle();
    expect(updates).toHaveLength(1);
    Object.assign(quote, { bid: 100.5, ask: 100.7, ts: now + 1 });
    bus.publish('quoteChanged', quote);
    await service.idle();
    expect(updates.map((u) => [u.trigger, u.spot])).toEqual([['chain', 100], ['spot', 100.6]]);
    expect(updates[1]!.spotAsOf).toBe(now + 1);
    expect(updates[1]!.chainAsOf).toBe(updates[0]!.chainAsOf);
    expect(updates[1]!.totals.gex).not.toBe(updates[0]!.totals.gex);
    expect(service.stats).toMatchObject({ computations: 2, reprices: 1 });
  });

  it('drops a computation in progress when a newer chain comes in, and publishes the newer chain only', async () => {
    let release: (() => void) | null = null;
    const { bus, service, updates } = harness({
      // The first yield waits until the test lets it go: the older chain is mid-computation meanwhile.
      slicing: { sliceMs: 0, yieldTurn: () => new Promise((resolve) => (release === null ? (release = () => resolve()) : setImmediate(resolve))) },
    });
    bus.publish('quoteChanged', quoteAt(99.9, 100.1));
    bus.publish('chainRefreshed', refreshOf(chainAt(now - 120_000), now - 120_000));
    await new Promise((resolve) => setImmediate(resolve));
    expect(release).not.toBeNull();
    bus.publish('chainRefreshed', refreshOf(chainAt(now - 60_000, 6000), now - 60_000));
    release!();
    await service.idle();
    expect(updates.map((u) => u.chainAsOf)).toEqual([now - 60_000]);
    expect(service.stats).toMatchObject({ computations: 1, overtaken: 1 });
  });

  it('counts and reports a chain that cannot be read back, keeps the last figures and still re-prices them', async () => {
    const { bus, service, updates, problems } = harness();
    const quote = quoteAt(99.9, 100.1);
    bus.publish('quoteChanged', quote);
    bus.publish('chainRefreshed', refreshOf(chainAt(now - 120_000), now - 120_000));
    await service.idle();
    bus.publish('chainRefreshed', refreshOf(new Error('Redis read timed out'), now - 60_000));
    await service.idle();
    bus.publish('chainRefreshed', refreshOf(null as unknown as OptionChainSnapshot, now - 30_000)); // no longer stored
    await service.idle();
    expect(updates).toHaveLength(1);
    expect(service.stats.failures).toBe(2);
    expect(problems[0]).toMatch(/option chain of XYZ .* could not be read back; the last GEX is kept/);
    expect(problems[1]).toMatch(/no longer stored/);

    Object.assign(quote, { bid: 101, ask: 101.2 });
    bus.publish('quoteChanged', quote);
    await service.idle();
    expect(updates.map((u) => [u.trigger, u.chainAsOf])).toEqual([['chain', now - 120_000], ['spot', now - 120_000]]);
  });

  it('ignores chains and quotes of symbols it does not serve', async () => {
    const { bus, service, updates } = harness();
    bus.publish('quoteChanged', { ...quoteAt(99.9, 100.1), symbol: 'ABC' });
    bus.publish('chainRefreshed', { ...refreshOf(chainAt(now)), symbol: 'ABC' });
    await service.idle();
    expect(updates).toHaveLength(0);
  });
});

describe('GEX service stopping', () => {
  it('stops at once while a chain is still being read back, and publishes nothing when the read-back answers later', async () => {
    const { bus, service, updates } = harness();
    let answer: ((chain: OptionChainSnapshot) => void) | null = null;
    bus.publish('quoteChanged', quoteAt(99.9, 100.1));
    bus.publish('chainRefreshed', { symbol: 'XYZ', asOf: now, load: () => new Promise((resolve) => (answer = resolve)) });
    await service.stop(); // would hang if it waited for the read-back
    answer!(chainAt(now));
    await service.idle();
    expect(updates).toHaveLength(0);
  });
});
