import { HALT_HOTKEY_LABEL } from '../killSwitch/useKillSwitchHotkey';
import { panelRegistry } from '../panels/panelRegistry';

/** Every keyboard shortcut, as the help overlay lists them. None sends an order. */
export const shortcutList: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: HALT_HOTKEY_LABEL, action: 'HALT all trading (kill switch), works everywhere' },
  { keys: '/', action: 'Type a symbol' },
  { keys: 'Alt+1 … Alt+9', action: 'Select the 1st … 9th watchlist symbol' },
  { keys: 'Alt+↑ / Alt+↓', action: 'Previous / next watchlist symbol' },
  ...panelRegistry.map((panel) => ({ keys: `Alt+Shift+${panel.focusKey}`, action: `Focus ${panel.title}` })),
  { keys: '?', action: 'Show or hide this help' },
  { keys: 'Esc', action: 'Close this help' },
];
