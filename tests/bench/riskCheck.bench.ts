// `npm run bench riskCheck`: the cost of one full pre-trade check — the order gate's every check (trading state,
// venue, and all the risk checks), each passing so that none cuts the run short — for a stock limit order and an
// option limit order, with the facts an engine in a busy session has: 60 placements in the last minute, 20 working
// orders, positions, quotes, option marks and greeks limits set. Per check: the mean over batches of 1,000, and the
// p50 / p99 of those batch means.
import { riskSchema } from '../../core/config/riskSchema';
import { instrumentKey } from '../../core/market/order';
import { etToUtc } from '../../core/market/newYorkTime';
import { OrderGate, type GateRequest, type RecentOrder } from '../../core/risk/orderGate';
import { gateFacts, gateOrder, quoteOf } from '../support/riskFixtures';

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'riskCheck', metric, value: Number(value.toFixed(2)), unit }));
}

const now = etToUtc('2025-03-03', 11, 0);
const limits = riskSchema.parse({ maxPercentOfDayVolume: 10, maxDeltaDollars: 5_000_000, maxGammaDollars: 1_000_000, maxVegaDollars: 1_000_000, maxOrdersPerSecond: 100, maxOrdersPerMinute: 1_000, maxOpenOrders: 100 });
const gate = new OrderGate({ current: { state: 'ACTIVE', changedAt: 0, changedBy: 'bench', reason: '', persisted: true } }, limits);
const symbols = ['SPY', 'QQQ', 'IWM', 'AAPL', 'MSFT', 'NVDA', 'AMZN', 'META', 'TSLA', 'GOOGL', 'AMD', 'NFLX'];
const call = { kind: 'option' as const, symbol: 'SPY', expiry: '2025-03-21', strike: 500, right: 'call' as const };
const recentOrders: RecentOrder[] = Array.from({ length: 60 }, (_, i) => ({ instrumentKey: symbols[i % symbols.length]!, side: 'sell', limitPrice: 10 + i, at: now - 59_000 + i * 900 }));
const facts = gateFacts({
  quotes: symbols.map((s) => quoteOf(s, { bid: 499.9, ask: 500, last: 499.95, volume: 10_000_000, ts: now - 200 })),
  options: { [instrumentKey(call)]: { mark: 5, bid: 4.95, ask: 5.05, delta: 0.5, gamma: 0.02, vega: 0.3, underlyingPrice: 500 } },
  positions: { SPY: 100, AAPL: -50, [instrumentKey(call)]: 4 },
  working: { 'SPY buy': 20 },
  openOrders: 20,
  recentOrders,
  dayPnl: 350,
  dayPnlHigh: 900,
  netLiquidation: 1_000_000,
  greeks: { deltaDollars: 150_000, gammaDollars: 20_000, vegaDollars: 5_000 },
});
const requests: Record<string, GateRequest> = {
  stock: { action: 'place', orders: [gateOrder('buy', 10, { kind: 'stock', symbol: 'SPY' }, 499.5)], source: 'ticket' },
  option: { action: 'place', orders: [gateOrder('buy', 2, call, 5)], source: 'ticket' },
};

for (const [name, request] of Object.entries(requests)) {
  const denial = gate.check(request, facts, now);
  if (denial) throw new Error(`the ${name} order must pass every check to measure them all: ${denial.code} ${denial.message}`);
  for (let i = 0; i < 20_000; i++) gate.check(request, facts, now); // warm-up
  const batch = 1_000;
  const means: number[] = [];
  for (let b = 0; b < 200; b++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) gate.check(request, facts, now);
    means.push(((performance.now() - t0) * 1000) / batch);
  }
  means.sort((a, b) => a - b);
  report(`${name}_check_mean_us`, means.reduce((a, b) => a + b, 0) / means.length, 'us');
  report(`${name}_check_p50_us`, means[Math.floor(means.length * 0.5)]!, 'us');
  report(`${name}_check_p99_us`, means[Math.floor(means.length * 0.99)]!, 'us');
}
