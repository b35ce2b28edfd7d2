/**
 * `npm run sim -- --port 7497 [--av-port 8601] [--av-plan premium600|premium75|free] [--seed 42] [--speed 1] [--state-dir DIR]
 * [--trading-hours enforced|always-open]`:
 * the simulated market alone,
 * so any TWS API client can practise against it. Faults can be switched from stdin, e.g. `set stall true`,
 * `set maxTickerLines 5`, `depthReset`, `farmFlap`, `dropMidMessage`, `faults` (prints the switches); `sweep SPY buy 4`
 * sends a sweep through the model's book; `informed SPY sell 300` starts 300 seconds of one-sided informed flow before
 * a move (market time);
 * `uoa SPY250117C00600000 5000 2` trades 5,000 of that option over 2 minutes.
 * `--record FILE` writes the model's session as it runs; `--replay FILE` serves a recorded session instead of the
 * model, `--lobster MESSAGE.csv,ORDERBOOK.csv` one symbol's LOBSTER files.
 */
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { runFaultCommand } from './gateway/faultCommands';
import { AV_PLANS, isAvPlan, type AvPlan } from './alphavantage';
import type { TradingHoursMode } from './gateway/orders/tradingHours';
import { runMarketCommand } from './marketCommands';
import type { MarketFeed } from './market/marketFeed';
import { createMarketModel } from './market/marketModel';
import { createLobsterReplay, createSessionReplay, recordSession } from './replay';
import { serveMarket } from './simulatedMarket';

function parseSimArgs() {
  return parseArgs({
    options: {
      port: { type: 'string', default: '7497' },
      'av-port': { type: 'string', default: '8601' },
      'av-plan': { type: 'string', default: 'premium600' },
      'trading-hours': { type: 'string', default: 'enforced' },
      seed: { type: 'string', default: '42' },
      speed: { type: 'string', default: '1' },
      'state-dir': { type: 'string', default: path.join(os.homedir(), '.alphatrader', 'sim') },
      record: { type: 'string' },
      replay: { type: 'string' },
      lobster: { type: 'string' },
    },
  });
}

const { values } = (() => {
  try {
    return parseSimArgs();
  } catch (error) {
    console.error((error as Error).message); // an unknown or incomplete flag
    process.exit(2);
  }
})();

function numberArg(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`--${name} must be a non-negative number, got "${raw}"`);
    process.exit(2);
  }
  return n;
}

function chooseFeed(seed: number, speed: number): MarketFeed {
  if (values.replay) return createSessionReplay({ path: values.replay, speed });
  if (values.lobster) {
    const [messagePath, orderbookPath] = values.lobster.split(',');
    if (!messagePath || !orderbookPath) {
      console.error('--lobster takes MESSAGE.csv,ORDERBOOK.csv');
      process.exit(2);
    }
    return createLobsterReplay({ messagePath, orderbookPath, speed });
  }
  return createMarketModel({ seed, speed, startTs: Date.now() });
}

function portArg(name: string, raw: string | undefined): number {
  const port = numberArg(name, raw);
  if (!Number.isInteger(port) || port > 65535) {
    console.error(`--${name} must be a port number 0..65535 (0 = any free port), got "${raw}"`);
    process.exit(2);
  }
  return port;
}

function tradingHoursArg(raw: string | undefined): TradingHoursMode {
  if (raw === 'enforced' || raw === 'always-open') return raw;
  console.error(`--trading-hours must be enforced or always-open, got "${raw}"`);
  process.exit(2);
}

function planArg(raw: string | undefined): AvPlan {
  if (raw !== undefined && isAvPlan(raw)) return raw;
  console.error(`--av-plan must be one of ${AV_PLANS.join(', ')}, got "${raw}"`);
  process.exit(2);
}

const avPlan = planArg(values['av-plan']);
const tradingHours = tradingHoursArg(values['trading-hours']);
const seed = numberArg('seed', values.seed);
const gatewayPort = portArg('port', values.port);
const alphaVantagePort = portArg('av-port', values['av-port']);
const feed = chooseFeed(seed, numberArg('speed', values.speed) || 1);
const recorder = values.record ? recordSession(feed, values.record) : null;
const sim = await serveMarket(feed, {
  seed,
  gatewayPort,
  alphaVantagePort,
  stateDir: values['state-dir']!,
  alphaVantage: { plan: avPlan },
  tradingHours,
  howToChangePort: { gateway: 'choose another with --port', alphaVantage: 'choose another with --av-port (0 = any free port)' },
}).catch((error: unknown) => {
  console.error(`The simulated market could not start: ${(error as Error).message}`);
  process.exit(1);
});
const source = values.replay ? `replay of ${values.replay}` : values.lobster ? `LOBSTER replay of ${values.lobster}` : `seeded model (seed ${seed})`;
console.log(`Market: ${source}${values.record ? `, recording to ${values.record}` : ''}`);
console.log(`TWS API gateway listening on 127.0.0.1:${sim.gatewayPort} (server versions 100..193, account DU1234567)`);
console.log(tradingHours === 'enforced' ? 'Trading hours: US stock and option hours, New York time (--trading-hours always-open to trade at any hour)' : 'Trading hours: the simulated exchange never closes');
console.log(`Alpha Vantage-compatible endpoint on ${sim.alphaVantage.url}/query (plan ${avPlan})`);
console.log('Type "help" for fault switches.');

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => console.log(runMarketCommand(feed, line) ?? runFaultCommand(sim.gateway.faults, line)));
// A harness that pipes stdin stops the simulator by dying (stdin ends); a terminal user keeps Ctrl+C.
if (process.env.ALPHATRADER_STOP_ON_STDIN_END === '1') rl.on('close', () => void shutdown('stdin closed'));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping the simulated market`);
  rl.close();
  await sim.stop();
  await recorder?.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
