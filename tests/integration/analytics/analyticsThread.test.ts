import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainAnalyticsCore } from '../../../core/analytics/chainAnalytics';
import { computeGammaExposure, type GammaExposureSettings } from '../../../core/analytics/gammaExposure';
import { GexService } from '../../../core/analytics/gexService';
import { computeFlow, valuationTimeOf } from '../../../core/analytics/optionsFlow';
import { OptionsFlowService } from '../../../core/analytics/optionsFlowService';
import { emptyState } from '../../../core/analytics/optionsFlowState';
import { fillChainGreeks } from '../../../core/analytics/ownGreeks';
import { AnalyticsWorker } from '../../../core/app/analyticsWorker';
import { gexSettings } from '../../../core/app/gexModule';
import { createEngineBus, type EngineBus } from '../../../core/bus/catalogue';
import { flowSchema } from '../../../core/config/flowSchema';
import { gexSchema } from '../../../core/config/gexSchema';
import type { GammaExposureUpdate } from '../../../core/market/gammaExposureReading';
import type { OptionChainSnapshot } from '../../../core/market/optionChain';
import type { OptionsFlowReading, UnusualOptionsActivityEvent } from '../../../core/market/optionsFlow';
import { emptyQuote, type Quote } from '../../../core/market/quote';
import { DEFAULT_START_TS } from '../../../core/sim/market/marketModel';
import { AlphaVantageStore } from '../../../core/store/alphaVantageStore';
import { keys } from '../../../core/store/keys';
import { OptionsFlowStore } from '../../../core/store/optionsFlowStore';
import { loadChain } from '../../../core/venues/alphavantage/chainCall';
import { encodeOptions } from '../../../core/venues/alphavantage/chainColumns';
import { startAvTestBed, waitFor, type AvTestBed } from '../venues/alphavantage/avTestBed';

/**
 * GEX and the options flow computed on the analytics thread (core/app/analyticsWorker.ts), as the engine runs them:
 * a chain fetched over HTTP from the simulated Alpha Vantage and stored in a real Redis by the chain reader's thread,
 * then read, priced and stored by the analytics thread; the engine's side only receives the figures.
 */
describe('chain analytics on their own thread', () => {
  const flowSettings = flowSchema.parse({});
  const gex: GammaExposureSettings = gexSettings(gexSchema.parse({})).settings;
  const now = DEFAULT_START_TS + 2 * 3_600_000 + 5_000;
  let bed: AvTestBed;
  let bus: EngineBus;
  let worker: AnalyticsWorker;
  let gexService: GexService;
  let flowService: OptionsFlowService;
  let chain: OptionChainSnapshot;
  const updates: GammaExposureUpdate[] = [];
  const readings: OptionsFlowReading[] = [];
  const unusual: UnusualOptionsActivityEvent[] = [];
  const problems: string[] = [];
  const warnings: string[] = [];
  const quote: Quote = { ...emptyQuote('SPY'), ts: now - 1_000 };

  /** What the pure functions give for the stored chain: our own IV where the vendor sent none, then GEX at `at`. */
  const gexOf = async (at: { spot: number; spotAsOf: number; now: number }) => {
    const own = await fillChainGreeks(chain, valuationTimeOf(chain), gex.rate);
    return computeGammaExposure({ chain: { ...own.chain, ownIv: own.filled }, ...at }, gex);
  };
  const refreshed = (asOf: number) => bus.publish('chainRefreshed', { symbol: 'SPY', asOf, load: () => Promise.reject(new Error('not read on the engine thread')) });
  const settled = async () => {
    await gexService.idle();
    await flowService.settled();
  };

  beforeAll(async () => {
    bed = await startAvTestBed(['SPY'], {}, DEFAULT_START_TS + 2 * 3_600_000); // 11:30 New York, a Monday
    const ingest = bed.ingest({ symbols: [{ symbol: 'SPY', etf: true, priority: true }] });
    let stored = false;
    ingest.bus.subscribe('chainRefreshed', () => (stored = true));
    await ingest.module.start();
    await waitFor(() => stored, 20_000, 'the first SPY chain');
    await ingest.module.stop(); // the stored chain stays as it is from here on
    chain = (await loadChain(new AlphaVantageStore(bed.redis.client), 'SPY'))!;

    bus = createEngineBus();
    worker = new AnalyticsWorker({
      redisUrl: bed.redis.url, gex, flow: flowSettings,
      here: () => { throw new Error('the analytics thread did not start'); },
      onProblem: (problem) => problems.push(problem),
    });
    await worker.start();
    gexService = new GexService({ bus, symbols: ['SPY'], analytics: worker, repriceStep: 0.005, now: () => now, onProblem: (_s, problem) => problems.push(problem) });
    flowService = new OptionsFlowService({ bus, analytics: worker, symbols: ['SPY'], log: { warn: (_d, m) => warnings.push(m) }, now: () => now, valuationTime: () => bed.market.now() });
    bus.subscribe('gexUpdated', (u) => updates.push(u));
    bus.subscribe('flowUpdated', (r) => readings.push(r));
    bus.subscribe('unusualOptionsActivity', (u) => unusual.push(u));
    gexService.start();
    await flowService.start();
  }, 40_000);

  afterAll(async () => {
    await gexService?.stop();
    await flowService?.stop();
    await worker?.stop();
    await bed?.stop();
  });

  it('publishes the same GEX and options flow as the pure functions compute for the stored chain, and stores the flow', async () => {
    const spot = bed.market.optionChain('SPY')[0]!.underlyingPrice;
    Object.assign(quote, { bid: spot - 0.01, ask: spot + 0.01, last: spot });
    bus.publish('quoteChanged', quote);
    refreshed(chain.asOf);
    await settled();

    const whole = await gexOf({ spot: (quote.bid! + quote.ask!) / 2, spotAsOf: quote.ts, now });
    expect(updates).toEqual([{ ...whole, trigger: 'chain', computedAt: now }]);
    expect(whole.contracts.used).toBeGreaterThan(chain.contracts.length * 0.9); // a few the sim serves without greeks or a mark are skipped
    const step = await computeFlow(chain, emptyState(), [], flowSettings, { computedAt: now, valuedAt: bed.market.now() });
    expect(readings).toEqual([step.reading]);
    expect(unusual.map((u) => u.contract)).toEqual(step.newlyUnusual);
    expect(JSON.parse((await bed.redis.client.get(keys.optionsFlow.reading('SPY').key))!)).toEqual(step.reading);
    expect(await bed.redis.client.exists(keys.optionsFlow.state('SPY').key)).toBe(1);
    expect(gexService.stats).toMatchObject({ computations: 1, failures: 0 });
    expect(flowService.detail()).toMatchObject({ refreshes: 1, loadFailures: 0 });
  }, 30_000);

  it('re-prices the chain the thread keeps when the engine sends it a spot beyond the step', async () => {
    Object.assign(quote, { bid: quote.bid! * 1.01, ask: quote.ask! * 1.01, ts: now });
    bus.publish('quoteChanged', quote);
    await settled();
    const whole = await gexOf({ spot: (quote.bid! + quote.ask!) / 2, spotAsOf: now, now });
    expect(updates.at(-1)).toEqual({ ...whole, trigger: 'spot', computedAt: now });
    expect(updates).toHaveLength(2);
  }, 30_000);

  it('reports and counts a garbled stored chain and one that cannot be read, keeps the last figures, and still re-prices the chain it kept', async () => {
    const redis = bed.redis.client;
    const chainKey = keys.options.chain('SPY').key;
    const stored = (await redis.get(chainKey))!;
    const flowBefore = await redis.get(keys.optionsFlow.reading('SPY').key);
    await redis.set(chainKey, stored.slice(0, stored.indexOf(',"columns":') + 200), 'KEEPTTL'); // its columns cut off
    refreshed(chain.asOf + 60_000);
    await settled();
    await redis.del(chainKey);
    await redis.hset(chainKey, 'not', 'a chain'); // the read itself fails (WRONGTYPE)
    refreshed(chain.asOf + 120_000);
    await settled();

    expect(updates).toHaveLength(2);
    expect(readings).toHaveLength(1);
    expect(gexService.stats.failures).toBe(2);
    expect(problems).toEqual([
      expect.stringMatching(/option chain of SPY .* is no longer stored; the last GEX is kept/),
      expect.stringMatching(/option chain of SPY .* could not be read back; the last GEX is kept/),
    ]);
    expect(flowService.detail()).toMatchObject({ refreshes: 1, chainsMissing: 1, loadFailures: 1 });
    expect(warnings).toEqual(['option chain could not be read back; the last options flow stays']);
    expect(await redis.get(keys.optionsFlow.reading('SPY').key)).toBe(flowBefore);

    Object.assign(quote, { bid: quote.bid! * 1.01, ask: quote.ask! * 1.01, ts: now + 1 });
    bus.publish('quoteChanged', quote);
    await settled();
    expect(updates.map((u) => [u.trigger, u.chainAsOf])).toEqual([['chain', chain.asOf], ['spot', chain.asOf], ['spot', chain.asOf]]);
  }, 30_000);

  /** Another worker on the same Redis, with SPY's chain stored again whole. */
  const otherWorker = async (more: Partial<ConstructorParameters<typeof AnalyticsWorker>[0]>) => {
    await bed.redis.client.del(keys.options.chain('SPY').key);
    await new AlphaVantageStore(bed.redis.client).writeEncodedOptions('SPY', encodeOptions(chain));
    const here = () => new ChainAnalyticsCore({
      chains: (symbol) => loadChain(new AlphaVantageStore(bed.redis.client), symbol), flowStorage: new OptionsFlowStore(bed.redis.client), gex, flow: flowSettings,
    });
    return new AnalyticsWorker({ redisUrl: bed.redis.url, gex, flow: flowSettings, here, onProblem: () => undefined, ...more });
  };
  const at = { spot: 500, spotAsOf: now, now };

  it('computes on the engine’s thread when the analytics thread cannot start, with the same figures, and says so once', async () => {
    const said: string[] = [];
    const inline = await otherWorker({ entry: new URL('./no-such-thread.mjs', import.meta.url), onProblem: (p) => said.push(p) });
    await inline.start();
    expect(await inline.loadGexChain('SPY', chain.asOf)).toEqual({ asOf: chain.asOf, contracts: chain.contracts.length });
    expect((await inline.priceGex('SPY', at))!.exposure).toEqual(await gexOf(at));
    expect(said).toEqual([expect.stringMatching(/analytics thread .*GEX and the options flow are computed on the engine's thread/)]);
    await inline.stop();
  }, 30_000);

  it('fails the call its thread was making when the thread runs out of memory, and reads the chain again on a new thread', async () => {
    const said: string[] = [];
    const small = await otherWorker({ resourceLimits: { maxOldGenerationSizeMb: 32 }, onProblem: (p) => said.push(p) });
    await small.start();
    expect(await small.loadGexChain('SPY', chain.asOf)).not.toBeNull();
    const huge: OptionChainSnapshot = { ...chain, symbol: 'HUGE', contracts: Array.from({ length: Math.ceil(150_000 / chain.contracts.length) }, () => chain.contracts).flat() }; // ~30 MB stored
    await new AlphaVantageStore(bed.redis.client).writeEncodedOptions('HUGE', encodeOptions(huge));
    await expect(small.loadGexChain('HUGE', 0)).rejects.toThrow(/analytics thread (failed|exited).* while computing chain analytics/);
    expect(said).toEqual([expect.stringMatching(/a new thread starts for the next chain/)]);
    expect(await small.priceGex('SPY', at)).toBeNull(); // the new thread holds no chain yet: the GEX service reads it again
    expect(await small.loadGexChain('SPY', chain.asOf)).toEqual({ asOf: chain.asOf, contracts: chain.contracts.length });
    expect((await small.priceGex('SPY', at))!.exposure).toEqual(await gexOf(at));
    await small.stop();
  }, 60_000);
});
