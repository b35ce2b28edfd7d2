import { tradingStateRestrictiveness as restrictiveness, type TradingStateName } from '../../../core/contract/contract';
import type { EngineClient } from '../engine/engineClient';
import { useKillSwitchStore } from '../stores/killSwitchStore';
import { useTradingStateStore } from '../stores/tradingStateStore';

/** Moving to a less restrictive state needs the trader's confirmation. */
export function isRelease(from: TradingStateName | undefined, to: TradingStateName): boolean {
  return from !== undefined && restrictiveness[to] < restrictiveness[from];
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function send(client: EngineClient, state: TradingStateName, reason: string, confirmed: boolean): Promise<boolean> {
  useKillSwitchStore.setState({ pending: state, error: null });
  try {
    const next = await client.call('setTradingState', { state, reason, confirmed });
    useTradingStateStore.setState({ current: next });
    useKillSwitchStore.setState({ pending: null });
    return true;
  } catch (error) {
    useKillSwitchStore.setState({ pending: null, error: errorText(error) });
    return false;
  }
}

/** One click or one key, no confirmation: tightening must never wait for a dialog. */
export function haltTrading(client: EngineClient, via: 'button' | 'hotkey'): Promise<boolean> {
  return send(client, 'HALTED', `HALT ${via} pressed in the cockpit`, false);
}

/** Tightening goes at once; loosening opens the confirmation dialog instead. */
export function requestTradingState(client: EngineClient, target: TradingStateName): Promise<boolean> {
  const current = useTradingStateStore.getState().current?.state;
  if (isRelease(current, target)) {
    useKillSwitchStore.setState({ releaseTarget: target, error: null });
    return Promise.resolve(false);
  }
  return send(client, target, `${target} pressed in the cockpit`, false);
}

/** Sent only from the dialog's confirm button, with the trader's reason. */
export async function confirmRelease(client: EngineClient, reason: string): Promise<boolean> {
  const target = useKillSwitchStore.getState().releaseTarget;
  if (!target) return false;
  const done = await send(client, target, reason, true);
  if (done) useKillSwitchStore.setState({ releaseTarget: null });
  return done;
}

export function cancelRelease(): void {
  useKillSwitchStore.setState({ releaseTarget: null, error: null });
}
