import { create } from 'zustand';
import type { TradingStateName } from '../../../core/contract/contract';

interface KillSwitchState {
  /** A state change sent to the engine and not yet answered. */
  pending: TradingStateName | null;
  /** The engine's (or the transport's) last refusal, shown verbatim. */
  error: string | null;
  /** The less restrictive state the trader asked for, awaiting confirmation in the dialog. */
  releaseTarget: TradingStateName | null;
}

export const useKillSwitchStore = create<KillSwitchState>(() => ({ pending: null, error: null, releaseTarget: null }));
