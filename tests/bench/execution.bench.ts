// `npm run bench execution`: submitOrder → the order's bytes on the IB socket, engine-side.
// The engine's order path runs in this process as the engine wires it (bus, order manager behind the order gate,
// Redis execution store on a real redis-server, the IBKR venue on one IbConnection); the simulated gateway runs in
// its own process (`npm run sim`), so its work does not share this event loop. Each order (a limit far below the
// market, so it rests) is timed from `bus.send('submitOrder')` to the socket write that carries it
// (net.Socket#write to the gateway's port); orders are sent one at a time, 50 ms apart (under TWS's 50 messages
// a second). Goal: p99 < 5 ms. BENCH_ORDERS (default 300) sets the count.
import { quantileSorted } from 'simple-statistics';
import { createEngineBus } from '../../core/bus/catalogue';
import { OrderManager } from '../../core/execution/orderManager';
import { OrderGate } from '../../core/risk/orderGate';
import { RedisExecutionStore } from '../../core/store/executionStore';
import { connectRedis } from '../../core/store/redisConnection';
import { IbConnection } from '../../core/venues/ibkr/connection/ibConnection';
import { IbkrExecution } from '../../core/venues/ibkr/execution/ibkrExecution';
import { eventually } from '../support/eventually';
import { watchGatewayWrites } from './gatewayWrites';
import { startSimGatewayProcess } from './simGatewayProcess';
import { startTestRedis } from '../support/testRedis';
import { relaxedRiskLimits } from '../support/riskFixtures';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 300);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'execution', metric, value: Math.round(value * 1000) / 1000, unit }));
}

const gateway = await startSimGatewayProcess();
const redisServer = await startTestRedis();
const redis = connectRedis(redisServer.url, 'bench-execution');
await redis.connect();
const bus = createEngineBus();
const connection = new IbConnection({ host: '127.0.0.1', port: gateway.port, clientId: 17 });
const venue = new IbkrExecution({ connection, bus, reportBadInput: (p) => console.error(p) });
const tradingState = { current: { state: 'ACTIVE' as const, changedAt: 0, changedBy: 'bench', reason: 'bench', persisted: true } };
const manager = new OrderManager({ bus, venue, store: new RedisExecutionStore(redis), gate: new OrderGate(tradingState, relaxedRiskLimits()), optionMarks: () => null });
venue.start();
connection.start();
await manager.start();
await eventually('the venue to reconcile', () => manager.detail().reconciled === true, 30_000, 50);
const writes = watchGatewayWrites(gateway.port);

const latencies: number[] = [];
for (let i = 0; i < ORDERS; i++) {
  const written = writes.next();
  const t0 = performance.now();
  await bus.send('submitOrder', {
    clientOrderKey: `bench-${Date.now()}-${i}`, instrument: { kind: 'stock', symbol: 'SPY' }, side: 'buy', quantity: 1, type: 'LMT', limitPrice: 1,
    tif: 'DAY', outsideRth: true, source: 'strategy', requestedBy: 'bench', reason: 'benchmark',
  });
  latencies.push((await written).at - t0);
  if (process.env.BENCH_TRACE && latencies.at(-1)! > 3) console.error(`order ${i}: ${latencies.at(-1)!.toFixed(2)} ms`);
  await sleep(50);
}
latencies.sort((a, b) => a - b);
report('submit_to_socket_p50_ms', quantileSorted(latencies, 0.5), 'ms');
report('submit_to_socket_p99_ms', quantileSorted(latencies, 0.99), 'ms');
report('submit_to_socket_max_ms', latencies.at(-1)!, 'ms');
report('orders', latencies.length, 'count');

await bus.send('cancelAll', { requestedBy: 'bench', reason: 'benchmark over' });
await sleep(500);
await manager.stop();
venue.stop();
connection.stop();
redis.disconnect();
await redisServer.stop();
gateway.stop();
process.exit(0);
