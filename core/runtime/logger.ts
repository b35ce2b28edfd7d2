import { pino, type Logger } from 'pino';

/** One logger for the engine; modules take a child named after themselves. */
export const logger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
});

export function moduleLogger(name: string): Logger {
  return logger.child({ module: name });
}
