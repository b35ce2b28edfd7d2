import { create } from 'zustand';
import type { Health } from '../../../core/contract/contract';

interface HealthState {
  health: Health | null;
  /** The engine's as-of time of `health` (epoch ms). */
  asOf: number | null;
}

export const useHealthStore = create<HealthState>(() => ({ health: null, asOf: null }));

/** The engine publishes health every second; older than this, the panel says so. */
export const HEALTH_STALE_AFTER_MS = 3_000;
