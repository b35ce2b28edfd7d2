import type { Redis } from 'ioredis';
import { keys } from './keys';
import { HashCounter } from './hashCounter';
import { moduleLogger } from '../runtime/logger';

const log = moduleLogger('badInput');

/** Refused input, logged and counted by source (websocket, ipc, config, ibkr, alphavantage, ...) in monitoring:bad_input. */
export class BadInputCounter extends HashCounter {
  constructor(redis: Redis, flushMs = 1_000) {
    super(redis, keys.monitoring.badInput.key, flushMs);
  }

  report(source: string, problem: string): void {
    log.warn({ source, problem }, 'bad input refused');
    this.add(source);
  }
}
