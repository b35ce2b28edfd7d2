/** The engine in web mode: `node dist/engine.js [--port N] [--data-dir D] [--config F] [--headless] [--source sim|ibkr]`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config/configError';
import { parseFlags, resolveSettings } from '../config/settings';
import { RedisServerMissingError } from '../store/managedRedis';
import { startEngine, type Engine } from './engine';
import { packageVersion } from './contractHandlers';
import { logger } from '../runtime/logger';
import { findProjectRoot } from '../runtime/projectRoot';

export const EXIT = { ok: 0, failed: 1, badConfig: 2, redisMissing: 3 } as const;

async function main(): Promise<number> {
  const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
  let engine: Engine;
  try {
    const settings = resolveSettings(parseFlags(process.argv.slice(2)), projectRoot);
    engine = await startEngine(settings, { projectRoot, version: packageVersion(projectRoot), webBridge: true });
  } catch (error) {
    if (error instanceof ConfigError) return fail(EXIT.badConfig, error.message);
    if (error instanceof RedisServerMissingError) return fail(EXIT.redisMissing, error.message);
    return fail(EXIT.failed, `AlphaTrader could not start: ${(error as Error).stack ?? String(error)}`);
  }
  process.stdout.write(`AlphaTrader workstation: ${engine.webBridge!.url}\n`);
  await stopSignal();
  logger.info('shutting down');
  await engine.stop();
  return EXIT.ok;
}

/**
 * Resolves on the first SIGINT/SIGTERM. A terminal's Ctrl+C reaches both `npm start` and the engine, so a second
 * signal is expected and ignored; a third forces the exit (redis-server is still stopped by the exit hook).
 */
function stopSignal(): Promise<void> {
  let received = 0;
  return new Promise((resolve) => {
    const onSignal = () => {
      received++;
      if (received >= 3) process.exit(EXIT.failed);
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    // A parent that runs the engine with a piped stdin (test harnesses) stops it by dying: stdin ends.
    if (process.env.ALPHATRADER_STOP_ON_STDIN_END === '1') {
      process.stdin.on('end', onSignal).on('error', onSignal).resume();
    }
  });
}

function fail(code: number, message: string): number {
  process.stderr.write(`${message}\n`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(EXIT.failed);
  },
);
