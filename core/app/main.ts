/** The engine in web mode: `node dist/engine.js [--port N] [--data-dir D] [--config F] [--headless] [--source sim|ibkr]`. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFlags, resolveSettings } from '../config/settings';
import { startEngine, type Engine } from './engine';
import { packageVersion } from './contractHandlers';
import { logger, setLogLevel } from '../runtime/logger';
import { findProjectRoot } from '../runtime/projectRoot';
import { describeStartFailure, EXIT } from './startFailure';

async function main(): Promise<number> {
  const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));
  let engine: Engine;
  try {
    const settings = resolveSettings(parseFlags(process.argv.slice(2)), projectRoot);
    if (settings.logLevel) setLogLevel(settings.logLevel);
    engine = await startEngine(settings, { projectRoot, version: packageVersion(projectRoot), webBridge: true });
  } catch (error) {
    const failure = describeStartFailure(error);
    return fail(failure.code, failure.message);
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
