// `npm run bench gex`: GEX/DEX with the flip grid for a 10,000-contract chain (SPY-like: 25 expiries from 0DTE to a
// year out, 200 strikes each, both rights, a vol smile), whole and in its parts — pricing the chain at spot
// (prepare, in slices of 2,500 contracts), the flip grid (83 hypothetical spots by default) in slices of 21 points
// (a quarter of the grid) — the units a caller yields between to keep the event loop free — and the flip's polish,
// strike tables and walls (finish). Then the cost
// of one BSM greeks evaluation and one implied-vol solve over the same chain's contracts. Median and p99 (or max) of
// 60 runs after 10 warm-up runs. Last, the GEX service (analytics/gexService) on the real bus, its chains read back from
// a real redis-server and priced on the analytics thread (core/app/analyticsWorker) as in the engine: the same stored
// chain refreshed 100 times, with the engine thread's event-loop delay sampled meanwhile (perf_hooks, 1 ms
// resolution), and the same sampling over an idle loop as the machine's control.
import { blackScholes, impliedVolatility, optionPrice } from '../../core/analytics/blackScholes';
import { computeGammaExposure, DEFAULT_GEX_SETTINGS, fillFlipGrid, finishGammaExposure, priceContracts, startGammaExposure } from '../../core/analytics/gammaExposure';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { GexService } from '../../core/analytics/gexService';
import { AnalyticsWorker } from '../../core/app/analyticsWorker';
import { createEngineBus } from '../../core/bus/catalogue';
import { flowSchema } from '../../core/config/flowSchema';
import { AlphaVantageStore } from '../../core/store/alphaVantageStore';
import { encodeOptions } from '../../core/venues/alphavantage/chainColumns';
import { startTestRedis } from '../support/testRedis';
import { addDays, etToUtc } from '../../core/market/newYorkTime';
import { emptyQuote } from '../../core/market/quote';
import type { OptionChainSnapshot, OptionContractQuote } from '../../core/market/optionChain';

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'gex', metric, value: Number(value.toPrecision(4)), unit }));
}

const today = '2026-12-07';
const now = etToUtc(today, 11, 0);
const spot = 590;
const expiries = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 14, 18, 25, 32, 39, 46, 53, 74, 102, 130, 165, 193, 256, 284, 375].map((d) => addDays(today, d));
const contracts: OptionContractQuote[] = [];
for (const [e, expiry] of expiries.entries()) {
  for (let s = 0; s < 200; s++) {
    const strike = 440 + s * 1.5;
    for (const type of ['call', 'put'] as const) {
      const m = Math.log(strike / spot);
      const iv = 0.14 + 0.9 * m * m + (type === 'put' ? 0.01 : 0) + 0.002 * e;
      // Puts held below the money, calls above, more puts than calls.
      const centre = type === 'put' ? spot - 30 : spot + 20;
      const size = type === 'put' ? 30_000 : 20_000;
      const openInterest = Math.round(size * Math.exp(-((strike - centre) ** 2) / 2000) + 50 + ((s * 37 + e * 11) % 500));
      contracts.push({ contractId: `${expiry}${type}${strike}`, expiry, strike, type, iv, openInterest, bid: 1, bidSize: 1, ask: 1.1, askSize: 1, last: 1, mark: 1.05, volume: 10, delta: 0, gamma: 0, theta: 0, vega: 0, rho: 0 });
    }
  }
}
const chain: OptionChainSnapshot = { symbol: 'SPY', asOf: now, quoteDate: today, contracts, skipped: 0 };
const inputs = { chain, spot, spotAsOf: now, now };

function timed(runs: number, fn: () => void): { p50: number; p99: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs * 0.5)]!, p99: times[Math.min(runs - 1, Math.floor(runs * 0.99))]! };
}

for (let i = 0; i < 10; i++) computeGammaExposure(inputs); // warm-up
const sample = computeGammaExposure(inputs);
report('contracts', sample.contracts.used, 'contracts');
report('flip_grid_points', startGammaExposure(inputs).grid.spots.length, 'points');
report('flip_level', sample.flip.level ?? Number.NaN, 'USD');

const whole = timed(60, () => computeGammaExposure(inputs, DEFAULT_GEX_SETTINGS));
report('gex_with_flip_p50_ms', whole.p50, 'ms');
report('gex_with_flip_p99_ms', whole.p99, 'ms');

const SLICE = 21;
const CONTRACT_SLICE = 2_500;
const parts = { prepare: [] as number[], prepareSlice: [] as number[], grid: [] as number[], slice: [] as number[], finish: [] as number[] };
for (let run = 0; run < 60; run++) {
  const prepared = startGammaExposure(inputs);
  const prepareStart = performance.now();
  for (let done = false; !done; ) {
    const t0 = performance.now();
    done = priceContracts(prepared, CONTRACT_SLICE);
    parts.prepareSlice.push(performance.now() - t0);
  }
  parts.prepare.push(performance.now() - prepareStart);
  const gridStart = performance.now();
  for (let from = 0; from < prepared.grid.spots.length; from += SLICE) {
    const t0 = performance.now();
    fillFlipGrid(prepared.grid, from, from + SLICE);
    parts.slice.push(performance.now() - t0);
  }
  parts.grid.push(performance.now() - gridStart);
  const t0 = performance.now();
  finishGammaExposure(prepared);
  parts.finish.push(performance.now() - t0);
}
const p = (xs: number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))]!;
report('prepare_p50_ms', p(parts.prepare, 0.5), 'ms');
report(`prepare_slice_of_${CONTRACT_SLICE}_p99_ms`, p(parts.prepareSlice, 0.99), 'ms');
report(`prepare_slice_of_${CONTRACT_SLICE}_max_ms`, p(parts.prepareSlice, 1), 'ms');
report('flip_grid_p50_ms', p(parts.grid, 0.5), 'ms');
report(`flip_grid_slice_of_${SLICE}_p99_ms`, p(parts.slice, 0.99), 'ms');
report(`flip_grid_slice_of_${SLICE}_max_ms`, p(parts.slice, 1), 'ms');
report('finish_p50_ms', p(parts.finish, 0.5), 'ms');
report('finish_max_ms', p(parts.finish, 1), 'ms');

// BSM over the chain's contracts: greeks at the contract's IV, and the implied vol back from that price.
const clockYears = new Map(expiries.map((e) => [e, Math.max((etToUtc(e, 16) - now) / (365 * 86_400_000), 1e-6)]));
const options = contracts.map((c) => ({ spot, strike: c.strike, time: clockYears.get(c.expiry)!, vol: c.iv, rate: 0.043, dividendYield: 0.013, right: c.type === 'call' ? ('C' as const) : ('P' as const) }));
const prices = options.map((o) => optionPrice(o));
let sink = 0;
const greeks = timed(20, () => {
  for (const o of options) sink += blackScholes(o).gamma;
});
report('greeks_per_contract_us', (greeks.p50 * 1000) / options.length, 'us');
const ivs = timed(20, () => {
  for (let i = 0; i < options.length; i++) {
    const r = impliedVolatility(prices[i]!, options[i]!);
    if (r.ok) sink += r.vol;
  }
});
report('implied_vol_per_contract_us', (ivs.p50 * 1000) / options.length, 'us');
if (!Number.isFinite(sink)) console.error('unexpected non-finite sum');

// The service: 100 chain refreshes of the 10,000-contract chain, one after the other, the loop's delay sampled.
const SERVICE_RUNS = 100;
const redis = await startTestRedis();
await new AlphaVantageStore(redis.client).writeEncodedOptions('SPY', encodeOptions(chain));
const worker = new AnalyticsWorker({
  redisUrl: redis.url, gex: DEFAULT_GEX_SETTINGS, flow: flowSchema.parse({}),
  here: () => { throw new Error('the analytics thread did not start'); }, onProblem: (problem) => console.error(problem),
});
await worker.start();
const bus = createEngineBus();
const service = new GexService({ bus, symbols: ['SPY'], analytics: worker, repriceStep: 0.005, now: () => now });
service.start();
bus.publish('quoteChanged', { ...emptyQuote('SPY'), bid: spot - 0.01, ask: spot + 0.01, last: spot, ts: now });
const refresh = (i: number) => bus.publish('chainRefreshed', { symbol: 'SPY', asOf: now + i, load: async () => chain });
for (let i = 0; i < 5; i++) {
  refresh(-i - 1); // warm-up
  await service.idle();
}
const wall: number[] = [];
const compute: number[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
for (let i = 0; i < SERVICE_RUNS; i++) {
  refresh(i);
  await service.idle();
  wall.push(service.stats.lastDurationMs!);
  compute.push(service.stats.lastComputeMs!);
}
loopDelay.disable();
await service.stop();
await worker.stop();
await redis.stop();
const busyFor = wall.reduce((a, b) => a + b, 0);
const idleDelay = monitorEventLoopDelay({ resolution: 1 });
idleDelay.enable();
await new Promise((resolve) => setTimeout(resolve, Math.max(200, busyFor)));
idleDelay.disable();
const ms = (ns: number) => ns / 1e6;
report('service_computations', service.stats.computations - 5, 'runs');
// Wall: the pricing request to the publish (the round trip to the thread); compute: the pricing on the thread alone.
report('service_wall_p50_ms', p(wall, 0.5), 'ms');
report('service_thread_compute_p50_ms', p(compute, 0.5), 'ms');
report('service_thread_compute_max_ms', p(compute, 1), 'ms');
// The histogram counts the delay beyond the 1 ms resolution timer.
report('service_loop_delay_samples', loopDelay.count, 'samples');
report('service_loop_delay_p99_ms', ms(loopDelay.percentile(99)), 'ms');
report('service_loop_delay_max_ms', ms(loopDelay.max), 'ms');
report('idle_loop_delay_p99_ms', ms(idleDelay.percentile(99)), 'ms');
report('idle_loop_delay_max_ms', ms(idleDelay.max), 'ms');
