import { pino, type Logger, type LevelWithSilent } from 'pino';

function isLevel(value: string | undefined): value is LevelWithSilent {
  return value !== undefined && (value === 'silent' || value in pino.levels.values);
}

/**
 * One logger for the engine; modules take a child named after themselves. It starts at LOG_LEVEL when that is a
 * level pino knows (else info): the engine validates LOG_LEVEL with the rest of the environment (a bad value
 * stops it with exit code 2) and then applies it, `.env` included, with setLogLevel.
 */
export const logger: Logger = pino({
  level: isLevel(process.env.LOG_LEVEL) ? process.env.LOG_LEVEL : process.env.VITEST ? 'silent' : 'info',
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
});

/** Children keep the level they were made with, so setLogLevel sets theirs too. */
const moduleLoggers = new Map<string, Logger>();

export function moduleLogger(name: string): Logger {
  let child = moduleLoggers.get(name);
  if (!child) {
    child = logger.child({ module: name });
    moduleLoggers.set(name, child);
  }
  return child;
}

export function setLogLevel(level: LevelWithSilent): void {
  logger.level = level;
  for (const child of moduleLoggers.values()) child.level = level;
}
