/**
 * What the options-flow service keeps between refreshes (and in Redis across restarts), per symbol: each contract's
 * volume pace, the premiums of the last refresh, the contracts unusual at the last refresh, and the ATM IV history.
 * Stored as plain JSON; a stored form that does not read back is treated as no history.
 */
import type { IvDay } from './ivHistory';
import type { VolumePace } from './optionsFlowUnusual';

export interface FlowState {
  /** New York date of the refresh the state is from: premiums of another day are not compared with. */
  day: string;
  paces: Map<string, VolumePace>;
  premiums: Map<string, number>;
  flagged: Set<string>;
}

export interface StoredFlowState {
  day: string;
  /** contractId → [volume, mean, samples] */
  paces: Record<string, [number, number, number]>;
  premiums: Record<string, number>;
  flagged: string[];
}

/** Where the service keeps its histories (core/store/optionsFlowStore.ts in the app). */
export interface OptionsFlowStorage {
  readState(symbol: string): Promise<StoredFlowState | null>;
  readIvHistory(symbol: string): Promise<IvDay[] | null>;
  /** The reading, the state and the IV history, written together. */
  write(symbol: string, reading: string, state: StoredFlowState, ivHistory: IvDay[]): Promise<void>;
}

export const emptyState = (): FlowState => ({ day: '', paces: new Map(), premiums: new Map(), flagged: new Set() });

export function toStored(state: FlowState): StoredFlowState {
  const paces: StoredFlowState['paces'] = {};
  for (const [id, p] of state.paces) paces[id] = [p.volume, Math.round(p.mean * 1000) / 1000, p.samples];
  return { day: state.day, paces, premiums: Object.fromEntries(state.premiums), flagged: [...state.flagged] };
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

/** The state from its stored form; entries that are not numbers are dropped. */
export function fromStored(stored: StoredFlowState | null): FlowState {
  if (!stored || typeof stored !== 'object' || typeof stored.day !== 'string') return emptyState();
  const paces = new Map<string, VolumePace>();
  for (const [id, v] of Object.entries(stored.paces ?? {})) {
    if (Array.isArray(v) && v.every(finite)) paces.set(id, { volume: v[0], mean: v[1], samples: v[2] });
  }
  const premiums = new Map<string, number>();
  for (const [id, v] of Object.entries(stored.premiums ?? {})) if (finite(v)) premiums.set(id, v);
  const flagged = new Set(Array.isArray(stored.flagged) ? stored.flagged.filter((id) => typeof id === 'string') : []);
  return { day: stored.day, paces, premiums, flagged };
}

export function validIvHistory(stored: unknown): IvDay[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((d): d is IvDay => typeof d === 'object' && d !== null && typeof d.day === 'string' && finite(d.iv));
}
