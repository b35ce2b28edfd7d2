import { useEffect } from 'react';
import type { EngineClient } from '../engine/engineClient';
import { haltTrading } from './killSwitchActions';

/** Ctrl+Shift+H (⌘+Shift+H on macOS) everywhere; F12 too where the browser does not take it for DevTools. */
export const HALT_HOTKEYS = 'Control+Shift+H Meta+Shift+H F12';
export const HALT_HOTKEY_LABEL = 'Ctrl+Shift+H / F12';

export function isHaltHotkey(event: KeyboardEvent): boolean {
  if (event.key === 'F12') return true;
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && event.code === 'KeyH';
}

/** Listens in the capture phase so no panel, input or dialog can swallow the halt. */
export function useKillSwitchHotkey(client: EngineClient): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isHaltHotkey(event)) return;
      event.preventDefault();
      event.stopPropagation();
      if (!event.repeat) void haltTrading(client, 'hotkey');
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [client]);
}
