import { afterEach, describe, expect, it } from 'vitest';
import { blackScholes } from '../../../core/analytics/blackScholes';
import { ChainAnalyticsCore, type ChainAnalytics } from '../../../core/analytics/chainAnalytics';
import { computeGammaExposure, DEFAULT_GEX_SETTINGS, type GammaExposureSettings } from '../../../core/analytics/gammaExposure';
import { GexService, type GexServiceOptions } from '../../../core/analytics/gexService';
import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import { flowSchema } from '../../../core/config/flowSchema';
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

/** What the store holds for XYZ: a chain, nothing, a read that fails, or one that answers when the test says. */
type Stored = OptionChainSnapshot | null | Error | Promise<OptionChainSnapshot>;

/** The analytics as the app's thread runs them, reading chains from `store` instead of Redis. */
function analyticsOn(store: { stored: Stored }): ChainAnalytics {
  const chains = async () => {
    const { stored } = store;
    if (stored instanceof Error) throw stored;
    return stored;
  };
  const flowStorage = { readState: async () => null, readIvHistory: async () => null, readReading: async () => null, write: async () => undefined };
  return new ChainAnalyticsCore({ chains, flowStorage, gex: settings, flow: flowSchema.parse({}) });
}

function quoteAt(bid: number, ask: number, ts = now - 1_000): Quote {
  return { ...emptyQuote('XYZ'), bid, ask, last: bid, ts };
}

interface Harness {
  bus: EngineBus;
  service: GexService;
  updates: GammaExposureUpdate[];
  problems: string[];
  /** Stores `chain` and announces it, as the Alpha Vantage venue does. */
  refresh: (chain: Stored, asOf?: number) => void;
}

let running: GexService | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

function harness(extra: Partial<GexServiceOptions> = {}, store: { stored: Stored } = { stored: null }): Harness {
  const bus = createEngineBus((topic, error) => {
    throw new Error(`subscriber of ${topic} failed: ${String(error)}`);
  });
  const problems: string[] = [];
  const service = new GexService({
    bus, symbols: ['XYZ'], analytics: analyticsOn(store), repriceStep: 0.005, now: () => now,
    onProblem: (_symbol, problem) => problems.push(problem),
    ...extra,
  });
  const updates: GammaExposureUpdate[] = [];
  bus.subscribe('gexUpdated', (u) => updates.push(u));
  service.start();
  running = service;
  const refresh = (chain: Stored, asOf = now - 60_000) => {
    store.stored = chain;
    bus.publish('chainRefreshed', { symbol: 'XYZ', asOf, load: () => Promise.reject(new Error('the GEX service reads no chain itself')) });
  };
  return { bus, service, updates, problems, refresh };
}

describe('GEX service', () => {
  it('prices a refreshed chain at the live mid through the analytics and publishes the same figures as one whole computation', async () => {
    const { bus, service, updates, refresh } = harness();
    const quote = quoteAt(100.9, 101.1);
    bus.publish('quoteChanged', quote);
    const chain = chainAt(now - 60_000);
    refresh(chain);
    await service.idle();

    expect(updates).toHaveLength(1);
    const whole = computeGammaExposure({ chain, spot: 101, spotAsOf: quote.ts, now }, settings);
    expect(updates[0]).toEqual({ ...whole, trigger: 'chain', computedAt: now });
    expect(updates[0]!.chainAsOf).toBe(now - 60_000);
    expect(updates[0]!.spotAsOf).toBe(quote.ts);
    expect(updates[0]!.flip.level).not.toBeNull();
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
    const { bus, service, updates, refresh } = harness();
    const quote = quoteAt(100.9, 101.1);
    bus.publish('quoteChanged', quote);
    refresh({ symbol: 'XYZ', asOf, quoteDate: today, contracts: sent, skipped: 0 }, asOf);
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
    const { bus, service, updates, refresh } = harness();
    refresh(chainAt(now - 60_000));
    await service.idle();
    expect(updates).toHaveLength(0);
    expect(service.stats.waitingForSpot).toBe(1);
    bus.publish('quoteChanged', { ...emptyQuote('XYZ'), last: 99.5, ts: now });
    await service.idle();
    expect(updates.map((u) => u.spot)).toEqual([99.5]);
  });

  it('re-prices the kept chain only when the live spot moves more than the step from the spot last priced', async () => {
    const { bus, service, updates, refresh } = harness();
    const quote = quoteAt(99.9, 100.1);
    bus.publish('quoteChanged', quote);
    refresh(chainAt(now - 60_000));
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
    const gate: { release: (() => void) | null } = { release: null };
    const store = { stored: null as Stored };
    const analytics = analyticsOn(store);
    const { bus, service, updates, refresh } = harness({
      // The first pricing answers only when the test lets it go: the older chain is mid-computation meanwhile.
      analytics: {
        loadGexChain: (symbol, asOf) => analytics.loadGexChain(symbol, asOf),
        priceGex: async (symbol, at) => {
          const priced = await analytics.priceGex(symbol, at);
          if (gate.release === null) await new Promise<void>((resolve) => (gate.release = resolve));
          return priced;
        },
      },
    }, store);
    bus.publish('quoteChanged', quoteAt(99.9, 100.1));
    refresh(chainAt(now - 120_000), now - 120_000);
    while (gate.release === null) await new Promise((resolve) => setImmediate(resolve));
    refresh(chainAt(now - 60_000, 6000), now - 60_000);
    gate.release!();
    await service.idle();
    expect(updates.map((u) => u.chainAsOf)).toEqual([now - 60_000]);
    expect(service.stats).toMatchObject({ computations: 1, overtaken: 1 });
  });

  it('counts and reports a chain that cannot be read back, keeps the last figures and still re-prices them', async () => {
    const { bus, service, updates, problems, refresh } = harness();
    const quote = quoteAt(99.9, 100.1);
    bus.publish('quoteChanged', quote);
    refresh(chainAt(now - 120_000), now - 120_000);
    await service.idle();
    refresh(new Error('Redis read timed out'), now - 60_000);
    await service.idle();
    refresh(null, now - 30_000); // no longer stored
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

  it('reads the chain again and prices it when the analytics lost it (their thread was replaced)', async () => {
    const store = { stored: null as Stored };
    const analytics = analyticsOn(store);
    let lose = false;
    const { bus, service, updates, refresh } = harness({
      analytics: {
        loadGexChain: (symbol, asOf) => analytics.loadGexChain(symbol, asOf),
        priceGex: async (symbol, at) => (lose ? ((lose = false), null) : analytics.priceGex(symbol, at)),
      },
    }, store);
    const quote = quoteAt(99.9, 100.1);
    bus.publish('quoteChanged', quote);
    refresh(chainAt(now - 60_000));
    await service.idle();
    lose = true;
    Object.assign(quote, { bid: 101, ask: 101.2 });
    bus.publish('quoteChanged', quote);
    await service.idle();
    expect(updates.map((u) => [u.trigger, u.spot])).toEqual([['chain', 100], ['spot', 101.1]]);
    expect(service.stats).toMatchObject({ computations: 2, reprices: 1, failures: 0 });
  });

  it('ignores chains and quotes of symbols it does not serve', async () => {
    const { bus, service, updates } = harness({}, { stored: chainAt(now) });
    bus.publish('quoteChanged', { ...quoteAt(99.9, 100.1), symbol: 'ABC' });
    bus.publish('chainRefreshed', { symbol: 'ABC', asOf: now, load: async () => chainAt(now) });
    await service.idle();
    expect(updates).toHaveLength(0);
  });
});

describe('GEX service stopping', () => {
  it('stops at once while a chain is still being read back, and publishes nothing when the read-back answers later', async () => {
    const { bus, service, updates, refresh } = harness();
    let answer: ((chain: OptionChainSnapshot) => void) | null = null;
    bus.publish('quoteChanged', quoteAt(99.9, 100.1));
    refresh(new Promise((resolve) => (answer = resolve)), now);
    await new Promise((resolve) => setImmediate(resolve));
    await service.stop(); // would hang if it waited for the read-back
    answer!(chainAt(now));
    await service.idle();
    expect(updates).toHaveLength(0);
  });
});
