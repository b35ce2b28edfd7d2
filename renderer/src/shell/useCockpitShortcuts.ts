import { useEffect } from 'react';
import { useConnectionStore } from '../stores/connectionStore';
import { selectSymbol, useSelectedSymbolStore } from '../stores/selectedSymbolStore';
import { revealPanel, useLayoutStore } from '../panels/layoutStore';
import { panelRegistry } from '../panels/panelRegistry';
import { SYMBOL_INPUT_ID } from './SymbolSelector';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

function stepSymbol(by: number): void {
  const symbols = useConnectionStore.getState().session?.symbols.map((s) => s.symbol) ?? [];
  if (symbols.length === 0) return;
  const index = symbols.indexOf(useSelectedSymbolStore.getState().symbol);
  selectSymbol(symbols[(index + by + symbols.length) % symbols.length]!);
}

/** Opens the panel if it was closed, brings it forward and focuses it (a panel may name the field to start in). */
function focusPanel(key: string): boolean {
  const definition = panelRegistry.find((panel) => panel.focusKey === key);
  const api = useLayoutStore.getState().api;
  if (!definition || !api) return false;
  revealPanel(api, definition.id, definition.focusId);
  return true;
}

/**
 * Symbol switching, panel focus and the help overlay. Deliberately no shortcut sends an order: the ticket's own
 * Enter previews first, and sends only the previewed order.
 */
export function useCockpitShortcuts(toggleHelp: () => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey) return;
      const typing = isTyping(event.target);
      if (event.altKey && event.shiftKey && /^Key[A-Z]$/.test(event.code)) {
        if (focusPanel(event.code.slice(3))) event.preventDefault();
      } else if (event.altKey && /^Digit[1-9]$/.test(event.code)) {
        const symbol = useConnectionStore.getState().session?.symbols[Number(event.code.slice(5)) - 1];
        if (symbol) selectSymbol(symbol.symbol);
        event.preventDefault();
      } else if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        stepSymbol(event.key === 'ArrowUp' ? -1 : 1);
        event.preventDefault();
      } else if (!typing && !event.altKey && event.key === '?') {
        toggleHelp();
        event.preventDefault();
      } else if (!typing && !event.altKey && event.key === '/') {
        document.getElementById(SYMBOL_INPUT_ID)?.focus();
        event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggleHelp]);
}
