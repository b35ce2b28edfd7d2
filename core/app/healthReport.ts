import type { Health, ModuleHealth, TradingStateName } from '../contract/contract';

export interface HealthInputs {
  source: 'sim' | 'ibkr';
  redisConnected: boolean;
  modules: Record<string, ModuleHealth>;
  tradingState: TradingStateName;
}

/** ok: everything runs; degraded: something failed or Redis is unreachable; down: no module runs. */
export function healthReport(inputs: HealthInputs, now = Date.now()): Health {
  const states = Object.values(inputs.modules).map((m) => m.state);
  const running = states.filter((s) => s === 'running').length;
  const status: Health['status'] = running === 0 ? 'down' : !inputs.redisConnected || running < states.length ? 'degraded' : 'ok';
  return {
    status,
    source: inputs.source,
    redis: { connected: inputs.redisConnected },
    modules: inputs.modules,
    tradingState: inputs.tradingState,
    asOf: now,
  };
}
