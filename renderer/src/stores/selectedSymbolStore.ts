import { create } from 'zustand';

/** The symbol every linked panel shows; pinned panels keep their own. */
export const useSelectedSymbolStore = create<{ symbol: string }>(() => ({ symbol: 'SPY' }));

export const selectSymbol = (symbol: string): void => useSelectedSymbolStore.setState({ symbol });
