// `npm run bench vpin`: the cost of one VPIN update per print, for bulk volume classification (one-minute bars) and
// for trade classification (quote rule against the NBBO, tick rule at the mid), on a seeded SPY-like stream: a
// random-walk price, a quote a cent either side, prints of 1–300 shares every 5 ms. Two bucket sizes: the default
// (a day's volume / 50, a bucket every ~10,000 prints) and small buckets (one every ~50 prints), where the cost of
// filling buckets and of the toxicity CDF is in the figure. Per print: the mean over batches of 10,000 prints, and
// the p50 / p99 of those batch means, in ns.
import { bucketVolumeFromDailyVolume, VpinCalculator, type VpinOptions } from '../../core/analytics/vpin';
import { Rng } from '../../core/sim/market/rng';

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'vpin', metric, value: Number(value.toFixed(1)), unit }));
}

const PRINTS = 1_000_000;
const BATCH = 10_000;
const rng = new Rng(42);
const price = new Float64Array(PRINTS);
const size = new Float64Array(PRINTS);
const ts = new Float64Array(PRINTS);
const bid = new Float64Array(PRINTS);
const ask = new Float64Array(PRINTS);
let mid = 500;
const start = Date.UTC(2026, 11, 7, 14, 30);
for (let i = 0; i < PRINTS; i++) {
  mid = Math.max(1, mid + rng.normal() * 0.01);
  const m = Math.round(mid * 100) / 100;
  bid[i] = m - 0.01;
  ask[i] = m + 0.01;
  const r = rng.uniform();
  price[i] = r < 0.45 ? m + 0.01 : r < 0.9 ? m - 0.01 : m; // at the offer, the bid or the mid
  size[i] = rng.int(1, 300);
  ts[i] = start + i * 5;
}

/** Feeds prints [from, to) through one mutable print and quote, as a bus service holding its latest quote would. */
function run(calc: VpinCalculator, from: number, to: number): number {
  const print = { price: 0, size: 0, ts: 0 };
  const nbbo = { bid: 0 as number | null, ask: 0 as number | null };
  let readings = 0;
  for (let i = from; i < to; i++) {
    print.price = price[i]!;
    print.size = size[i]!;
    print.ts = ts[i]!;
    nbbo.bid = bid[i]!;
    nbbo.ask = ask[i]!;
    readings += calc.onTrade(print, nbbo).length;
  }
  return readings;
}

const cases: Record<string, Partial<VpinOptions> & { bucketVolume: number }> = {
  bulk: { classification: 'bulk', bucketVolume: bucketVolumeFromDailyVolume(75_000_000) },
  trade: { classification: 'trade', bucketVolume: bucketVolumeFromDailyVolume(75_000_000) },
  bulk_small_buckets: { classification: 'bulk', bucketVolume: 7_500, barSeconds: 1 },
  trade_small_buckets: { classification: 'trade', bucketVolume: 7_500 },
};

for (const [name, options] of Object.entries(cases)) {
  run(new VpinCalculator('SPY', options), 0, 200_000); // warm-up
  const calc = new VpinCalculator('SPY', options);
  const means: number[] = [];
  let readings = 0;
  for (let from = 0; from < PRINTS; from += BATCH) {
    const t0 = performance.now();
    readings += run(calc, from, from + BATCH);
    means.push(((performance.now() - t0) * 1e6) / BATCH);
  }
  const mean = means.reduce((a, b) => a + b, 0) / means.length;
  means.sort((a, b) => a - b);
  report(`${name}_ns_per_print_mean`, mean, 'ns');
  report(`${name}_ns_per_print_p50`, means[Math.floor(means.length * 0.5)]!, 'ns');
  report(`${name}_ns_per_print_p99`, means[Math.floor(means.length * 0.99)]!, 'ns');
  report(`${name}_readings`, readings, 'readings');
}
