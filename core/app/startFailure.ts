import { ConfigError } from '../config/configError';
import { RedisServerMissingError } from '../store/managedRedis';
import { ModuleStartError } from '../runtime/supervisor';

/** The engine's exit codes, as the README lists them. */
export const EXIT = { ok: 0, failed: 1, badConfig: 2, redisMissing: 3 } as const;

export interface StartFailure {
  code: number;
  /** What went wrong, e.g. "webBridge: port 8600 is in use; choose another with --port". */
  reason: string;
  /** The line(s) web mode prints on stderr. */
  message: string;
}

/** Why start-up failed, as the exit code and the words to show (web mode prints them, the desktop app shows a dialog). */
export function describeStartFailure(error: unknown): StartFailure {
  const cause = error instanceof ModuleStartError ? error.cause : error;
  if (cause instanceof ConfigError) return { code: EXIT.badConfig, reason: cause.message, message: cause.message };
  if (cause instanceof RedisServerMissingError) return { code: EXIT.redisMissing, reason: cause.message, message: cause.message };
  const reason = error instanceof Error ? error.message : String(error);
  return { code: EXIT.failed, reason, message: `AlphaTrader could not start: ${reason}` };
}
