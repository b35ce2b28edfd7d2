// `npm run bench killSwitch`: HALT → the gateway's last cancel acknowledgement, for 50 working orders.
// The engine's order path runs in this process as the engine wires it (bus, trading state on a real redis-server,
// the kill switch, the order manager behind the order gate, the IBKR venue on one IbConnection); the simulated
// gateway runs in its own process (`npm run sim`). Each round places 50 buy limits far below the market (they rest),
// waits until the gateway reports all of them Submitted and a further 1.1 s (so the socket's send budget has
// forgotten the placing), then times from `tradingState.change(HALTED)` to the last orderStatus "Cancelled" the
// engine reads from the socket. Goal: < 100 ms. BENCH_ROUNDS (default 10) sets the rounds.
import { EventName } from '@stoqey/ib';
import { quantileSorted } from 'simple-statistics';
import { createEngineBus } from '../../core/bus/catalogue';
import { OrderManager } from '../../core/execution/orderManager';
import { KillSwitch } from '../../core/risk/killSwitch';
import { OrderGate } from '../../core/risk/orderGate';
import { TradingStateService } from '../../core/risk/tradingState';
import { RedisExecutionStore } from '../../core/store/executionStore';
import { connectRedis } from '../../core/store/redisConnection';
import { IbConnection } from '../../core/venues/ibkr/connection/ibConnection';
import { IbkrExecution } from '../../core/venues/ibkr/execution/ibkrExecution';
import { eventually } from '../support/eventually';
import { startSimGatewayProcess } from './simGatewayProcess';
import { startTestRedis } from '../support/testRedis';
import { relaxedRiskLimits } from '../support/riskFixtures';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const ORDERS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'killSwitch', metric, value: Math.round(value * 1000) / 1000, unit }));
}


const gateway = await startSimGatewayProcess();
const redisServer = await startTestRedis();
const redis = connectRedis(redisServer.url, 'bench-killswitch');
await redis.connect();
const bus = createEngineBus();
const tradingState = new TradingStateService(redis);
await tradingState.load();
await tradingState.change({ state: 'ACTIVE', reason: 'bench', confirmed: true, by: 'bench' });
const connection = new IbConnection({ host: '127.0.0.1', port: gateway.port, clientId: 18 });
const venue = new IbkrExecution({ connection, bus, reportBadInput: (p) => console.error(p) });
const manager = new OrderManager({ bus, venue, store: new RedisExecutionStore(redis), gate: new OrderGate(tradingState, relaxedRiskLimits()), optionMarks: () => null });
const killSwitch = new KillSwitch(bus, tradingState);
venue.start();
connection.start();
await manager.start();
killSwitch.start();
await eventually('the venue to reconcile', () => manager.detail().reconciled === true, 30_000, 50);

const status = new Map<number, string>();
let lastCancelledAt = 0;
bus.subscribe('venueOrderReported', (r) => {
  if (!r.status) return;
  status.set(r.orderId, r.status);
  if (r.status === 'Cancelled') lastCancelledAt = performance.now();
});
let rateErrors = 0;
connection.addListener({ onApi: (api) => api.on(EventName.error, (_e: Error, code: number) => void (code === 100 && rateErrors++)), onSession: () => undefined, onSessionEnd: () => undefined, onNotice: () => undefined });

const latencies: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const ids: number[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const receipt = await bus.send('submitOrder', {
      clientOrderKey: `bench-${Date.now()}-${round}-${i}`, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 1, type: 'LMT', limitPrice: 1 + i / 100,
      tif: 'DAY', outsideRth: true, source: 'strategy', requestedBy: 'bench', reason: 'benchmark',
    });
    ids.push(...receipt.orderIds);
  }
  await eventually('50 orders working at the gateway', () => ids.every((id) => status.get(id) === 'Submitted'), 30_000, 10);
  await sleep(1_100);
  const t0 = performance.now();
  await tradingState.change({ state: 'HALTED', reason: 'benchmark', confirmed: false, by: 'bench' });
  await eventually('all 50 cancelled', () => ids.every((id) => status.get(id) === 'Cancelled'), 30_000, 1);
  latencies.push(lastCancelledAt - t0);
  await tradingState.change({ state: 'ACTIVE', reason: 'next round', confirmed: true, by: 'bench' });
}
const sorted = [...latencies].sort((a, b) => a - b);
report('halt_to_last_cancel_ack_p50_ms', quantileSorted(sorted, 0.5), 'ms');
report('halt_to_last_cancel_ack_max_ms', sorted.at(-1)!, 'ms');
report('orders_per_halt', ORDERS, 'count');
report('rounds', ROUNDS, 'count');
report('error_100', rateErrors, 'count');

killSwitch.stop();
await manager.stop();
venue.stop();
connection.stop();
await tradingState.stop();
redis.disconnect();
await redisServer.stop();
gateway.stop();
process.exit(0);
