import type { EngineBus } from '../bus/catalogue';
import type { ModuleHealth } from '../contract/contract';
import { FlattenAll } from '../execution/flattenAll';
import { OrderManager } from '../execution/orderManager';
import { KillSwitch } from '../risk/killSwitch';
import type { DayHighWater } from '../risk/dayHighWater';
import type { LatchedBreakers } from '../risk/breakerLatches';
import { ORDER_CHECKS, OrderGate } from '../risk/orderGate';
import { limitsReader, type LimitsInForce } from '../risk/riskLimitRules';
import type { TradingStateService } from '../risk/tradingState';
import type { EngineModule } from '../runtime/supervisor';
import { RedisExecutionStore } from '../store/executionStore';
import type { Redis } from 'ioredis';
import type { IbConnection } from '../venues/ibkr/connection/ibConnection';
import { IbkrExecution } from '../venues/ibkr/execution/ibkrExecution';
import { OptionChainMarks } from './optionChainMarks';

export interface ExecutionModuleOptions {
  bus: EngineBus;
  redis: Redis;
  /** The IB socket the market data uses: orders share it. */
  connection: IbConnection;
  tradingState: TradingStateService;
  /** The limits in force (config.yaml `risk:`, changed at runtime from the cockpit). */
  riskLimits: LimitsInForce;
  /** The day's P&L high, shared with the circuit breakers. */
  dayHigh: DayHighWater;
  /** The connection and stale-data breakers latched until a trader resets them (the order gate refuses BREAKER_TRIPPED). */
  latched?: LatchedBreakers;
  reportBadInput: (source: string, problem: string) => void;
  /** Risk-free rate for the engine's own greeks of contracts the vendor sent without (config analytics.gex.rate). */
  optionRate: number;
}

/**
 * Order execution as one engine module (Health's "execution"): the order manager behind the order gate, the IBKR
 * venue's order side on the shared connection, the kill switch (HALT cancels the working orders), flatten all, and the store that keeps orders, fills, positions and the audit.
 * It starts after the IBKR data source (which owns and starts the connection) and the trading state.
 */
export class ExecutionModule implements EngineModule {
  readonly name = 'execution';
  readonly dependsOn = ['redis', 'tradingState', 'risk', 'ibkrIngest'];
  readonly venue: IbkrExecution;
  readonly manager: OrderManager;
  private readonly store: RedisExecutionStore;
  private readonly marks: OptionChainMarks;
  private readonly killSwitch: KillSwitch;
  private readonly flatten: FlattenAll;

  constructor(options: ExecutionModuleOptions) {
    const { bus } = options;
    this.venue = new IbkrExecution({ connection: options.connection, bus, reportBadInput: (problem) => options.reportBadInput('ibkr', problem) });
    this.store = new RedisExecutionStore(options.redis);
    this.marks = new OptionChainMarks(bus, options.optionRate);
    this.manager = new OrderManager({ bus, venue: this.venue, store: this.store, gate: new OrderGate(options.tradingState, options.riskLimits, ORDER_CHECKS, options.latched), optionMarks: this.marks.lookup, high: options.dayHigh });
    this.killSwitch = new KillSwitch(bus, options.tradingState);
    this.flatten = new FlattenAll({
      bus, book: this.manager.flattenBook(), tradingState: options.tradingState, optionMarks: this.marks.lookup, marketCalendar: limitsReader(options.riskLimits).current.marketCalendar,
    });
  }

  async start(): Promise<void> {
    this.marks.start();
    this.venue.start();
    await this.manager.start();
    this.killSwitch.start();
    this.flatten.start();
  }

  async stop(): Promise<void> {
    this.flatten.stop();
    this.killSwitch.stop();
    await this.manager.stop();
    this.venue.stop();
    this.marks.stop();
  }

  detail(): ModuleHealth['detail'] {
    return this.manager.detail();
  }
}
