import type { Redis } from 'ioredis';
import { keys } from './keys';
import { HashCounter } from './hashCounter';
import { moduleLogger } from '../runtime/logger';

const log = moduleLogger('badInput');

/** Each source logs at most this many refusals per window; the others are counted and summed up in one line. */
export const LOG_LINES_PER_WINDOW = 10;
export const LOG_WINDOW_MS = 10_000;

interface LogWindow {
  logged: number;
  unlogged: number;
  timer: NodeJS.Timeout;
}

/**
 * Refused input, counted by source (websocket, http, ipc, config, ibkr, alphavantage, ...) in monitoring:bad_input.
 * Logging is rate-limited per source, so a flood of refusals (thousands of bad connection attempts) writes a few
 * lines and one summary instead of a line each; the count stays exact.
 */
export class BadInputCounter extends HashCounter {
  private readonly windows = new Map<string, LogWindow>();

  constructor(redis: Redis, flushMs = 1_000) {
    super(redis, keys.monitoring.badInput.key, flushMs);
  }

  report(source: string, problem: string): void {
    this.add(source);
    const window = this.windows.get(source) ?? this.openWindow(source);
    if (window.logged < LOG_LINES_PER_WINDOW) {
      window.logged++;
      log.warn({ source, problem }, 'bad input refused');
    } else {
      window.unlogged++;
    }
  }

  override stop(): void {
    for (const source of [...this.windows.keys()]) this.closeWindow(source);
    super.stop();
  }

  private openWindow(source: string): LogWindow {
    const timer = setTimeout(() => this.closeWindow(source), LOG_WINDOW_MS);
    timer.unref();
    const window: LogWindow = { logged: 0, unlogged: 0, timer };
    this.windows.set(source, window);
    return window;
  }

  private closeWindow(source: string): void {
    const window = this.windows.get(source);
    if (!window) return;
    clearTimeout(window.timer);
    this.windows.delete(source);
    if (window.unlogged > 0) {
      log.warn({ source, unlogged: window.unlogged, seconds: LOG_WINDOW_MS / 1000 }, `bad input refused: ${window.unlogged} more from ${source} not logged (counted in ${keys.monitoring.badInput.key})`);
    }
  }
}
