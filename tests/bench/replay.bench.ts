// `npm run bench replay`: how much faster than real time `npm run replay` plays a day. The seeded simulated market
// (seed 42) runs a full regular session (390 minutes, BENCH_REPLAY_MINUTES to change it) for the shipped config's
// strategy symbols (SPY, AAPL; SPY's and AAPL's option chains each minute, Level 2 books at most 4 a second, the swing
// rule's technicals and news from the simulated Alpha Vantage endpoint as often as the engine refreshes them) through
// the whole replay loop — VPIN, sweeps, GEX, the options flow, the strategies, the approval queue with automation, the
// order gate, the order manager, the paper venue — at --speed max, in this process. Figures: market seconds / wall seconds
// (`speedup`), wall seconds, events per second; and the same session's events made by the model alone, nothing
// listening (`model_only_speedup`), since making the market is part of the first figure; and market seconds per CPU
// second of the process (`speedup_per_cpu_second`), which a loaded machine moves less than the wall figure.
import os from 'node:os';
import { runReplay } from '../../core/app/replay/replayRun';
import { simulatedSessionSource } from '../../core/app/replay/replaySource';
import { simulatedAlphaVantageFor } from '../../core/app/replay/simulatedAlphaVantage';
import { loadConfigFile } from '../../core/config/loadConfig';
import { setLogLevel } from '../../core/runtime/logger';

function report(metric: string, value: number, unit: string): void {
  console.log(JSON.stringify({ bench: 'replay', metric, value: Number(value.toFixed(2)), unit }));
}

setLogLevel('silent');
const minutes = Number(process.env.BENCH_REPLAY_MINUTES ?? 390);
const config = loadConfigFile('config/config.yaml');
const source = () => simulatedSessionSource({ seed: 42, symbols: ['SPY', 'AAPL'], durationMs: minutes * 60_000, optionUnderlyings: ['SPY', 'AAPL'], optionsEveryMs: 60_000, alphaVantage: simulatedAlphaVantageFor(config) });
const marketSeconds = minutes * 60;

report('load_average_1min_at_start', os.loadavg()[0]!, 'load');
let started = performance.now();
let events = 0;
for (const _ of source().events()) events++;
report('model_only_speedup', marketSeconds / ((performance.now() - started) / 1000), 'x');

started = performance.now();
const cpuBefore = process.cpuUsage();
const result = await runReplay(source(), config, Number.POSITIVE_INFINITY);
const wallSeconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
report('market_minutes', minutes, 'min');
report('wall_seconds', wallSeconds, 's');
report('events_per_second', result.events / wallSeconds, 'events/s');
report('speedup', marketSeconds / wallSeconds, 'x');
// On a shared machine the wall figure is the machine's load as much as the code: market seconds per CPU second of this
// process is what the replay would reach with a core to itself (an upper bound of the wall figure).
report('cpu_seconds', cpuSeconds, 's');
report('speedup_per_cpu_second', marketSeconds / cpuSeconds, 'x');
report('proposals', result.proposals.length, 'proposals');
report('load_average_1min_at_end', os.loadavg()[0]!, 'load');
if (events !== result.events) console.error(`the model made ${events} events alone and ${result.events} in the replay: not the same session`);
