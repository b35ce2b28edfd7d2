// `npm run bench approval`: approveProposal → the order's bytes on the IB socket, engine-side.
// The real engine runs in this process (`--source ibkr`: its Redis, bus, signals, risk, order manager and IBKR venue
// as it wires them) against the simulated gateway and its Alpha Vantage endpoint in their own process (`npm run sim`),
// so the gateway's work does not share the engine's event loop. The 1DTE rule on SPY is opened to fire on any live
// quote (as in tests/e2e/approvalQueue.spec.ts); each proposal whose pre-check passed is approved over the bench's
// own WebSocket, as the cockpit does. Each approval is timed from the command's arrival at the contract server (the
// web bridge hands it the parsed message: ContractServer#serve's transport, wrapped here) to the socket write that
// carries the bracket's parent order (net.Socket#write to the gateway's port of a placeOrder with the parent's id:
// gatewayWrites.ts, as in execution.bench.ts). Then the bracket is cancelled (an entry that filled first is closed)
// and the rule proposes again at its next evaluation (signals.evaluateEveryMs, 1 s as shipped). Goal: p99 < 20 ms.
// BENCH_APPROVALS (default 200).
import { quantileSorted } from 'simple-statistics';
import type { ProposalsView, StrategyView } from '../../core/contract/proposalView';
import { instrumentKey, type Position } from '../../core/market/order';
import { setLogLevel } from '../../core/runtime/logger';
import { contractOf, eventually } from '../support/engineContract';
import { proposingSpyConfig, writeTestConfig } from '../support/engineProcess';
import { startInProcessEngine } from '../support/inProcessEngine';
import { placedOrderId, watchGatewayWrites } from './gatewayWrites';
import { startSimGatewayProcess } from './simGatewayProcess';

const APPROVALS = Number(process.env.BENCH_APPROVALS ?? 200);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'approval', metric, value: Math.round(value * 1000) / 1000, unit }));
}

/** Risk also lets many orders through quickly: 200 approvals, each cancelled. */
const approvalConfig = () => proposingSpyConfig({ risk: { maxOrdersPerSecond: 50, maxOrdersPerMinute: 10_000, maxOpenOrders: 1_000 } });

setLogLevel('error');
const gateway = await startSimGatewayProcess();
const { engine } = await startInProcessEngine({
  configPath: await writeTestConfig(approvalConfig()),
  source: 'ibkr',
  env: { IB_PORT: String(gateway.port), ALPHAVANTAGE_API_KEY: 'bench-key', ALPHAVANTAGE_BASE_URL: gateway.alphaVantageUrl },
});

// The arrival of each approveProposal at the contract server, by proposal id (performance.now(), this process).
const arrivals = new Map<string, number>();
const serve = engine.contract.serve.bind(engine.contract);
engine.contract.serve = (transport, name) =>
  serve({
    ...transport,
    onMessage: (listener) =>
      transport.onMessage((raw) => {
        const call = raw as { t?: string; command?: string; input?: { id?: string } };
        if (call.t === 'call' && call.command === 'approveProposal' && call.input?.id) arrivals.set(call.input.id, performance.now());
        listener(raw);
      }),
  }, name);

const bridge = engine.webBridge!;
const { client, close } = await contractOf({ port: bridge.port, token: bridge.token });
let proposals: ProposalsView = { open: [], decided: [] };
client.subscribe('proposals', {}, (e) => (proposals = e.value));
let positions: readonly Position[] = [];
client.subscribe('positions', {}, (e) => (positions = e.value));
let strategies: StrategyView[] = [];
client.subscribe('strategies', {}, (e) => (strategies = e.value));
/** Waits for the rule's next proposal; when none comes, says why the rule was quiet. */
const nextProposal = (seen: Set<string>) =>
  eventually('a new proposal', () => {
    closeFilledEntries();
    return proposals.open.find((p) => p.status === 'pending' && !seen.has(p.id));
  }, 180_000, 5).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; 1DTE was quiet: ${JSON.stringify(strategies.find((s) => s.name === 'oneDte')?.quiet)}`, { cause: error });
  });
await eventually('the engine to reconcile with the gateway', () => engine.execution.manager.reconciled, 60_000, 100);
const writes = watchGatewayWrites(gateway.port);

/**
 * The entry's limit is the mid of the chain the rule read (refreshed every minute), so the live ask is sometimes
 * through it and it fills before its cancel: the rule stays quiet while positioned, so a position is closed (at a
 * limit, as options must be: half its price, a marketable sell; the rule only buys) while the bench waits.
 */
let closing: Promise<unknown> | null = null;
function closeFilledEntries(): void {
  const open = positions.filter((p) => p.quantity !== 0);
  if (closing || open.length === 0) return;
  filled += open.length;
  closing = Promise.all(open.map((position) => {
    const price = position.marketPrice ?? position.avgCost / position.multiplier;
    const limitPrice = Math.max(0.01, Math.round(price * 50) / 100);
    return client.call('closePosition', { instrumentKey: instrumentKey(position.instrument), clientOrderKey: `bench-close-${Date.now()}`, limitPrice, reason: 'benchmark: the entry filled' });
  }))
    .catch((error: unknown) => console.error(`closing a filled entry: ${(error as Error).message}`))
    .finally(() => sleep(1_000).then(() => (closing = null)));
}

let filled = 0;
const latencies: number[] = [];
const seen = new Set<string>();
let refused = 0;
let failedPreCheck = 0;
while (latencies.length < APPROVALS) {
  const proposal = await nextProposal(seen);
  seen.add(proposal.id);
  if (!proposal.preCheck.passed) {
    failedPreCheck++;
    if (process.env.BENCH_TRACE) console.error(`${proposal.id}: pre-check ${proposal.preCheck.code}: ${proposal.preCheck.message}`);
    await client.call('rejectProposal', { id: proposal.id, reason: `benchmark: pre-check ${proposal.preCheck.code}` });
    continue;
  }
  const written = writes.next((chunk) => placedOrderId(chunk) !== null);
  const decision = await client.call('approveProposal', { id: proposal.id, confirmed: true });
  if (decision.status !== 'approved') {
    refused++;
    console.error(`approval of ${proposal.id} refused: ${decision.refusal?.code} ${decision.refusal?.message}`);
    continue;
  }
  const write = await written;
  const placed = placedOrderId(write.chunk);
  if (placed !== decision.orderIds[0]) throw new Error(`the first order placed after approving ${proposal.id} was #${placed}, not its entry #${decision.orderIds[0]}`);
  latencies.push(write.at - arrivals.get(proposal.id)!);
  if (process.env.BENCH_TRACE) console.error(`${proposal.id}: ${latencies.at(-1)!.toFixed(2)} ms`);
  await client.call('cancelAllOrders', { scope: 'engine', reason: 'benchmark: next approval' });
}
latencies.sort((a, b) => a - b);
report('approve_to_socket_p50_ms', quantileSorted(latencies, 0.5), 'ms');
report('approve_to_socket_p99_ms', quantileSorted(latencies, 0.99), 'ms');
report('approve_to_socket_max_ms', latencies.at(-1)!, 'ms');
report('approvals', latencies.length, 'count');
report('refused', refused, 'count');
report('failed_pre_check', failedPreCheck, 'count');
report('entries_filled_and_closed', filled, 'count');

await sleep(500);
close();
await engine.stop();
gateway.stop();
process.exit(0);
