/**
 * `npm run replay -- [FILE] [--speed N|max] [--json] [--config FILE] [--seed N] [--minutes N]`: runs a recorded session
 * (or, without FILE, the seeded simulated market for a session) through analytics → signals → risk → paper execution
 * in this process — no Redis, no gateway — and prints each strategy's results and every proposal.
 * Exit codes: 0 done; 2 bad arguments, an unreadable or malformed file or config (the message names the problem).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../../config/configError';
import type { AppConfig } from '../../config/configSchema';
import { loadConfigFile } from '../../config/loadConfig';
import { setLogLevel } from '../../runtime/logger';
import { findProjectRoot } from '../../runtime/projectRoot';
import { SessionFileError } from '../../sim/replay';
import { parseSpeed } from './replayClock';
import { formatReplay } from './replayFormat';
import { runReplay } from './replayRun';
import { sessionFileSource, simulatedSessionSource, type ReplaySource } from './replaySource';
import { simulatedAlphaVantageFor } from './simulatedAlphaVantage';

/** A problem with what the user asked: printed as is, exit code 2. */
class UsageError extends Error {}

const USAGE = 'usage: npm run replay -- [SESSION_FILE] [--speed N|max] [--json] [--config FILE] [--seed N] [--minutes N]';
/** The seeded simulated market plays a regular session (09:30–16:00 New York) unless --minutes says otherwise. */
const SIMULATED_SESSION_MINUTES = 390;
/** Option chains of the seeded market are snapshot this often (the live engine refreshes them from Alpha Vantage about once a minute). */
const SIM_OPTIONS_EVERY_MS = 60_000;

interface ReplayArgs {
  file: string | undefined;
  speed: number;
  json: boolean;
  config: AppConfig;
  seed: number | undefined;
  minutes: number;
}

function positiveInteger(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} must be a positive whole number, got "${text}"`);
  return value;
}

export function parseReplayArgs(argv: string[], projectRoot: string): ReplayArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: { speed: { type: 'string', default: 'max' }, json: { type: 'boolean', default: false }, config: { type: 'string' }, seed: { type: 'string' }, minutes: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one session file at most, got ${positionals.length}: ${positionals.join(' ')}\n${USAGE}`);
  let speed: number;
  try {
    speed = parseSpeed(values.speed);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const config = loadConfigFile(path.resolve(projectRoot, values.config ?? 'config/config.yaml'));
  const seed = values.seed === undefined ? undefined : positiveInteger('seed', values.seed, 0);
  if (positionals[0] !== undefined && (values.seed !== undefined || values.minutes !== undefined)) throw new UsageError('--seed and --minutes are for the simulated market: a session file plays as recorded');
  return { file: positionals[0], speed, json: values.json, config, seed, minutes: positiveInteger('minutes', values.minutes, SIMULATED_SESSION_MINUTES) };
}

export function replaySource(args: ReplayArgs): ReplaySource {
  if (args.file !== undefined) return sessionFileSource(args.file);
  const { signals } = args.config;
  const traded = (['zeroDte', 'oneDte', 'swing', 'mocImbalance'] as const).filter((n) => signals[n].enabled);
  const symbols = [...new Set(traded.flatMap((n) => signals[n].symbols))];
  const options = [...new Set((['zeroDte', 'oneDte', 'swing'] as const).filter((n) => signals[n].enabled).flatMap((n) => signals[n].symbols))];
  try {
    return simulatedSessionSource({
      seed: args.seed ?? args.config.sim.seed, symbols, durationMs: args.minutes * 60_000, optionUnderlyings: options, optionsEveryMs: SIM_OPTIONS_EVERY_MS,
      alphaVantage: simulatedAlphaVantageFor(args.config),
    });
  } catch (error) {
    throw new UsageError(`the simulated market cannot play the strategies' symbols: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  // The report is the output (stdout stays parseable with --json); what goes wrong inside is listed in it as problems.
  setLogLevel('silent');
  let args: ReplayArgs;
  let source: ReplaySource;
  try {
    args = parseReplayArgs(process.argv.slice(2), findProjectRoot(process.cwd()));
    source = replaySource(args);
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof SessionFileError) console.error(`replay: ${error.message}`);
    else if ((error as NodeJS.ErrnoException).code !== undefined) console.error(`replay: cannot read the session file: ${(error as Error).message}`);
    else throw error;
    return 2;
  }
  let result;
  try {
    result = await runReplay(source, args.config, args.speed);
  } catch (error) {
    if (!(error instanceof SessionFileError)) throw error;
    console.error(`replay: ${error.message} (the replay stopped there; nothing is reported)`);
    return 2;
  }
  console.log(args.json ? JSON.stringify(result) : formatReplay(result, args.speed));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('replay failed:', error);
    process.exit(1);
  },
);
