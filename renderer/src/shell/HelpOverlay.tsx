import { useEffect, useRef } from 'react';
import { shortcutList } from './shortcuts';

/** The keyboard shortcuts (press ?). */
export function HelpOverlay({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={dialogRef} className="help-overlay" data-testid="help-overlay" aria-labelledby="help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table className="grid-table">
        <tbody>
          {shortcutList.map((shortcut) => (
            <tr key={shortcut.keys}>
              <th scope="row">
                <kbd>{shortcut.keys}</kbd>
              </th>
              <td>{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        No global shortcut places an order. In the order ticket, Enter first shows the preview; only a second Enter (or the button) places that
        order, and an order above the confirmation notional still asks you to confirm it.
      </p>
      <div className="dialog-buttons">
        <button type="button" className="btn" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
