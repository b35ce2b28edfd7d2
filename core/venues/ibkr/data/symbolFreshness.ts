import type { DataKind, SymbolFreshness } from '../../../contract/ingestionState';
import type { SymbolState } from './symbolState';

export type { SymbolFreshness };

/** Bars arrive every 5 s, so they are stale only after a few missed bars whatever the configured window. */
const MIN_BAR_WINDOW_MS = 12_000;

function expectedKinds(state: SymbolState): DataKind[] {
  return state.level2 ? ['quotes', 'trades', 'depth', 'bars'] : ['quotes', 'trades', 'bars'];
}

/**
 * Freshness of one symbol: a data type is stale when nothing arrived within the window since the later of its
 * last update and the moment the current session began delivering, or at once while an upstream says the
 * data is interrupted (no connection, 1100, a market-data farm down).
 */
export function symbolFreshness(state: SymbolState, now: number, staleAfterMs: number, deliveringSince: number, interruption: string | null): SymbolFreshness {
  const kinds: DataKind[] = [];
  const ageMs: SymbolFreshness['ageMs'] = {};
  for (const kind of expectedKinds(state)) {
    const last = state.lastUpdate[kind];
    ageMs[kind] = last > 0 ? now - last : null;
    const window = kind === 'bars' ? Math.max(staleAfterMs, MIN_BAR_WINDOW_MS) : staleAfterMs;
    if (interruption || now - Math.max(last, deliveringSince) > window) kinds.push(kind);
  }
  return { symbol: state.symbol, stale: kinds.length > 0, kinds, reason: interruption, ageMs };
}
