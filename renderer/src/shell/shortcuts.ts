import { HALT_HOTKEY_LABEL } from '../killSwitch/useKillSwitchHotkey';
import { panelRegistry } from '../panels/panelRegistry';

/**
 * Every keyboard shortcut, as the help overlay lists them. No global shortcut places an order: the ticket's Enter
 * previews first and then places only the order previewed; the approval queue's Enter works only with the focus in
 * the queue, on the proposal shown selected.
 */
export const shortcutList: ReadonlyArray<{ keys: string; action: string }> = [
  { keys: HALT_HOTKEY_LABEL, action: 'HALT all trading (kill switch), works everywhere' },
  { keys: '/', action: 'Type a symbol' },
  { keys: 'Alt+1 … Alt+9', action: 'Select the 1st … 9th watchlist symbol' },
  { keys: 'Alt+↑ / Alt+↓', action: 'Previous / next watchlist symbol' },
  ...panelRegistry.map((panel) => ({ keys: `Alt+Shift+${panel.focusKey}`, action: `Focus ${panel.title}${panel.id === 'ticket' ? ' (opens it, cursor in Quantity)' : ''}` })),
  { keys: 'Enter (order ticket)', action: 'Preview the order; Enter again places the previewed order (large ones ask to confirm)' },
  { keys: 'Esc (order ticket)', action: 'Step back: out of the confirmation, then out of the preview' },
  { keys: 'Enter / Esc (Orders, Modify)', action: 'Save / discard a changed price or size' },
  { keys: '↑ / ↓ (Approval queue)', action: 'Select the previous / next proposal' },
  { keys: 'Enter (Approval queue)', action: 'Approve the selected proposal (asks first when its underlying has moved beyond the set amount)' },
  { keys: 'M (Approval queue)', action: 'Change its size or entry limit, then Enter approves with the change' },
  { keys: 'R / S (Approval queue)', action: 'Reject it with a reason / snooze it 5 minutes' },
  { keys: '?', action: 'Show or hide this help' },
  { keys: 'Esc', action: 'Close this help' },
];
