// `npm run bench model`: how fast the seeded market model generates events (all twelve symbols, one listener
// per event type, as the gateway subscribes), and how long a full SPY option-chain repricing takes.
import { createMarketModel } from '../../core/sim/market/marketModel';

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'model', metric, value: Math.round(value), unit }));
}

const model = createMarketModel({ seed: 1 });
let events = 0;
const count = (): void => {
  events++;
};
for (const type of ['quote', 'trade', 'depth', 'bar', 'episode'] as const) model.on(type, count);
model.advance(60_000); // warm-up
events = 0;
const marketMs = 30 * 60_000;
const t0 = performance.now();
model.advance(marketMs);
const seconds = (performance.now() - t0) / 1000;
report('events_per_s', events / seconds, '1/s');
report('market_time_speedup', marketMs / 1000 / seconds, 'x');

const runs = 20;
const t1 = performance.now();
for (let i = 0; i < runs; i++) {
  model.advance(1_000);
  model.optionChain('SPY');
}
report('spy_chain_reprice_us', ((performance.now() - t1) * 1000) / runs, 'us');
report('spy_chain_contracts', model.optionChain('SPY').length, 'contracts');
