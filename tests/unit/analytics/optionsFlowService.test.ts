import { describe, expect, it } from 'vitest';
import { blackScholes } from '../../../core/analytics/blackScholes';
import { expiryClock } from '../../../core/analytics/expiryTime';
import type { IvDay } from '../../../core/analytics/ivHistory';
import { ChainAnalyticsCore } from '../../../core/analytics/chainAnalytics';
import { DEFAULT_GEX_SETTINGS } from '../../../core/analytics/gammaExposure';
import type { OptionsFlowSettings } from '../../../core/analytics/optionsFlow';
import { OptionsFlowService } from '../../../core/analytics/optionsFlowService';
import type { OptionsFlowStorage, StoredFlowState } from '../../../core/analytics/optionsFlowState';
import { createEngineBus } from '../../../core/bus/catalogue';
import type { OptionChainSnapshot, OptionContractQuote } from '../../../core/market/optionChain';
import type { OptionsFlowReading, UnusualOptionsActivityEvent } from '../../../core/market/optionsFlow';
import { etToUtc } from '../../../core/market/newYorkTime';

const settings: OptionsFlowSettings = {
  volumeOverOpenInterest: 1, timesAverage: 5, minVolume: 100, minSamples: 2, paceWindow: 20,
  atmTargetDays: 30, atmMinDays: 1, riskFreeRate: 0.04, ivHistoryDays: 252, premiumChanges: 5,
};
const start = etToUtc('2026-12-07', 11, 0);
const EXPIRIES = ['2026-12-18', '2027-01-15'];

/** A BSM chain with a put skew; every contract trades 10 per minute; `burst` adds volume to one contract. */
function chainAt(asOf: number, burst?: { id: string; contracts: number }): OptionChainSnapshot {
  const clock = expiryClock(asOf);
  const minutes = (asOf - start) / 60_000 + 10;
  const contracts: OptionContractQuote[] = [];
  for (const expiry of EXPIRIES) {
    for (let strike = 80; strike <= 120; strike += 5) {
      const vol = 0.2 - 0.3 * Math.log(strike / 100);
      for (const type of ['call', 'put'] as const) {
        const g = blackScholes({ spot: 100, strike, time: clock.years(expiry), vol, rate: 0.04, right: type === 'call' ? 'C' : 'P' });
        const contractId = `XYZ${expiry}${type}${strike}`;
        const volume = Math.round(10 * minutes) + (burst?.id === contractId ? burst.contracts : 0);
        contracts.push({
          contractId, expiry, strike, type, bid: g.price, ask: g.price, bidSize: 1, askSize: 1, last: g.price, mark: g.price,
          volume, openInterest: 500, iv: vol, delta: g.delta, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho,
        });
      }
    }
  }
  return { symbol: 'XYZ', asOf, quoteDate: '2026-12-07', contracts, skipped: 0 };
}

class MemoryStorage implements OptionsFlowStorage {
  readonly readings = new Map<string, string>();
  state: StoredFlowState | null = null;
  ivHistory: IvDay[] | null = null;
  async readState() { return this.state; }
  async readIvHistory() { return this.ivHistory; }
  async readReading(symbol: string) { return this.readings.get(symbol) ?? null; }
  async write(symbol: string, reading: string, state: StoredFlowState, ivHistory: IvDay[]) {
    this.readings.set(symbol, reading);
    this.state = JSON.parse(JSON.stringify(state));
    this.ivHistory = ivHistory;
  }
}

/** The service with the analytics as the app's thread runs them (a new harness is a restart): chains come from `stored`. */
function harness(storage = new MemoryStorage()) {
  const bus = createEngineBus();
  const warnings: string[] = [];
  let stored: OptionChainSnapshot | Error | null = null;
  const chains = async () => {
    if (stored instanceof Error) throw stored;
    return stored;
  };
  const analytics = new ChainAnalyticsCore({ chains, flowStorage: storage, gex: DEFAULT_GEX_SETTINGS, flow: settings });
  const service = new OptionsFlowService({ bus, analytics, symbols: ['XYZ'], log: { warn: (_d, m) => warnings.push(m) } });
  const readings: OptionsFlowReading[] = [];
  const unusual: UnusualOptionsActivityEvent[] = [];
  bus.subscribe('flowUpdated', (r) => readings.push(r));
  bus.subscribe('unusualOptionsActivity', (u) => unusual.push(u));
  const refresh = async (chain: OptionChainSnapshot | Error | null, symbol = 'XYZ') => {
    stored = chain;
    const asOf = chain instanceof Error || chain === null ? 0 : chain.asOf;
    bus.publish('chainRefreshed', { symbol, asOf, load: () => Promise.reject(new Error('the flow service reads no chain itself')) });
    await service.settled();
  };
  return { bus, service, storage, readings, unusual, warnings, refresh };
}

const BURST_ID = 'XYZ2026-12-18call105';

describe('the options flow service', () => {
  it('publishes the flow at each refresh of a configured symbol and ignores other symbols', async () => {
    const h = harness();
    await h.service.start();
    await h.refresh(chainAt(start));
    await h.refresh(chainAt(start), 'OTHER');
    expect(h.readings).toHaveLength(1);
    const [r] = h.readings;
    expect(r!.putCall.all.volumeRatio).toBe(1);
    expect(r!.termStructure.map((e) => e.expiry)).toEqual(EXPIRIES);
    expect(r!.skew25!).toBeLessThan(0);
    expect(r!.atm.iv).not.toBeNull();
    expect(JSON.parse(h.storage.readings.get('XYZ')!)).toEqual(r);
    await h.service.stop();
  });

  it('announces a contract once when it becomes unusual, and lists it while it stays unusual', async () => {
    const h = harness();
    await h.service.start();
    for (let m = 0; m < 3; m++) await h.refresh(chainAt(start + m * 60_000));
    expect(h.unusual).toEqual([]);
    await h.refresh(chainAt(start + 3 * 60_000, { id: BURST_ID, contracts: 3_000 }));
    expect(h.unusual.map((u) => u.contract.contractId)).toEqual([BURST_ID]);
    expect(h.unusual[0]!.contract.volumeOverOpenInterest!).toBeGreaterThan(6);
    await h.refresh(chainAt(start + 4 * 60_000, { id: BURST_ID, contracts: 9_000 }));
    expect(h.unusual).toHaveLength(1);
    expect(h.readings.at(-1)!.unusual.map((u) => u.contractId)).toEqual([BURST_ID]);
    expect(h.readings.at(-1)!.premiumChanges[0]!.contractId).toBe(BURST_ID);
    await h.service.stop();
  });

  it('values the previous session’s chain (a plan without realtime options) at that session’s close', async () => {
    const h = harness();
    await h.service.start();
    const friday = etToUtc('2026-12-04', 16);
    await h.refresh({ ...chainAt(start), quoteDate: '2026-12-04', session: 'previous' }); // fetched Monday
    expect(h.readings[0]!.valuedAt).toBe(friday);
    expect(h.storage.ivHistory!.map((d) => d.day)).toEqual(['2026-12-04']);
    await h.service.stop();
  });

  it('keeps the last flow and counts a chain that cannot be read back', async () => {
    const h = harness();
    await h.service.start();
    await h.refresh(chainAt(start));
    await h.refresh(new Error('redis went away'));
    await h.refresh(null);
    expect(h.readings).toHaveLength(1);
    expect(h.service.latest('XYZ')).toEqual(h.readings[0]);
    expect(h.service.detail()).toMatchObject({ refreshes: 1, loadFailures: 1, chainsMissing: 1 });
    expect(h.warnings).toEqual(['option chain could not be read back; the last options flow stays']);
    await h.service.stop();
  });

  it('does not count the same chain twice, and shows its reading again, also after a restart', async () => {
    const first = harness();
    await first.service.start();
    await first.refresh(chainAt(start));
    await first.refresh(chainAt(start + 60_000));
    await first.refresh(chainAt(start + 60_000));
    expect(first.readings).toHaveLength(3);
    expect(first.readings[2]).toEqual(first.readings[1]);
    await first.service.stop();
    const second = harness(first.storage);
    await second.service.start();
    await second.refresh(chainAt(start + 60_000)); // restored at start-up by the Alpha Vantage module
    expect(second.readings).toEqual([first.readings[1]]);
    expect(second.storage.state!.samples.every((n) => n === 1)).toBe(true); // one interval so far, not two
    expect(second.service.detail()).toMatchObject({ repeats: 1, refreshes: 0 });
    await second.service.stop();
  });

  it('computes a refresh only with its own chain: one whose chain was already replaced in storage waits for the newer refresh', async () => {
    const h = harness();
    await h.service.start();
    await h.refresh(chainAt(start));
    const newer = chainAt(start + 60_000);
    await h.refresh(newer); // stored, announced
    h.bus.publish('chainRefreshed', { symbol: 'XYZ', asOf: start + 30_000, load: () => Promise.reject(new Error('unused')) }); // an older announcement, late
    await h.service.settled();
    expect(h.readings.map((r) => r.asOf)).toEqual([start, start + 60_000]);
    expect(h.service.detail()).toMatchObject({ refreshes: 2, superseded: 1 });
    await h.service.stop();
  });

  it('starts afresh, logged and counted, when its stored history cannot be read', async () => {
    const storage = new MemoryStorage();
    storage.readState = async () => { throw new Error('analytics:XYZ:flow:state does not hold JSON'); };
    const h = harness(storage);
    await h.service.start();
    await h.refresh(chainAt(start));
    expect(h.readings).toHaveLength(1);
    expect(h.service.detail()).toMatchObject({ stateUnreadable: 1, refreshes: 1 });
    expect(h.warnings).toEqual(['options flow history could not be read; it starts afresh']);
    await h.service.stop();
  });

  it('carries each contract’s pace across a restart from what it stored', async () => {
    const first = harness();
    await first.service.start();
    for (let m = 0; m < 3; m++) await first.refresh(chainAt(start + m * 60_000));
    await first.service.stop();
    const second = harness(first.storage);
    await second.service.start();
    await second.refresh(chainAt(start + 3 * 60_000, { id: BURST_ID, contracts: 3_000 }));
    expect(second.unusual.map((u) => u.contract.contractId)).toEqual([BURST_ID]);
    expect(second.readings[0]!.atm.historyDays).toBe(1);
    await second.service.stop();
  });
});
