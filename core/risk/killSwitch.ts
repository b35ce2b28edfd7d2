import type { EngineBus } from '../bus/catalogue';
import type { TradingState, TradingStateName } from '../contract/contract';
import { moduleLogger } from '../runtime/logger';
import type { TradingStateService } from './tradingState';

const log = moduleLogger('killSwitch');

/**
 * HALT cancels: whenever the trading state becomes HALTED, from whatever source (the cockpit, `npm run halt`, a
 * breaker), every working order this engine placed is cancelled, each by id, through the bus's cancelAll (which
 * audits each cancel with the reason). The state the engine starts in is not a change: a HALTED start cancels nothing.
 */
export class KillSwitch {
  private previous: TradingStateName | null = null;
  private off: (() => void) | undefined;

  constructor(
    private readonly bus: EngineBus,
    private readonly tradingState: Pick<TradingStateService, 'topic'>,
  ) {}

  start(): void {
    this.previous = null;
    this.off = this.tradingState.topic.subscribe((state) => this.onState(state));
  }

  stop(): void {
    this.off?.();
    this.off = undefined;
  }

  private onState(state: TradingState): void {
    const halted = state.state === 'HALTED' && this.previous !== null && this.previous !== 'HALTED';
    this.previous = state.state;
    if (!halted) return;
    const reason = `trading state HALTED by ${state.changedBy}: ${state.reason}`;
    this.bus
      .send('cancelAll', { requestedBy: 'kill switch', reason })
      .then(({ cancelled }) => log.warn({ cancelled: cancelled.length, reason }, 'HALT: working orders cancelled'))
      .catch((error: unknown) => log.error({ err: error, reason }, 'HALT: the working orders could not be cancelled'));
  }
}
