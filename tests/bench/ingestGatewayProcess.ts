/**
 * The simulated gateway for `npm run bench ingest`, in its own process so the ingestion being measured has a
 * core to itself. Drives the market model either flat out or at a target frame rate, and reports when each
 * socket write left (wall time, frames written so far) to the parent over IPC for the latency figure.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startGateway } from '../../core/sim/gateway/gateway';
import { createMarketModel } from '../../core/sim/market/marketModel';

const rate = Number(process.env.FRAMES_PER_S ?? 0); // 0 = as fast as the model runs
const wallNow = () => performance.timeOrigin + performance.now();

const market = createMarketModel({ seed: 11 });
const gateway = await startGateway({ feed: market, port: 0, stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-bench-')) });
let samples: number[] = [];
const write = net.Socket.prototype.write;
net.Socket.prototype.write = function patchedWrite(this: net.Socket, ...args: Parameters<typeof write>) {
  samples.push(wallNow(), gateway.stats().framesSent);
  return write.apply(this, args);
} as typeof write;
setInterval(() => {
  if (samples.length > 0) process.send?.({ samples });
  samples = [];
}, 100).unref();

let started = 0;
function drive(): void {
  if (rate > 0) {
    const due = ((wallNow() - started) / 1000) * rate;
    // Bounded: with no client connected no frame counts, and the loop must still yield.
    for (let i = 0; i < 20 && gateway.stats().framesSent < due; i++) market.advance(5);
    setTimeout(drive, 1);
  } else {
    market.advance(20);
    setImmediate(drive);
  }
}

process.on('disconnect', () => process.exit(0));
process.on('message', (m: { go?: boolean; stop?: boolean }) => {
  if (m.go) {
    process.send?.({ framesAtGo: gateway.stats().framesSent });
    started = wallNow();
    drive();
  }
  if (m.stop) void gateway.stop().then(() => process.exit(0));
});
process.send?.({ port: gateway.port });
