import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsFlowService } from '../../../core/analytics/optionsFlowService';
import type { ChainRefresh, EngineBus } from '../../../core/bus/catalogue';
import { flowSchema } from '../../../core/config/flowSchema';
import type { OptionsFlowReading, UnusualOptionsActivityEvent } from '../../../core/market/optionsFlow';
import { DELTA_FLAW, servesFlawedDelta, mayServeNoGreeks } from '../../../core/sim/alphavantage/vendorGreekFlaws';
import { DEFAULT_START_TS } from '../../../core/sim/market/marketModel';
import { keys } from '../../../core/store/keys';
import { OptionsFlowStore } from '../../../core/store/optionsFlowStore';
import { startAvTestBed, waitFor, type AvTestBed } from '../venues/alphavantage/avTestBed';

/**
 * The options-flow service on the simulated market: chains fetched over real HTTP from the simulated Alpha Vantage,
 * stored in a real Redis and read back, as in the app. Between refreshes the market clock moves a minute.
 */
describe('options flow on the simulated market', () => {
  const settings = flowSchema.parse({});
  let bed: AvTestBed;
  let bus: EngineBus;
  let service: OptionsFlowService;
  const readings: OptionsFlowReading[] = [];
  const unusual: UnusualOptionsActivityEvent[] = [];
  const warnings: string[] = [];
  const refreshes: ChainRefresh[] = [];

  const startService = async () => {
    service = new OptionsFlowService({ bus, storage: new OptionsFlowStore(bed.redis.client), settings, symbols: ['SPY'], log: { warn: (_d, m) => warnings.push(m) },
      valuationTime: () => bed.market.now(), // the market runs in January 2025; chains are stamped with the wall clock
    });
    await service.start();
  };
  /** Waits for the next reading of a chain fetched after now, then moves the market clock a minute on. */
  const nextReading = async (): Promise<OptionsFlowReading> => {
    const count = readings.length;
    await waitFor(() => readings.length > count, 20_000, 'a flow reading');
    await service.settled();
    const reading = readings.at(-1)!;
    bed.market.advance(60_000);
    return reading;
  };

  beforeAll(async () => {
    bed = await startAvTestBed(['SPY'], {}, DEFAULT_START_TS + 2 * 3_600_000); // 11:30 New York, a Monday
    const ingest = bed.ingest({ symbols: [{ symbol: 'SPY', etf: true, priority: true }], schedules: { optionsRefreshSeconds: 1, sentimentRefreshMinutes: 15, technicalsRefreshMinutes: 5 } });
    bus = ingest.bus;
    bus.subscribe('flowUpdated', (r) => readings.push(r));
    bus.subscribe('unusualOptionsActivity', (u) => unusual.push(u));
    bus.subscribe('chainRefreshed', (r) => refreshes.push(r));
    await startService();
    await ingest.module.start();
  });
  afterAll(async () => {
    await service?.stop();
    await bed?.stop();
  });

  it('finds the skew of the simulated surface: a negative 25-delta risk reversal at every expiry', async () => {
    const reading = await nextReading();
    const measured = reading.termStructure.filter((e) => e.riskReversal25 !== null);
    expect(measured.length).toBeGreaterThan(8);
    expect(measured.every((e) => e.riskReversal25! < -0.01)).toBe(true);
    expect(reading.skew25!).toBeLessThan(-0.01);
    expect(reading.counts).toMatchObject({ skipped: 0 });
  });

  it('finds the term structure of the simulated surface: ATM IV rising with expiry in a calm or normal regime', async () => {
    const reading = await nextReading();
    const regime = bed.market.regime();
    const atm = reading.termStructure.filter((e) => e.atmIv !== null && e.days >= 1);
    const [front, back] = [atm[0]!, atm.at(-1)!];
    const longRun = bed.market.symbolModel('SPY')!.annualVol * 1.05; // the sim's long-run ATM vol (volSurface.atmVol)
    expect(back.atmIv!).toBeCloseTo(longRun, 1);
    if (regime === 'stressed') expect(front.atmIv!).toBeGreaterThan(back.atmIv!);
    else expect(front.atmIv!).toBeLessThan(back.atmIv!);
    expect(reading.atm.iv!).toBeGreaterThan(Math.min(front.atmIv!, back.atmIv!));
    expect(reading.atm.iv!).toBeLessThan(Math.max(front.atmIv!, back.atmIv!));
  });

  it('checks the simulated vendor’s greeks: finds exactly the deltas it serves 0.10 off, its units, and fills the contracts sent without greeks', async () => {
    const reading = await nextReading();
    const chain = (await refreshes.find((r) => r.asOf === reading.asOf)!.load())!;
    const flawed = new Set(chain.contracts.filter((c) => c.iv > 0 && servesFlawedDelta(c.contractId)).map((c) => c.contractId));
    const sentWithout = chain.contracts.filter((c) => c.iv === 0);
    expect(flawed.size).toBeGreaterThan(10);
    expect(sentWithout.length).toBeGreaterThan(10);
    expect(sentWithout.every((c) => mayServeNoGreeks(c.contractId) && c.mark > 0)).toBe(true);
    const vendor = reading.vendorGreeks!;
    expect(vendor).toMatchObject({ mismatched: flawed.size, thetaUnit: 'per calendar day', vegaUnit: 'per vol point (0.01)', filled: sentWithout.length, unfilled: 0 });
    expect(vendor.checked).toBe(chain.contracts.length - sentWithout.length);
    expect(vendor.share).toBeCloseTo(flawed.size / vendor.checked, 12);
    expect(vendor.worst.length).toBe(5);
    for (const w of vendor.worst) {
      expect(flawed.has(w.contractId)).toBe(true);
      expect(Math.abs(w.difference)).toBeCloseTo(DELTA_FLAW, 2);
    }
    expect(reading.counts.ownIv).toBe(sentWithout.length);
  });

  it('reports put/call ratios and premium from contracts that trade', async () => {
    const reading = await nextReading();
    expect(reading.putCall.all.callVolume).toBeGreaterThan(1_000);
    expect(reading.putCall.all.volumeRatio!).toBeGreaterThan(0);
    expect(reading.putCall.all.premiumRatio!).toBeGreaterThan(0);
    expect(reading.premiumChanges.length).toBe(settings.premiumChanges); // a minute of trading since the last refresh
  });

  it('finds an unusual-activity episode injected into the market, announced once', async () => {
    while (readings.at(-1)!.counts.awaitingHistory > readings.at(-1)!.counts.contracts / 2) await nextReading();
    const spot = readings.at(-1)!.termStructure[0]!.forward;
    const listed = bed.market.optionChain('SPY');
    const weekly = [...new Set(listed.map((o) => o.spec.expiry))][3]!;
    const target = listed.find((o) => o.spec.expiry === weekly && o.spec.right === 'P' && o.spec.strike < spot * 0.98)!;
    expect(bed.market.injectUnusualOptions(target.spec.occId, 3 * target.openInterest + 1_000, 30_000)).not.toBeNull();
    bed.market.advance(60_000);
    const afterEpisode = bed.market.now();
    let reading = await nextReading();
    while (reading.valuedAt < afterEpisode) reading = await nextReading(); // a chain fetched after the episode
    const found = reading.unusual.find((u) => u.contractId === target.spec.occId);
    expect(found).toBeDefined();
    expect(found!.volumeOverOpenInterest!).toBeGreaterThan(3);
    expect(found!.timesAverage ?? Infinity).toBeGreaterThan(settings.timesAverage);
    expect(unusual.filter((u) => u.contract.contractId === target.spec.occId)).toHaveLength(1);
    const stored = JSON.parse((await bed.redis.client.get(keys.optionsFlow.reading('SPY').key))!) as OptionsFlowReading;
    expect(stored.valuedAt).toBeGreaterThanOrEqual(reading.valuedAt);
    expect(await bed.redis.client.ttl(keys.optionsFlow.reading('SPY').key)).toBeGreaterThan(0);
  });

  it('keeps each contract’s pace across a restart of the service, so an episode right after it is found', async () => {
    await service.stop();
    await startService();
    const spot = readings.at(-1)!.termStructure[0]!.forward;
    const listed = bed.market.optionChain('SPY');
    const weekly = [...new Set(listed.map((o) => o.spec.expiry))][4]!;
    const target = listed.find((o) => o.spec.expiry === weekly && o.spec.right === 'C' && o.spec.strike > spot * 1.02)!;
    bed.market.injectUnusualOptions(target.spec.occId, 3 * target.openInterest + 1_000, 30_000);
    bed.market.advance(60_000);
    const injectedAt = bed.market.now();
    let reading = await nextReading();
    while (reading.valuedAt < injectedAt) reading = await nextReading();
    expect(reading.unusual.map((u) => u.contractId)).toContain(target.spec.occId);
    expect(reading.atm.historyDays).toBe(1);
    expect(warnings).toEqual([]);
  });
});
