import { create } from 'zustand';
import type { FlattenProgress } from '../../../core/contract/contract';

interface FlattenState {
  /** The flatten whose progress is on screen (its start time), until the trader closes the card. */
  watching: number | null;
  /** flattenAll's own answer: shown until the `flatten` stream has caught up with that run. */
  answered: FlattenProgress | null;
}

export const useFlattenStore = create<FlattenState>(() => ({ watching: null, answered: null }));
