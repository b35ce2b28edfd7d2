// `npm run bench flow`: one options-flow refresh of a 10,000-contract chain (10 expiries from 0DTE to three months,
// 500 strikes each, both rights, a put skew, vendor IVs), whole and by the slices the service yields between, and the
// stored form (state and reading as JSON). Then the same chain without vendor IVs, where
// the engine implies its own (the slice is one expiry, 1,000 contracts). Median and max of 40 runs after 5 warm-ups.
import { blackScholes } from '../../core/analytics/blackScholes';
import { computeFlow, type OptionsFlowSettings } from '../../core/analytics/optionsFlow';
import { emptyState, toStored, type FlowState } from '../../core/analytics/optionsFlowState';
import { flowSchema } from '../../core/config/flowSchema';
import { addDays, etToUtc } from '../../core/market/newYorkTime';
import type { OptionChainSnapshot, OptionContractQuote } from '../../core/market/optionChain';
import type { IvDay } from '../../core/analytics/ivHistory';

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'flow', metric, value: Number(value.toPrecision(4)), unit }));
}

const today = '2026-12-07';
const now = etToUtc(today, 11, 0);
const expiries = [0, 1, 2, 3, 4, 11, 18, 39, 74, 102].map((d) => addDays(today, d));

function chainOf(vendorIv: boolean, minute: number): OptionChainSnapshot {
  const contracts: OptionContractQuote[] = [];
  for (const expiry of expiries) {
    const time = Math.max(1 / 365 / 24, (etToUtc(expiry, 16) - now) / (365 * 86_400_000));
    for (let s = 0; s < 500; s++) {
      const strike = 350 + s;
      const vol = 0.2 - 0.3 * Math.log(strike / 600);
      for (const type of ['call', 'put'] as const) {
        const g = blackScholes({ spot: 600, strike, time, vol, rate: 0.04, right: type === 'call' ? 'C' : 'P' });
        contracts.push({
          contractId: `SPY${expiry}${type}${strike}`, expiry, strike, type, bid: g.price, ask: g.price, bidSize: 1, askSize: 1, last: g.price, mark: g.price,
          volume: 10 * minute + (s % 7), openInterest: 1_000, iv: vendorIv ? vol : 0, delta: vendorIv ? g.delta : 0, gamma: g.gamma, theta: g.theta, vega: g.vega, rho: g.rho,
        });
      }
    }
  }
  return { symbol: 'SPY', asOf: now, quoteDate: today, contracts, skipped: 0 };
}

const settings: OptionsFlowSettings = flowSchema.parse({});
const times = { computedAt: now, valuedAt: now };

async function run(vendorIv: boolean): Promise<{ whole: number[]; slices: number[]; byIndex: number[][]; stored: number[] }> {
  let state: FlowState = emptyState();
  let history: IvDay[] = [];
  const out = { whole: [] as number[], slices: [] as number[], byIndex: [] as number[][], stored: [] as number[] };
  for (let i = 0; i < 45; i++) {
    const chain = chainOf(vendorIv, i);
    let sliceStart = performance.now();
    const slices: number[] = [];
    const pause = async () => {
      slices.push(performance.now() - sliceStart);
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    };
    const step = await computeFlow(chain, state, history, settings, times, pause);
    slices.push(performance.now() - sliceStart);
    const wholeMs = slices.reduce((a, b) => a + b, 0);
    const s0 = performance.now();
    JSON.stringify(toStored(step.state));
    JSON.stringify(step.reading);
    const storedMs = performance.now() - s0;
    [state, history] = [step.state, step.ivHistory];
    if (i < 5) continue;
    out.whole.push(wholeMs);
    out.slices.push(...slices);
    slices.forEach((ms, k) => (out.byIndex[k] ??= []).push(ms));
    out.stored.push(storedMs);
  }
  return out;
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);

for (const vendorIv of [true, false]) {
  const label = vendorIv ? 'vendor_iv' : 'own_iv';
  const r = await run(vendorIv);
  report(`${label}_whole_p50_ms`, p50(r.whole), 'ms');
  report(`${label}_slice_p50_ms`, p50(r.slices), 'ms');
  report(`${label}_slice_max_ms`, max(r.slices), 'ms');
  report(`${label}_stored_form_p50_ms`, p50(r.stored), 'ms');
  // Slices: 0 P/C ratios; 1 premiums; 2 premium changes; 3–6 the unusual scan (2,500 contracts each); then one expiry's
  // vol shape each (the first with the forwards of all); last the constant-maturity finish.
  r.byIndex.forEach((ms, k) => report(`${label}_slice_${k}_p50_ms`, p50(ms), 'ms'));
}
