import type { IDockviewPanelProps } from 'dockview-react';
import { useSelectedSymbolStore } from '../stores/selectedSymbolStore';

/** Saved with the layout: a pinned panel keeps its symbol; without one it follows the selected symbol. */
export interface SymbolPanelParams {
  [key: string]: unknown;
  pinnedSymbol?: string | null;
}

export interface PanelSymbol {
  symbol: string;
  pinned: boolean;
  pin(symbol: string): void;
  link(): void;
}

export function usePanelSymbol(props: IDockviewPanelProps<SymbolPanelParams>): PanelSymbol {
  const selected = useSelectedSymbolStore((s) => s.symbol);
  const pinnedSymbol = props.params?.pinnedSymbol ?? null;
  return {
    symbol: pinnedSymbol ?? selected,
    pinned: pinnedSymbol !== null,
    pin: (symbol) => props.api.updateParameters({ pinnedSymbol: symbol }),
    link: () => props.api.updateParameters({ pinnedSymbol: null }),
  };
}
