import type { Redis } from 'ioredis';
import type { EngineBus } from '../bus/catalogue';
import type { RiskLimits } from '../config/riskSchema';
import type { TradingStateHistoryEntry } from '../contract/contract';
import { BreakerLatches, type VenueUse } from '../risk/breakerLatches';
import { CircuitBreakers } from '../risk/circuitBreakers';
import { DayHighWater } from '../risk/dayHighWater';
import { DenialLog } from '../risk/denialLog';
import { HISTORY_SHOWN } from '../risk/riskMonitor';
import { RuntimeRiskLimits } from '../risk/riskLimits';
import type { TradingStateService } from '../risk/tradingState';
import { readHistory } from '../risk/tradingStateRecord';
import type { EngineModule } from '../runtime/supervisor';
import { RedisRiskStore } from '../store/riskStore';

export interface RiskModuleOptions {
  bus: EngineBus;
  redis: Redis;
  tradingState: TradingStateService;
  /** config.yaml `risk:` as the order gate enforces it. */
  configured: RiskLimits;
  /** The configured symbols: the ones whose stale data trips the stale-data breaker. */
  symbols: readonly string[];
  /** The venue now (the order manager's); null while execution is not running. */
  venue: () => VenueUse | null;
}

/**
 * The risk engine's state kept across restarts (Health's "risk"): the runtime limits (the stricter of config.yaml's
 * and the stored ones), today's P&L high-water mark, the loss breakers tripped today, the latched connection and
 * stale-data breakers, the newest denials and the trading state's history, all read from Redis before the breakers
 * and the order manager start (the latches watch the venue from the `breakerLatches` module, once execution runs).
 */
export class RiskModule implements EngineModule {
  readonly name = 'risk';
  readonly dependsOn = ['redis', 'tradingState'];
  readonly store: RedisRiskStore;
  readonly limits: RuntimeRiskLimits;
  readonly high: DayHighWater;
  readonly breakers: CircuitBreakers;
  readonly latches: BreakerLatches;
  readonly denials: DenialLog;
  /** The trading state's last changes as read at start. */
  history: TradingStateHistoryEntry[] = [];

  constructor(private readonly options: RiskModuleOptions) {
    const { bus, tradingState } = options;
    this.store = new RedisRiskStore(options.redis);
    this.limits = new RuntimeRiskLimits(options.configured, { store: this.store, tradingState });
    this.high = new DayHighWater((mark) => this.store.saveDayHigh(mark));
    this.breakers = new CircuitBreakers({ bus, tradingState, limits: this.limits, high: this.high, saveTrip: (name, trip) => this.store.saveBreaker(name, trip) });
    this.latches = new BreakerLatches({ bus, limits: this.limits, symbols: options.symbols, venue: options.venue, store: this.store });
    this.denials = new DenialLog(bus, (record) => this.store.saveDenial(record));
  }

  async start(): Promise<void> {
    await this.limits.load();
    const stored = await this.store.loadState();
    this.high.load(stored.dayHigh);
    this.breakers.load(stored.breakers);
    this.latches.load(stored.latched);
    this.denials.load(stored.denials);
    this.history = await readHistory(this.options.redis, HISTORY_SHOWN);
    this.denials.start();
  }

  async stop(): Promise<void> {
    this.denials.stop();
  }

  detail(): Record<string, number | string | null> {
    const changed = Object.keys(this.limits.configured).filter((name) => this.limits.current[name as keyof RiskLimits] !== this.limits.configured[name as keyof RiskLimits]);
    return { limitsChanged: changed.join(',') || null };
  }
}
