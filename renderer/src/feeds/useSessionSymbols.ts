import type { SessionInfo } from '../../../core/contract/contract';
import { useConnectionStore } from '../stores/connectionStore';

export type SymbolInfo = SessionInfo['symbols'][number];
const none: readonly SymbolInfo[] = [];

/** The configured symbols, in config order (empty until the session arrives). */
export function useSessionSymbols(): readonly SymbolInfo[] {
  return useConnectionStore((s) => s.session?.symbols ?? none);
}

export function useSymbolInfo(symbol: string): SymbolInfo | undefined {
  return useSessionSymbols().find((s) => s.symbol === symbol);
}
