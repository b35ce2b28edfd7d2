import { create } from 'zustand';
import type { TradingState } from '../../../core/contract/contract';

interface TradingStateState {
  /** The engine's kill-switch state as last heard; null until the first event arrives. */
  current: TradingState | null;
}

export const useTradingStateStore = create<TradingStateState>(() => ({ current: null }));
