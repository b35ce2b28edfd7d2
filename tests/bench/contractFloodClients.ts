/**
 * The flooding clients of `npm run bench contractFlood`, in their own process so the benchmark's latency probes do
 * not wait on this process parsing megabytes of option chains. On `{ go }` each of `clients` WebSocket connections
 * subscribes, all at once, to every stream of every configured symbol, then again to the same streams until it
 * asks for `perClient` subscriptions (past the engine's limit, to be refused); reports when every accepted
 * subscription has its first value, and keeps reading the updates until `{ stop }`.
 */
import WebSocket from 'ws';
import { ContractClient } from '../../core/contract/contractClient';
import { streams, type SessionInfo, type StreamName } from '../../core/contract/contract';
import { createWsClientTransport, type WebSocketConstructor, type WsClientTransport } from '../../core/contract/wsClientTransport';

interface Go {
  port: number;
  token: string;
  clients: number;
  perClient: number;
}

export interface FloodReport {
  /** Per client: subscriptions with a first value, refused for the limit, refused otherwise. */
  served: number[];
  limitRefusals: number[];
  otherRefusals: string[];
  /** Milliseconds from sending the subscriptions to the last first value or refusal, per client. */
  snapshotMs: number[];
  /** Accepted subscriptions without a value after SILENT_AFTER_MS (streams nothing was published on yet). */
  silent: number[];
  messages: number;
  bytes: number;
  largestMessageBytes: number;
}

const SILENT_AFTER_MS = 20_000;
const perSymbol = (Object.keys(streams) as StreamName[]).filter((name) => streams[name].params.safeParse({ symbol: 'SPY' }).success);
const global = (Object.keys(streams) as StreamName[]).filter((name) => !perSymbol.includes(name));

/** Every stream of every symbol the engine streams (book only for Level 2 symbols), as [stream, params]. */
function everyStream(session: SessionInfo): Array<[StreamName, object]> {
  const all: Array<[StreamName, object]> = global.map((name) => [name, {}]);
  for (const { symbol, dataClass } of session.symbols) {
    for (const name of perSymbol) if (name !== 'book' || dataClass === 'level2') all.push([name, { symbol }]);
  }
  return all;
}

function socketClass(origin: string, onFrame: (bytes: number) => void): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
      this.on('message', (data: Buffer) => onFrame(data.length));
    }
  } as unknown as WebSocketConstructor;
}

const transports: WsClientTransport[] = [];
const report: FloodReport = { served: [], limitRefusals: [], otherRefusals: [], snapshotMs: [], silent: [], messages: 0, bytes: 0, largestMessageBytes: 0 };
const countFrame = (bytes: number) => {
  report.messages++;
  report.bytes += bytes;
  report.largestMessageBytes = Math.max(report.largestMessageBytes, bytes);
};

async function flood(go: Go, index: number): Promise<void> {
  const transport = createWsClientTransport(`ws://127.0.0.1:${go.port}/ws?token=${go.token}`, socketClass(`http://127.0.0.1:${go.port}`, countFrame));
  transports.push(transport);
  const client = new ContractClient(transport, 60_000);
  while (!transport.isOpen) await new Promise((r) => setTimeout(r, 10));
  const wanted = everyStream(await client.call('getSession', {}));
  report.served[index] = 0;
  report.limitRefusals[index] = 0;
  let settled = 0;
  const started = performance.now();
  let lastAnswer = started;
  await new Promise<void>((resolve) => {
    // A stream with nothing published yet (no sweep so far) has no first value to wait for.
    setTimeout(resolve, SILENT_AFTER_MS);
    const settle = () => {
      lastAnswer = performance.now();
      if (++settled === go.perClient) resolve();
    };
    for (let n = 0; n < go.perClient; n++) {
      const [stream, params] = wanted[n % wanted.length]!;
      let first = true;
      client.subscribe(
        stream,
        params as never,
        () => {
          if (!first) return;
          first = false;
          report.served[index]!++;
          settle();
        },
        (error) => {
          if (error.code === 'LIMIT_REACHED') report.limitRefusals[index]!++;
          else report.otherRefusals.push(`${stream} ${JSON.stringify(params)}: ${error.message}`);
          settle();
        },
      );
    }
  });
  report.snapshotMs[index] = lastAnswer - started;
  report.silent[index] = go.perClient - settled;
}

process.on('message', (message: { go?: Go; stop?: true }) => {
  if (message.go) {
    const go = message.go;
    void Promise.all(Array.from({ length: go.clients }, (_, i) => flood(go, i))).then(() => process.send!({ snapshots: true }));
  }
  if (message.stop) {
    transports.forEach((t) => t.dispose());
    process.send!({ report }, () => process.exit(0));
  }
});
process.send!({ ready: true });
