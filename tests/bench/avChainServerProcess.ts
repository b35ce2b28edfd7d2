/**
 * A stand-in Alpha Vantage for `npm run bench alphavantage`, in its own process so the engine being measured has its
 * event loop to itself: every REALTIME_OPTIONS answer is a 10,000-contract chain of the asked symbol (built before it listens),
 * every other function gets an `Error Message` (not retried). Tells the parent its port over IPC, and when each chain's
 * last byte was handed to the socket (wall clock, epoch ms), for the body → Redis figure.
 */
import http from 'node:http';
import { chainBody } from './avChainBodies';

const CONTRACTS = Number(process.env.CHAIN_CONTRACTS ?? 10_000);
const bodies = new Map((process.env.CHAIN_SYMBOLS ?? '').split(',').filter(Boolean).map((s) => [s, Buffer.from(chainBody(CONTRACTS, s))]));
const refusal = Buffer.from(JSON.stringify({ 'Error Message': 'this benchmark serves option chains only' }));

const server = http.createServer((req, res) => {
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
  const symbol = query.get('symbol') ?? '';
  let body = refusal;
  if (query.get('function') === 'REALTIME_OPTIONS' && /^[A-Z]{1,5}$/.test(symbol)) {
    body = bodies.get(symbol) ?? Buffer.from(chainBody(CONTRACTS, symbol));
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  const chain = body !== refusal;
  res.end(body, () => chain && process.send?.({ symbol, sentAt: performance.timeOrigin + performance.now() }));
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
process.on('disconnect', () => process.exit(0));
