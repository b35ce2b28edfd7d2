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
  /** As-of time of the chain the state is from (0: none): a chain no newer is not counted again. */
  asOf: number;
  paces: Map<string, VolumePace>;
  premiums: Map<string, number>;
  flagged: Set<string>;
}

/** The stored form, in columns (one row per contract): 10,000 contracts write and read back in a few milliseconds. */
export interface StoredFlowState {
  day: string;
  asOf: number;
  ids: string[];
  /** Session volume at the last refresh, the mean increment and its samples (VolumePace), by row. */
  volume: number[];
  mean: number[];
  samples: number[];
  /** The last refresh's premium, by row (0: none). */
  premium: number[];
  flagged: string[];
}

/** Where the service keeps its histories (core/store/optionsFlowStore.ts in the app). */
export interface OptionsFlowStorage {
  readState(symbol: string): Promise<StoredFlowState | null>;
  readIvHistory(symbol: string): Promise<IvDay[] | null>;
  /** The last reading as stored (JSON text), or null. */
  readReading(symbol: string): Promise<string | null>;
  /** The reading, the state and the IV history, written together. */
  write(symbol: string, reading: string, state: StoredFlowState, ivHistory: IvDay[]): Promise<void>;
}

export const emptyState = (): FlowState => ({ day: '', asOf: 0, paces: new Map(), premiums: new Map(), flagged: new Set() });

export function toStored(state: FlowState): StoredFlowState {
  const stored: StoredFlowState = { day: state.day, asOf: state.asOf, ids: [], volume: [], mean: [], samples: [], premium: [], flagged: [...state.flagged] };
  for (const [id, p] of state.paces) {
    stored.ids.push(id);
    stored.volume.push(p.volume);
    stored.mean.push(Math.round(p.mean * 1000) / 1000);
    stored.samples.push(p.samples);
    stored.premium.push(state.premiums.get(id) ?? 0);
  }
  return stored;
}

const finite = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const column = (v: unknown, length: number): unknown[] => (Array.isArray(v) && v.length === length ? v : []);

/** The state from its stored form; rows whose numbers are not numbers are dropped, a form that is not one gives none. */
export function fromStored(stored: StoredFlowState | null): FlowState {
  const state = emptyState();
  if (!stored || typeof stored !== 'object' || typeof stored.day !== 'string' || !Array.isArray(stored.ids)) return state;
  state.day = stored.day;
  state.asOf = finite(stored.asOf) ? stored.asOf : 0;
  const n = stored.ids.length;
  const [volume, mean, samples, premium] = [stored.volume, stored.mean, stored.samples, stored.premium].map((c) => column(c, n)) as [unknown[], unknown[], unknown[], unknown[]];
  for (let i = 0; i < n; i++) {
    const id = stored.ids[i];
    const [v, m, k, p] = [volume[i], mean[i], samples[i], premium[i]];
    if (typeof id !== 'string' || !finite(v) || !finite(m) || !finite(k)) continue;
    state.paces.set(id, { volume: v, mean: m, samples: k });
    if (finite(p) && p > 0) state.premiums.set(id, p);
  }
  if (Array.isArray(stored.flagged)) for (const id of stored.flagged) if (typeof id === 'string') state.flagged.add(id);
  return state;
}

export function validIvHistory(stored: unknown): IvDay[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((d): d is IvDay => typeof d === 'object' && d !== null && typeof d.day === 'string' && finite(d.iv));
}
